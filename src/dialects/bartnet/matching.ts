// Bartnet replies carry no request id in any real server generation (only the spec has `in_reply_to`), and the June
// 2015 build put its own counter there. So a reply is matched by `in_reply_to` when that names a pending request,
// otherwise by command: the oldest pending request with the same command.

export interface PendingRequest {
  id: number;
  command: string;
  sentAt: number;
}

export interface ReplyLike {
  command?: unknown;
  in_reply_to?: unknown;
}

export interface ReplyMatcher {
  add(req: PendingRequest): void;
  /** Finds and removes the request a frame answers, or returns undefined when it answers none. */
  match(frame: ReplyLike): PendingRequest | undefined;
  /** Removes and returns requests older than `timeoutMs`. */
  expire(now: number, timeoutMs: number): PendingRequest[];
  /** Forgets everything (after a disconnect no reply can come). */
  clear(): void;
  pending(): readonly PendingRequest[];
}

export function createReplyMatcher(): ReplyMatcher {
  let list: PendingRequest[] = [];
  const take = (i: number) => list.splice(i, 1)[0];
  return {
    add(req) {
      list.push(req);
    },
    match(frame) {
      const irt = frame.in_reply_to;
      if (typeof irt === 'number' || (typeof irt === 'string' && irt !== '')) {
        const i = list.findIndex((r) => String(r.id) === String(irt));
        if (i >= 0) return take(i);
      }
      if (typeof frame.command !== 'string') return undefined;
      const i = list.findIndex((r) => r.command === frame.command);
      return i >= 0 ? take(i) : undefined;
    },
    expire(now, timeoutMs) {
      const old = list.filter((r) => now - r.sentAt >= timeoutMs);
      if (old.length) list = list.filter((r) => now - r.sentAt < timeoutMs);
      return old;
    },
    clear() {
      list = [];
    },
    pending: () => list,
  };
}
