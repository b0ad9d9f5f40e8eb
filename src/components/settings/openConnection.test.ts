import { describe, expect, it } from 'vitest';
import { useStore } from '../../store';
import { dismissSecretRequest, openPortable, provideSecrets, restoreOnLoad, secretRequest } from './openConnection';

describe('opening shared and saved connections', () => {
  it('opens a share link idle, asks for its secret, and puts the answer in memory only', () => {
    expect(restoreOnLoad('#dialect=json&endpoint=ws%3A%2F%2F127.0.0.1%3A9%2Fjson&name=shared&set.user=bob&ask=token,%3Ftoken', false)).toBe(true);
    const st = useStore.getState();
    const conn = st.connections.find((c) => c.name === 'shared')!;
    expect(conn).toMatchObject({ dialect: 'json', endpoint: 'ws://127.0.0.1:9/json', settings: { user: 'bob' } });
    expect(st.activeConnId).toBe(conn.id);
    expect(secretRequest.get()).toMatchObject({ connId: conn.id, names: ['token', '?token'], connectAfter: false });
    expect(st.statuses[conn.id].message).toMatch(/Needs Token, Endpoint parameter "token"/);
    provideSecrets({ token: 'T1', '?token': 'Q1' });
    const after = useStore.getState().connections.find((c) => c.id === conn.id)!;
    expect(after.settings.token).toBe('T1');
    expect(after.endpoint).toBe('ws://127.0.0.1:9/json?token=Q1');
    expect(secretRequest.get()).toBeNull();
  });

  it('says what to do when the prompt is dismissed, and ignores hashes that are not links', () => {
    expect(restoreOnLoad('#not-a-link', false)).toBe(false);
    const id = openPortable({ name: 'x', dialect: 'drp', endpoint: 'wss://127.0.0.1:8092', settings: {}, ask: ['password'], extras: {} }, { connect: false });
    dismissSecretRequest();
    expect(useStore.getState().statuses[id].message).toBe('Not connected: enter Password in the connection settings, then press Connect.');
  });
});
