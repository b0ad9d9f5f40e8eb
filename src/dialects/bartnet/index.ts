import type { Dialect, IncomingEvent, Observable, StreamEvent } from '../types';
import { decodeWsPayload } from '../../core/frames';
import { createReconnectingSocket, type ReconnectingSocket } from '../../transport/reconnectingSocket';
import { createObservable } from '../../core/observable';
import { decodeBartnetFrame, splitTopics } from './decode';
import { createReplyMatcher, type PendingRequest } from './matching';
import {
  authAttributes,
  crashesOnUnsubscribe,
  credentialWarning,
  envelope,
  GENERATION_NAMES,
  generationOf,
  hasSubscribe,
  internalErrorMessage,
  LoginError,
  loginUrlFor,
  loginWithPassword,
  maskFrame,
  parseTopics,
  topicList,
  type CredentialKind,
  type Generation,
  type OutFrame,
} from './protocol';
import { NOT_SENT_NOT_OPEN } from '../../core/errors';
import { readSettings } from '../readSettings';
import { bartnetEntities } from './entityRules';

// What the UI may use of this dialect; components import nothing deeper.
export { crashesOnUnsubscribe, GENERATION_NAMES, hasSubscribe, heartbeatStatus, parseTopics, topicsFor } from './protocol';

export type AuthState = 'idle' | 'logging-in' | 'login-failed' | 'waiting' | 'ok' | 'bad-token' | 'access-denied' | 'unauthenticated' | 'no-reply';

export interface BartnetState {
  auth: AuthState;
  authMessage: string;
  /** Customer id from the authenticate reply. */
  customer?: string;
  generation: Generation;
  /** What the app subscribes to (and re-sends after every reconnect). */
  topics: string[];
  /** What the server last reported (`subscriptions` or the spec's `subscribed_to`), as it spelled them. */
  serverSubscriptions?: string[];
  subscribeNote?: string;
  heartbeats: number;
  lastHeartbeatAt?: number;
  openedAt?: number;
  heartbeatTimeoutSec: number;
  replyTimeoutSec: number;
}

