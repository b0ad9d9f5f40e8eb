import type { StreamEvent } from '../../../dialects/types';

export const isActionRow = (e: StreamEvent) => e.dialect === 'remotedev' && e.fields?.rowKind === 'action';

/** Which action of which instance a row shows, and which row it is (ids are reused after Reset, Import…). */
export function rowRef(event: StreamEvent) {
  const f = event.fields ?? {};
  return { key: f.instance as string, id: f.actionId as number, token: f.token as number | undefined, epoch: f.epoch as number | undefined };
}
