/** The message of anything thrown: an Error's (or error-like object's) message, else the value as text. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (err && typeof err === 'object' && typeof (err as { message?: unknown }).message === 'string') return (err as { message: string }).message;
  try {
    return String(err);
  } catch {
    return 'unknown error';
  }
}

/** What a send on a closed connection says, in every dialect. */
export const NOT_SENT_NOT_OPEN = 'Not sent: the connection is not open.';
