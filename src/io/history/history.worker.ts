/// <reference lib="webworker" />
// The stored history's writer, off the page's main thread (see historyWriter.ts).
import { openHistoryDb } from './historyDb';
import { createHistoryWriter, type ToHistoryWriter } from './historyWriter';

declare const self: DedicatedWorkerGlobalScope;

const writer = createHistoryWriter({ openDb: openHistoryDb, post: (m) => self.postMessage(m) });
self.onmessage = (ev: MessageEvent<ToHistoryWriter>) => writer.receive(ev.data);