export interface BartnetController {
  state: Observable<BartnetState>;
  subscribe(topics: string[]): void;
  unsubscribe(topics: string[]): void;
  /** Sends authenticate again on the open socket. */
  authenticate(): void;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const credentialOf = (v: unknown): CredentialKind => (v === 'hmac' || v === 'password' ? v : 'token');

const col = (id: string, header: string, width: number) => ({ id: `bartnet.${id}`, header, width, get: (e: StreamEvent) => e.fields?.[id], field: id });

export const bartnetDialect: Dialect<BartnetController> = {
  id: 'bartnet',
  label: 'bartnet (Opsee)',
  description: 'Opsee bartnet streaming websocket: authenticate (a token for Gen C/D servers, an HMAC or email + password for Gen B), then subscribe to topics.',
  defaultEndpoint: 'ws://127.0.0.1:8080/stream',
  endpointPlaceholder: 'ws://host:8080/stream',
  settings: [
    {
      key: 'credential',
      label: 'Credential',
      kind: 'select',
      default: 'token',
      options: [
        { value: 'token', label: 'Token (Gen C, D)' },
        { value: 'hmac', label: 'HMAC (Gen B)' },
        { value: 'password', label: 'Email and password (Gen B)' },
      ],
      help: 'Gen C and D servers take only a token. Gen B takes an HMAC; email and password are exchanged for one at POST /authenticate/password, which only Gen B has. The bundled demo server (Gen C) accepts the token demo-token.',
    },
    { key: 'token', label: 'Token', kind: 'password', secret: true, placeholder: 'bearer token (attribute token)' },
    { key: 'hmac', label: 'HMAC', kind: 'password', secret: true, placeholder: '1--iFplvAUtzi_veq_dMKPfnjtg_SQ=' },
    { key: 'email', label: 'Email', kind: 'text', placeholder: 'for POST /authenticate/password' },
    { key: 'password', label: 'Password', kind: 'password', secret: true },
    {
      key: 'generation',
      label: 'Protocol generation',
      kind: 'select',
      default: 'c',
      options: [
        { value: 'c', label: 'Gen C, 2015-09 → 11 (token; subscribe)' },
        { value: 'd', label: 'Gen D, 2015-11 → 2017 (token; launch-bastion only, no subscribe)' },
        { value: 'b', label: 'Gen B, 2015-06 → 09 (HMAC or email + password)' },
        { value: 'spec', label: 'websocket.md spec (HMAC, id / version / sent)' },
      ],
      help: 'Which bartnet server code runs there. Real servers read only command and attributes and reply without in_reply_to; the spec document uses HMAC and a full envelope.',
    },
    { key: 'topics', label: 'Topics', kind: 'text', default: 'discovery,connected,launch-bastion', help: 'Comma-separated; subscribed after authenticate succeeds, and again after every reconnect.' },
    { key: 'replyTimeoutSeconds', label: 'Reply timeout (s)', kind: 'number', default: 5, positive: true, help: 'A failed authenticate gets no reply from some servers.' },
    { key: 'heartbeatTimeoutSeconds', label: 'Heartbeat expected within (s)', kind: 'number', default: 30, positive: true },
    { key: 'showHeartbeats', label: 'Show heartbeat frames', kind: 'checkbox', default: false },
  ],
  demoSettings: { credential: 'token', token: 'demo-token' },
  settingsWarning: (s) => credentialWarning(generationOf(s.generation), credentialOf(s.credential), str(s.hmac)),
  capabilities: { canSend: true, hasSubscriptions: true },
  entities: bartnetEntities,
  columns: [
    col('topic', 'Command/topic', 130),
    col('state', 'State', 90),
    col('customer', 'Customer', 90),
    col('instance', 'Instance', 110),
    col('host', 'Host', 160),
    col('service', 'Service', 100),
    col('metric', 'Metric', 70),
    col('ttl', 'TTL', 60),
    col('description', 'Description', 180),
    col('tags', 'Tags', 100),
  ],
  connect(options, sink) {
    const s = options.settings;
    const read = readSettings(bartnetDialect.settings, s);
    const kind = credentialOf(s.credential);
    const gen: Generation = generationOf(s.generation);
    const genName = GENERATION_NAMES[gen];
    const replyTimeoutSec = read.num('replyTimeoutSeconds');
    const showHeartbeats = s.showHeartbeats === true;
    const state = createObservable<BartnetState>({
      auth: 'idle',
      authMessage: 'Not authenticated yet.',
      generation: gen,
      topics: parseTopics(typeof s.topics === 'string' ? s.topics : 'discovery,connected,launch-bastion'),
      heartbeats: 0,
      heartbeatTimeoutSec: read.num('heartbeatTimeoutSeconds'),
      replyTimeoutSec,
    });
    const patch = (p: Partial<BartnetState>) => state.set((st) => ({ ...st, ...p }));
    const matcher = createReplyMatcher();
    let nextId = 1;
    let rs: ReconnectingSocket | undefined;
    let closed = false;
    let secret = kind === 'token' ? str(s.token).trim() : kind === 'hmac' ? str(s.hmac).trim() : '';
    let replyTimer: ReturnType<typeof setInterval> | undefined;

    const setAuth = (auth: AuthState, authMessage: string) => patch({ auth, authMessage });

    const sendFrame = (command: string, attributes: Record<string, string>): boolean => {
      const id = nextId++;
      const frame: OutFrame = envelope(gen, id, command, attributes);
      if (!rs?.send(JSON.stringify(frame))) {
        sink.emit({ dir: 'system', kind: 'error', summary: `Not sent (${command}): the connection is not open.` });
        return false;
      }
      matcher.add({ id, command, sentAt: Date.now() });
      // The row shows the frame with secrets masked; the wire got the real one.
      const shown = JSON.stringify(maskFrame(frame));
      const e = decodeBartnetFrame(shown);
      e.dir = 'out';
      sink.emit(e);
      return true;
    };

    const sendSubscriptions = (to: string[], from: string[] = []) => {
      if (!hasSubscribe(gen)) {
        patch({ subscribeNote: `${genName} servers have no subscribe: every authenticated socket gets the launch-bastion events.` });
        return;
      }
      const attributes: Record<string, string> = {};
      if (to.length) attributes.subscribe_to = topicList(to);
      if (from.length) attributes.unsubscribe_from = topicList(from);
      if (Object.keys(attributes).length) sendFrame('subscribe', attributes);
    };

    const authenticate = () => {
      if (!secret) {
        setAuth('bad-token', kind === 'token' ? 'No token entered.' : 'No HMAC entered.');
        return;
      }
      if (sendFrame('authenticate', authAttributes(gen, kind === 'token' ? 'token' : 'hmac', secret))) setAuth('waiting', 'Waiting for the authenticate reply…');
    };

    const onTimeouts = () => {
      for (const r of matcher.expire(Date.now(), replyTimeoutSec * 1000)) onNoReply(r);
    };
    const onNoReply = (r: PendingRequest) => {
      if (r.command === 'authenticate') {
        const msg = `No reply in ${replyTimeoutSec} s: the server ignores a failed authenticate (wrong or expired ${kind === 'token' ? 'token' : 'HMAC'}, or the wrong protocol generation).`;
        setAuth('no-reply', msg);
        sink.emit({ dir: 'system', kind: 'error', type: 'authenticate', summary: msg });
      } else if (r.command === 'subscribe') {
        patch({ subscribeNote: `No reply to subscribe in ${replyTimeoutSec} s (newer servers ignore subscribe and send every topic).` });
      }
    };

    const onReply = (req: PendingRequest, v: Record<string, unknown>) => {
      const attrs = v.attributes && typeof v.attributes === 'object' ? (v.attributes as Record<string, unknown>) : {};
      const st = typeof v.state === 'string' ? v.state : undefined;
      if (req.command === 'authenticate') {
        if (st === 'ok' || (!st && attrs.authenticated !== undefined)) {
          const customer = String(attrs.customer_id ?? attrs.authenticated ?? '') || undefined;
          patch({ auth: 'ok', authMessage: `Authenticated${customer ? ` as customer ${customer}` : ''}.`, customer });
          sink.emit({ dir: 'system', kind: 'notice', type: 'authenticate', summary: `Authenticated${customer ? ` (customer ${customer})` : ''}` });
          sendSubscriptions(state.get().topics);
        } else if (st === 'bad-token') {
          setAuth(
            'bad-token',
            kind === 'token'
              ? 'Bad token: the server could not read the credential (missing, malformed or expired).'
              : `Bad token: this server generation wants a token (Gen C and D read only attributes.token; an HMAC gets bad-token).`,
          );
        } else if (st === 'access-denied') {
          setAuth('access-denied', 'Access denied: the credential is valid but the login may not use the stream (inactive or unverified).');
        } else if (st === 'unauthenticated') {
          setAuth('unauthenticated', 'Not authenticated.');
        } else setAuth('ok', `Authenticate reply: ${st ?? 'no state'}.`);
      } else if (req.command === 'subscribe') {
        const list = typeof attrs.subscriptions === 'string' ? attrs.subscriptions : typeof attrs.subscribed_to === 'string' ? attrs.subscribed_to : undefined;
        if (st === 'access-denied' || st === 'unauthenticated') patch({ subscribeNote: `Subscribe refused (${st}): authenticate first.` });
        else if (list !== undefined) patch({ serverSubscriptions: splitTopics(list), subscribeNote: state.get().subscribeNote === reconnectNote ? reconnectNote : undefined });
        else patch({ subscribeNote: 'The server answered subscribe without listing subscriptions.' });
      }
    };

    const onFrame = (e: IncomingEvent) => {
      const v = e.kind === 'message' && e.value && typeof e.value === 'object' && !Array.isArray(e.value) ? (e.value as Record<string, unknown>) : undefined;
      if (v?.command === 'heartbeat') {
        // Fold heartbeats into the indicator: they are liveness, not data.
        const at = Date.now();
        patch({ heartbeats: state.get().heartbeats + 1, lastHeartbeatAt: at });
        sink.keepAlive?.(at);
        if (showHeartbeats) sink.emit(e);
        return;
      }
      if (v) {
        const req = matcher.match(v);
        if (req) onReply(req, v);
      }
      sink.emit(e);
    };

    const open = () => {
      // Each socket reports through its own sink, so one retired by a Gen C re-subscribe says nothing more.
      // (`self.socket` is unset only while the socket is being created, when it reports "connecting".)
      const self: { socket?: ReconnectingSocket } = {};
      const own: typeof sink = { emit: (e) => sink.emit(e), status: (st) => (self.socket === undefined || rs === self.socket) && sink.status(st) };
      const mine = createReconnectingSocket({
        url: options.endpoint,
        sink: own,
        autoReconnect: options.autoReconnect,
        WebSocketImpl: options.WebSocketImpl,
        // Authenticate (and, once it succeeds, the subscriptions) again after every reconnect.
        onOpen: () => {
          matcher.clear();
          // A note that explains this very reconnect stays.
          patch({ openedAt: Date.now(), serverSubscriptions: undefined, subscribeNote: carriedNote });
          carriedNote = undefined;
          authenticate();
        },
        onClose: (code, reason) => {
          if (rs !== mine) return;
          matcher.clear();
          const duringAuth = state.get().auth === 'waiting';
          patch({ openedAt: undefined, serverSubscriptions: undefined });
          if (code === 1011) {
            const msg = internalErrorMessage(gen, reason, duringAuth);
            if (duringAuth) setAuth('bad-token', msg);
            return msg;
          }
          if (duringAuth) setAuth('idle', 'Disconnected before the authenticate reply.');
        },
        // A credential that crashes the handler crashes it again on every reconnect.
        shouldReconnect: (code) => !(code === 1011 && state.get().auth === 'bad-token'),
        onMessage: (data) => decodeWsPayload(data, onFrame, decodeBartnetFrame),
      });
      self.socket = mine;
      rs = mine;
      replyTimer ??= setInterval(onTimeouts, 250);
    };

    /** Gen C cannot unsubscribe: a fresh socket authenticates and subscribes to what is left. */
    let carriedNote: string | undefined;
    let reconnectNote: string | undefined;
    const resubscribeByReconnect = () => {
      const old = rs;
      rs = undefined;
      old?.close();
      open();
    };

    if (kind === 'password') {
      const url = loginUrlFor(options.endpoint);
      setAuth('logging-in', `Logging in at ${url}…`);
      sink.status({ phase: 'connecting', message: `Logging in at ${url}…` });
      loginWithPassword(url, str(s.email), str(s.password), options.fetchImpl ?? fetch.bind(globalThis)).then(
        (hmac) => {
          if (closed) return;
          secret = hmac;
          sink.emit({ dir: 'system', kind: 'notice', type: 'login', summary: `Logged in as ${str(s.email)}: got an HMAC from POST /authenticate/password` });
          open();
        },
        (err: Error) => {
          if (closed) return;
          const msg = err instanceof LoginError ? err.message : `Login failed: ${err.message}`;
          setAuth('login-failed', msg);
          sink.status({ phase: 'error', message: msg });
          sink.emit({ dir: 'system', kind: 'error', type: 'login', summary: msg });
        },
      );
    } else open();
    const warning = bartnetDialect.settingsWarning?.(s);
    if (warning) sink.emit({ dir: 'system', kind: 'error', type: 'authenticate', summary: `Warning: ${warning}` });

    const changeTopics = (add: string[], remove: string[]) => {
      const cur = state.get().topics.filter((t) => !remove.includes(t));
      for (const t of add) if (!cur.includes(t)) cur.push(t);
      patch({ topics: cur });
      if (state.get().auth !== 'ok') return;
      const dropping = remove.filter((t) => state.get().serverSubscriptions?.some((x) => x === t || x.endsWith(`.${t}`)) ?? true);
      if (crashesOnUnsubscribe(gen) && dropping.length) {
        const note = `Gen C servers crash on unsubscribe_from (close 1011), so it was not sent: reconnected and subscribed to ${cur.length ? cur.join(', ') : 'nothing'} instead.`;
        sink.emit({ dir: 'system', kind: 'notice', type: 'subscribe', summary: note });
        carriedNote = reconnectNote = note;
        patch({ subscribeNote: note });
        resubscribeByReconnect();
        return;
      }
      sendSubscriptions(add, remove);
    };

    return {
      capabilities: bartnetDialect.capabilities,
      controller: {
        state,
        subscribe: (topics) => changeTopics(topics.map((t) => t.trim()).filter(Boolean), []),
        unsubscribe: (topics) => changeTopics([], topics.map((t) => t.trim()).filter(Boolean)),
        authenticate,
      },
      vetSend(text) {
        let v: unknown;
        try {
          v = JSON.parse(text);
        } catch {
          return { warn: "bartnet closes the connection (1011 JsonParseException) on a text frame that is not JSON; auto-reconnect authenticates again." };
        }
        const attrs = v && typeof v === 'object' ? (v as { command?: unknown; attributes?: { unsubscribe_from?: unknown } }) : undefined;
        if (crashesOnUnsubscribe(gen) && attrs?.command === 'subscribe' && typeof attrs.attributes?.unsubscribe_from === 'string' && attrs.attributes.unsubscribe_from !== '') {
          return { warn: 'Gen C servers crash on any unsubscribe_from: this closes the connection with 1011.' };
        }
        return null;
      },
      send(text) {
        if (!rs?.send(text)) {
          sink.emit({ dir: 'system', kind: 'error', summary: NOT_SENT_NOT_OPEN });
          return;
        }
        let e = decodeBartnetFrame(text);
        const v = e.value && typeof e.value === 'object' && !Array.isArray(e.value) ? (e.value as Record<string, unknown>) : undefined;
        if (typeof v?.command === 'string') {
          matcher.add({ id: nextId++, command: v.command, sentAt: Date.now() });
          // A hand-written authenticate holds a secret too: keep it out of the row.
          if (v.attributes && typeof v.attributes === 'object') e = decodeBartnetFrame(JSON.stringify(maskFrame(v as unknown as OutFrame)));
        }
        e.dir = 'out';
        sink.emit(e);
      },
      close() {
        closed = true;
        if (replyTimer) clearInterval(replyTimer);
        if (rs) rs.close();
        else sink.status({ phase: 'closed', message: 'Disconnected.' });
      },
      reconnect: () => rs?.reconnectNow(),
    };
  },
};
