import { describe, expect, it } from 'vitest';
import type { AgentCall } from '../core/call.js';
import { callFromInvite, correlateInvite } from './sipCorrelation.js';

const amiCall: AgentCall = {
  linkedid: '1732550000.42',
  queue: 'alo153',
  callerNumber: '905321112233',
  callerName: 'Vatandaş Ali',
  phase: 'ringing',
  ringingSince: 1_000_000,
  answeredAt: null,
  endedAt: null,
  queueWaitSec: null,
  talkSec: null,
};
const invite = (over: Partial<Parameters<typeof correlateInvite>[0]> = {}) => ({
  callId: 'abc@host',
  callerNumber: '05321112233',
  callerName: null,
  linkedid: null,
  ...over,
});

describe('softphone INVITE ↔ AMI call', () => {
  it('matches by the Linkedid header, and only the call it names', () => {
    expect(correlateInvite(invite({ linkedid: '1732550000.42' }), amiCall, 1_000_500)).toEqual({ by: 'linkedid', call: amiCall });
    expect(correlateInvite(invite({ linkedid: '1732550000.99' }), amiCall, 1_000_500).by).toBe('none');
  });

  it('without the header, takes the same caller (in any number format) ringing within 10 s', () => {
    expect(correlateInvite(invite(), amiCall, 1_004_000).by).toBe('caller-and-time');
    expect(correlateInvite(invite({ callerNumber: '+90 532 111 22 33'.replace(/ /g, '') }), amiCall, 999_000).by).toBe('caller-and-time');
    expect(correlateInvite(invite(), amiCall, 1_011_000).by).toBe('none');
    expect(correlateInvite(invite({ callerNumber: '05329998877' }), amiCall, 1_000_100).by).toBe('none');
  });

  it('never pairs with an ended call or with nothing', () => {
    expect(correlateInvite(invite(), { ...amiCall, phase: 'ended', endedAt: 1_000_200 }, 1_000_300).by).toBe('none');
    expect(correlateInvite(invite(), null, 1_000_300).by).toBe('none');
  });

  it('makes a SIP-only call that keeps the header Linkedid, or an id of the same shape', () => {
    expect(callFromInvite(invite({ linkedid: '1732550000.7' }), 5_000).linkedid).toBe('1732550000.7');
    const a = callFromInvite(invite(), 1_732_550_000_000);
    const b = callFromInvite(invite(), 1_732_550_000_000);
    expect(a.linkedid).toMatch(/^1732550000\.\d+$/);
    expect(a.linkedid).not.toBe(b.linkedid);
    expect(a).toMatchObject({ phase: 'ringing', callerNumber: '05321112233', queue: 'softphone' });
  });
});
