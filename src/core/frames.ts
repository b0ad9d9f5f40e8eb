import type { IncomingEvent } from './events';
import { errorMessage } from './errors';
import { parseJson } from './exactJson';

// Frame helpers every transport and dialect shares: a frame's byte size, and a WebSocket payload turned into an event
// that keeps the exact frame.

/** UTF-8 byte length without allocating an encoded copy (frames can be 50 MB). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** A text frame decoded as JSON when it parses, otherwise kept as text with the parse error. Nothing is dropped. */
export function decodeTextFrame(raw: string, dir: 'in' | 'out' = 'in'): IncomingEvent {
  const size = utf8Length(raw);
  const c = raw.charCodeAt(0);
  // Only try JSON.parse when the frame could be JSON; plain text skips the exception cost.
  const looksJson = c === 123 /* { */ || c === 91 /* [ */ || c === 34 /* " */ || (c >= 48 && c <= 57) || c === 45 || raw === 'true' || raw === 'false' || raw === 'null' || /^\s/.test(raw);
  if (looksJson) {
    try {
      return { dir, kind: 'message', raw, value: parseJson(raw), size };
    } catch (err) {
      return { dir, kind: 'text', raw, size, parseError: `Malformed JSON: ${errorMessage(err)}` };
    }
  }
  return { dir, kind: 'text', raw, size };
}

export function decodeBinaryFrame(data: ArrayBuffer | Uint8Array, dir: 'in' | 'out' = 'in'): IncomingEvent {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  return { dir, kind: 'binary', bytes, size: bytes.byteLength };
}

/**
 * Decodes any WebSocket payload. Blobs (when a socket's binaryType was not set) are read asynchronously; `emit` is
 * called in order for synchronous payloads and as soon as possible for Blobs.
 */
export function decodeWsPayload(data: string | ArrayBuffer | Blob, emit: (e: IncomingEvent) => void, decodeText = decodeTextFrame): void {
  if (typeof data === 'string') emit(decodeText(data));
  else if (data instanceof ArrayBuffer) emit(decodeBinaryFrame(data));
  else if (typeof Blob !== 'undefined' && data instanceof Blob) {
    data.arrayBuffer().then(
      (buf) => emit(decodeBinaryFrame(buf)),
      (err: Error) => emit({ dir: 'in', kind: 'error', summary: `Could not read a binary frame: ${err.message}` }),
    );
  } else emit({ dir: 'in', kind: 'error', summary: 'Unknown frame type' });
}
