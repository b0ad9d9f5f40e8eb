export type { FilterNode, FilterError, ValueTest, CompareOp, Span } from './ast';
export { parseQuery, parseNumber, type ParseResult } from './parse';
export { compileQuery, compileNode, type Predicate, type CompileResult } from './compile';
export { addTerm, fieldTerm, quoteValue, replaceFieldTerm } from './terms';
export { timeRangeTerm, formatTimeBound, type TimeRange } from './time';
export { setShapeDriftTest } from './shapeTerm';
