import { describe, expect, it } from 'vitest';
import { addressSpace, endpointAdvice } from './endpointAdvice';

const hosted = { protocol: 'https:', hostname: 'tools.example.org' };
const local = { protocol: 'http:', hostname: '127.0.0.1' };

describe('addressSpace', () => {
  it('tells loopback, private and public addresses and names apart without resolving anything', () => {
    for (const h of ['localhost', 'app.localhost', '127.0.0.1', '127.8.9.10', '[::1]']) expect(addressSpace(h), h).toBe('loopback');
    for (const h of ['10.1.2.3', '172.16.0.1', '172.31.255.1', '192.168.1.20', '169.254.0.9', '100.64.0.1', '[fd00::1]', '[fe80::1]', 'drp.local', 'nas.home.arpa', 'labbox']) expect(addressSpace(h), h).toBe('private');
    for (const h of ['8.8.8.8', '172.32.0.1', '192.169.0.1', '[2001:db8::1]']) expect(addressSpace(h), h).toBe('public');
    expect(addressSpace('drp.example.com')).toBe('unknown');
  });
});

describe('endpointAdvice', () => {
  it('blocks ws:// and http:// to anything but loopback from an https page, offering wss:// or running locally', () => {
    const a = endpointAdvice(hosted, 'ws://10.1.2.3:8092/api/v3/ws');
    expect(a.blocked).toMatch(/served over https, so the browser blocks ws:\/\/10\.1\.2\.3:8092 as mixed content/);
    expect(a.blocked).toMatch(/Use wss:\/\//);
    expect(a.blocked).toMatch(/npm start.*dist\//);
    expect(endpointAdvice(hosted, 'http://bigchain.example.com:9984').blocked).toMatch(/blocks http:\/\/bigchain\.example\.com:9984 as mixed content.*Use https:\/\//);
    expect(endpointAdvice(hosted, 'wss://10.1.2.3:8092').blocked).toBeUndefined();
    // Loopback counts as secure: the browser allows it.
    expect(endpointAdvice(hosted, 'ws://127.0.0.1:8781/json').blocked).toBeUndefined();
    expect(endpointAdvice(hosted, 'ws://localhost:8781/json').blocked).toBeUndefined();
    // Over http nothing is mixed.
    expect(endpointAdvice(local, 'ws://10.1.2.3:8092').blocked).toBeUndefined();
    // A DRP endpoint typed without a scheme gets wss:// from the dialect: not blocked.
    expect(endpointAdvice(hosted, '10.1.2.3:8092').blocked).toBeUndefined();
  });

  it('warns that Chrome may ask for local-network access when a public page reaches a private or loopback address', () => {
    expect(endpointAdvice(hosted, 'wss://10.1.2.3:8092').notes.join()).toMatch(/10\.1\.2\.3 is a private-network address .*Chrome may ask .*devices on your local network\. Click Allow\..*Local network access/);
    expect(endpointAdvice(hosted, 'ws://127.0.0.1:8781/json').notes.join()).toMatch(/loopback address .*apps on this device/);
    expect(endpointAdvice(hosted, 'wss://drp.example.com').notes).toEqual([]);
    // From a page on the lab's own network (or loopback) nothing is asked.
    expect(endpointAdvice({ protocol: 'https:', hostname: '192.168.1.5' }, 'wss://10.1.2.3').notes).toEqual([]);
    expect(endpointAdvice(local, 'ws://10.1.2.3:8092').notes).toEqual([]);
  });

  it('says nothing about text that is not an address yet', () => {
    expect(endpointAdvice(hosted, '')).toEqual({ notes: [] });
    expect(endpointAdvice(hosted, 'ws://')).toEqual({ notes: [] });
  });
});
