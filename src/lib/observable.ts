// createObservable lives in src/core/observable; this re-export keeps src/dialects/remotedev's import working until
// that dialect's own restructuring moves it to the core path.
export { createObservable } from '../core/observable';
