// A JavaScript stack trace as text (V8's "    at fn (file:line:col)", Firefox's and Safari's "fn@file:line:col"),
// read into frames. Each line is parsed by stacktrace-parser, which knows the engines' formats (async, new, eval,
// Windows paths); lines it cannot read are kept as they are, so nothing the app sent is lost.
import { parse } from 'stacktrace-parser';

/** Whose code a frame is in: the app's own, a package (node_modules, a bundler's dependency folder), or the runtime. */
export type FrameKind = 'app' | 'library' | 'runtime';

export interface StackFrame {
  /** The function as the engine names it; "(anonymous)" when it has none. */
  fn: string;
  file?: string;
  line?: number;
  column?: number;
  kind: FrameKind;
  /** The line as it came, trimmed. */
  text: string;
}

export interface ParsedStack {
  /** The first line when it is not a frame ("Error", "Error: message"). */
  message?: string;
  frames: StackFrame[];
}

const LIBRARY = /[\\/]node_modules[\\/]|[\\/]\.vite[\\/]deps[\\/]|^webpack\/bootstrap|[\\/]~[\\/]/;
const RUNTIME = /^(node:|internal[\\/]|native$|<anonymous>$|\[native code\]$)/;

export function frameKind(file: string | undefined): FrameKind {
  if (!file || RUNTIME.test(file)) return 'runtime';
  return LIBRARY.test(file) ? 'library' : 'app';
}

export function parseStack(stack: string): ParsedStack {
  const out: ParsedStack = { frames: [] };
  const lines = stack.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const text = raw.trim();
    if (!text) return;
    const [f] = parse(text);
    if (!f || (f.file === null && f.lineNumber === null)) {
      if (i === 0 && !/^\s*at\s/.test(raw)) out.message = text;
      else out.frames.push({ fn: text.replace(/^at\s+/, ''), kind: 'runtime', text });
      return;
    }
    const fn = !f.methodName || f.methodName === '<unknown>' ? '(anonymous)' : f.methodName;
    out.frames.push({ fn, file: f.file ?? undefined, line: f.lineNumber ?? undefined, column: f.column ?? undefined, kind: frameKind(f.file ?? undefined), text });
  });
  return out;
}

/** "file:line:column", as editors and terminals open it. */
export function frameLocation(f: StackFrame): string {
  if (!f.file) return '';
  return `${f.file}${f.line !== undefined ? `:${f.line}` : ''}${f.column !== undefined ? `:${f.column}` : ''}`;
}

/** Frames in runs of the same kind (library and runtime count as one), for showing app code and folding the rest. */
export function frameRuns(frames: StackFrame[]): { app: boolean; frames: StackFrame[] }[] {
  const runs: { app: boolean; frames: StackFrame[] }[] = [];
  for (const f of frames) {
    const app = f.kind === 'app';
    const last = runs[runs.length - 1];
    if (last && last.app === app) last.frames.push(f);
    else runs.push({ app, frames: [f] });
  }
  return runs;
}
