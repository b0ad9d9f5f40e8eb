import { describe, expect, it } from 'vitest';
import { MASK, maskUrl } from './secrets';

describe('maskUrl', () => {
  it('masks secret query values and keeps the rest', () => {
    expect(maskUrl('wss://h:8092/api/v3/ws?token=rocketskates:r0cketsk8ts')).toBe(`wss://h:8092/api/v3/ws?token=${MASK}`);
    expect(maskUrl('ws://h/v1/events?user=me&token=abc')).toBe(`ws://h/v1/events?user=me&token=${MASK}`);
    expect(maskUrl('ws://h/x?auth=Basic%20abc&type=service')).toBe(`ws://h/x?auth=${MASK}&type=service`);
  });
  it('masks a password in the userinfo', () => {
    expect(maskUrl('ws://bob:pw@h/x')).not.toContain('pw@');
  });
  it('leaves URLs without secrets and non-URLs alone', () => {
    expect(maskUrl('ws://127.0.0.1:8781/json?rate=20')).toBe('ws://127.0.0.1:8781/json?rate=20');
    expect(maskUrl('not a url')).toBe('not a url');
  });
});
