// Messages between WorkerWebSocket (page) and socket.worker.ts.
export type WireFrame = string | ArrayBuffer;

export type ToWorker =
  | { t: 'open'; id: number; url: string; protocols?: string | string[] }
  | { t: 'send'; id: number; data: string | ArrayBuffer }
  | { t: 'close'; id: number; code?: number; reason?: string };

export type FromWorker =
  | { t: 'open'; id: number; protocol: string; extensions: string }
  | { t: 'frames'; id: number; frames: WireFrame[] }
  | { t: 'error'; id: number; message: string; fatal: boolean }
  | { t: 'close'; id: number; code: number; reason: string; wasClean: boolean };
