/// <reference lib="webworker" />
// The remotedev sockets' thread (workerTransport.ts starts it): socketcluster-client runs here, and the page receives
// channel messages in batches.
import { openDirectTransport } from './directTransport';
import type { FromWorker, ToWorker } from './transport';
import { createTransportHost } from './workerHost';

declare const self: DedicatedWorkerGlobalScope;

const post = (m: FromWorker) => self.postMessage(m);
const host = createTransportHost({ post, open: openDirectTransport });
self.onmessage = (ev: MessageEvent<ToWorker>) => host.receive(ev.data);
post({ t: 'ready' });
