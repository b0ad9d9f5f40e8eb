import { describe, expect, it } from 'vitest';
import { bartnetFields, decodeBartnetFrame, splitTopics } from './decode';

describe('bartnet frames', () => {
  it('reads a Gen C 6-key event frame', () => {
    const raw = '{"command":"discovery","sent":"2015-10-01T12:00:00Z","attributes":{"group":"sg-12345"},"state":"ok","instance_id":"i-334345","service":"discovery"}';
    const e = decodeBartnetFrame(raw);
    expect(e).toMatchObject({ kind: 'message', type: 'discovery', action: 'ok', key: 'i-334345', fields: { topic: 'discovery', state: 'ok', instance: 'i-334345', service: 'discovery' } });
    expect(e.sourceTime).toBe(Date.parse('2015-10-01T12:00:00Z'));
    expect(decodeBartnetFrame('{"command":"check_results","sent":1,"time":1433332800}').sourceTime).toBe(1433332800000);
  });
  it('reads a Gen D raw launch frame with `instance-id`', () => {
    const f = bartnetFields({ command: 'launch-bastion', customer_id: 'c1', 'instance-id': 'b-1', state: 'launching' });
    expect(f).toEqual({ topic: 'launch-bastion', customer: 'c1', instance: 'b-1', state: 'launching' });
    const e = decodeBartnetFrame('{"command":"launch-bastion","customer_id":"c1","instance_id":"b-1","state":"launching","attributes":{"ResourceType":"AWS::EC2::Instance","ResourceStatus":"CREATE_IN_PROGRESS","LogicalResourceId":"BastionInstance"}}');
    expect(e.summary).toContain('BastionInstance CREATE_IN_PROGRESS');
  });
  it('reads the spec envelope with every column', () => {
    const f = bartnetFields({ id: 9, version: 1, command: 'check_results', customer_id: 'abc1234', instance_id: 'i-1', host: 'ec2-1.compute-1.amazonaws.com', service: 'sg-12345', state: 'up', description: 'fine', tags: ['dev', 'web'], metric: 0.25, ttl: 3.5 });
    expect(f).toEqual({ topic: 'check_results', customer: 'abc1234', instance: 'i-1', host: 'ec2-1.compute-1.amazonaws.com', service: 'sg-12345', state: 'up', description: 'fine', tags: 'dev, web', metric: 0.25, ttl: 3.5 });
  });
  it('summarises subscription replies and leaves other JSON alone', () => {
    expect(decodeBartnetFrame('{"command":"subscribe","attributes":{"subscriptions":"cust1.discovery,cust1.connected"},"state":"ok"}').summary).toContain('subscriptions: cust1.discovery,cust1.connected');
    expect(decodeBartnetFrame('{"foo":1}').fields).toBeUndefined();
    expect(splitTopics('a,b,,c')).toEqual(['a', 'b', 'c']);
    expect(splitTopics(null)).toEqual([]);
  });
});
