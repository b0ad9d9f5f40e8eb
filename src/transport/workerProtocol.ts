// Messages between WorkerWebSocket (page) and the socket worker (socketWorkerHost.ts). Named apart from remotedev's
// own worker messages (src/dialects/remotedev/transport.ts), which carry SocketCluster events, not frames.
export type WireFrame = string | ArrayBuffer;

export type ToSocketWorker =
  | { t: 'open'; id: number; url: string; protocols?: string | string[] }
  | { t: 'send'; id: number; data: string | ArrayBuffer }
  | { t: 'close'; id: number; code?: number; reason?: string };

export type FromSocketWorker =
  | { t: 'open'; id: number; protocol: string; extensions: string }
  | { t: 'frames'; id: number; frames: WireFrame[] }
  | { t: 'error'; id: number; message: string; fatal: boolean }
  | { t: 'close'; id: number; code: number; reason: string; wasClean: boolean };
