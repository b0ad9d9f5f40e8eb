/// <reference lib="webworker" />
// Owns real WebSockets off the main thread. The browser delivers every frame to this worker's event loop; frames
// are forwarded to the page in batches, so the page pays one message event per batch instead of one per frame.
import type { ToSocketWorker } from './workerProtocol';
import { createSocketWorkerHost } from './socketWorkerHost';

declare const self: DedicatedWorkerGlobalScope;

const host = createSocketWorkerHost({ post: (m, transfer = []) => self.postMessage(m, transfer) });
self.onmessage = (ev: MessageEvent<ToSocketWorker>) => host.receive(ev.data);
