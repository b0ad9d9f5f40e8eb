import { isSafeNumber, parse as losslessParse } from 'lossless-json';

// JSON.parse turns 18446744073709551617 into 18446744073709552000 without a word. Frames keep their raw text, so
// nothing is lost there, but the detail tree and the filter read the parsed value. A number whose digits a double
// cannot hold becomes an ExactNumber carrying its source text. Only frames with a run of 16 or more digits (the
// shortest integer past 2^53 has 16) pay for it: the native reviver with source text access where the runtime has
// it (Chromium, Firefox), else lossless-json's parser.

/** A JSON number kept as the digits it arrived with, because a double would round it. */
export class ExactNumber {
  constructor(readonly source: string) {}
  /** The integer as a bigint, or undefined for a fraction or exponent. */
  get bigint(): bigint | undefined {
    return /^-?\d+$/.test(this.source) ? BigInt(this.source) : undefined;
  }
  valueOf(): number {
    return Number(this.source);
  }
  toString(): string {
    return this.source;
  }
  /** JSON.stringify writes the digits as they came where JSON.rawJSON exists, the nearest double elsewhere. */
  toJSON(): unknown {
    return rawJSON ? rawJSON(this.source) : Number(this.source);
  }
}

const rawJSON = (JSON as unknown as { rawJSON?: (text: string) => unknown }).rawJSON;

type SourceReviver = (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown;

const hasSourceAccess = (() => {
  let ok = false;
  JSON.parse('1', ((_k, v, c) => {
    ok = typeof c?.source === 'string';
    return v;
  }) as SourceReviver as (k: string, v: unknown) => unknown);
  return ok;
})();

const reviveExact: SourceReviver = (_k, v, c) => (typeof v === 'number' && c?.source !== undefined && !isSafeNumber(c.source) ? new ExactNumber(c.source) : v);

const parseNumberExact = (text: string): unknown => (isSafeNumber(text) ? Number(text) : new ExactNumber(text));

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Whether `s` holds 16 digits in a row. Every frame passes here, so it skips: when the 16th character ahead is not
 * a digit, no such run can include it, and the search jumps 16 on. About a tenth of the time /\d{16}/ takes (and a
 * few percent of JSON.parse) on everyday frames.
 */
export function hasLongDigitRun(s: string): boolean {
  const n = s.length;
  let i = 15;
  while (i < n) {
    if (!isDigit(s.charCodeAt(i))) {
      i += 16;
      continue;
    }
    let run = 1;
    for (let j = i - 1; j >= 0 && run < 16 && isDigit(s.charCodeAt(j)); j--) run++;
    if (run >= 16) return true;
    let k = i + 1;
    for (; k < n && isDigit(s.charCodeAt(k)); k++) if (++run >= 16) return true;
    i = k + 16;
  }
  return false;
}

/** JSON.parse, except that numbers a double would round come back as ExactNumber. Throws what JSON.parse throws. */
export function parseJson(text: string): unknown {
  if (!hasLongDigitRun(text)) return JSON.parse(text);
  if (hasSourceAccess) return JSON.parse(text, reviveExact as (k: string, v: unknown) => unknown);
  try {
    return losslessParse(text, null, parseNumberExact);
  } catch {
    // lossless-json refuses some texts JSON.parse takes (a key given twice): then the value is JSON.parse's, and
    // a malformed text throws JSON.parse's own message.
    return JSON.parse(text);
  }
}

/** Whether `v` is a number, parsed exact or not. */
export const isNumeric = (v: unknown): v is number | ExactNumber => typeof v === 'number' || v instanceof ExactNumber;
