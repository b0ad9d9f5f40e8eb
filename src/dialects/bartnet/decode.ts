import type { IncomingEvent } from '../types';
import { decodeTextFrame } from '../../core/frames';
import { summarizeValue } from '../../lib/format';

/** The table's columns, filled from every frame shape: spec envelope, 6-key frame (Gen B/C), raw NSQ body (Gen D). */
export interface BartnetFields {
  topic?: string;
  state?: string;
  customer?: string;
  instance?: string;
  host?: string;
  service?: string;
  metric?: number | string;
  ttl?: number | string;
  description?: string;
  tags?: string;
}

const s = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);
const n = (v: unknown): number | string | undefined => (typeof v === 'number' ? v : s(v));
const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export function bartnetFields(value: unknown): BartnetFields | undefined {
  if (!isObj(value) || typeof value.command !== 'string') return undefined;
  const attrs = isObj(value.attributes) ? value.attributes : {};
  const f: BartnetFields = {
    topic: value.command,
    state: s(value.state),
    // Gen D launch frames spell it `instance-id` (from the 10 s launch heartbeat).
    customer: s(value.customer_id) ?? s(attrs.customer_id),
    instance: s(value.instance_id) ?? s(value['instance-id']),
    host: s(value.host),
    service: s(value.service),
    metric: n(value.metric),
    ttl: n(value.ttl),
    description: s(value.description),
    tags: Array.isArray(value.tags) ? value.tags.map(String).join(', ') : s(value.tags),
  };
  for (const k of Object.keys(f) as (keyof BartnetFields)[]) if (f[k] === undefined) delete f[k];
  return f;
}

/** A short description of the attributes, e.g. CloudFormation progress, without the login's private details. */
function attributesSummary(attrs: Record<string, unknown>): string {
  if (typeof attrs.ResourceStatus === 'string') return `${attrs.LogicalResourceId ?? attrs.ResourceType ?? ''} ${attrs.ResourceStatus}`.trim();
  if (typeof attrs.subscriptions === 'string') return `subscriptions: ${attrs.subscriptions || '(none)'}`;
  if (typeof attrs.subscribed_to === 'string') return `subscribed to: ${attrs.subscribed_to || '(none)'}`;
  return Object.keys(attrs).length ? summarizeValue(attrs, 100) : '';
}

export function decodeBartnetFrame(raw: string): IncomingEvent {
  const e = decodeTextFrame(raw);
  const f = e.kind === 'message' ? bartnetFields(e.value) : undefined;
  if (f) {
    const v = e.value as Record<string, unknown>;
    e.type = f.topic;
    if (f.state) e.action = f.state;
    const key = f.instance ?? f.host;
    if (key) e.key = key;
    e.fields = { ...f };
    // `time` is when a check ran; otherwise `sent` (a cheshire date string, or the spec's number) is the best clue.
    const when = typeof v.time === 'number' ? v.time : v.sent;
    if (typeof when === 'number') e.sourceTime = when > 1e12 ? when : when * 1000;
    else if (typeof when === 'string' && !Number.isNaN(Date.parse(when))) e.sourceTime = Date.parse(when);
    const attrs = isObj(v.attributes) ? attributesSummary(v.attributes) : '';
    e.summary = [f.topic, f.state, f.instance, f.host, f.description, attrs].filter(Boolean).join(' · ');
  }
  return e;
}

/** Topic names the server reports as `<customer>.<topic>`; the panel shows them as they came. */
export function splitTopics(list: unknown): string[] {
  return typeof list === 'string' ? list.split(',').filter((t) => t !== '') : [];
}
