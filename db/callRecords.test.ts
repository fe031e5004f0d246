import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentCall } from '../core/call.js';
import { callRecordOf, recordCall } from './callRecords.js';
import { tempStore } from './testSupport.js';

let store: ReturnType<typeof tempStore>;
let db: Database;
beforeEach(() => {
  store = tempStore();
  db = store.open();
});
afterEach(() => store.close());

const ended: AgentCall = {
  linkedid: '1795423995.0',
  queue: 'alo153',
  callerNumber: '905321112233',
  callerName: 'Vatandaş Ali',
  phase: 'ended',
  ringingSince: Date.parse('2026-11-25T09:00:00.000Z'),
  answeredAt: Date.parse('2026-11-25T09:00:02.000Z'),
  endedAt: Date.parse('2026-11-25T09:03:07.400Z'),
  queueWaitSec: 12,
  talkSec: null,
};

describe('call records', () => {
  it('keeps wait and talk time under the Linkedid the case carries', () => {
    recordCall(db, ended, 'PJSIP/1004');
    expect(callRecordOf(db, '1795423995.0')).toEqual({
      linkedid: '1795423995.0',
      queue: 'alo153',
      callerNumber: '905321112233',
      agentInterface: 'PJSIP/1004',
      ringingAt: '2026-11-25T09:00:00.000Z',
      answeredAt: '2026-11-25T09:00:02.000Z',
      endedAt: '2026-11-25T09:03:07.400Z',
      queueWaitSec: 12,
      // No TalkTime from the PBX (a softphone-only call): the desk's own count.
      talkSec: 185,
    });
    expect(callRecordOf(db, '1.2')).toBeNull();
  });

  it('takes the PBX talk time when there is one, and one record per call', () => {
    recordCall(db, { ...ended, talkSec: 184 }, 'PJSIP/1004');
    recordCall(db, { ...ended, talkSec: 190, endedAt: ended.endedAt! + 6000 }, 'PJSIP/1004');
    expect(callRecordOf(db, '1795423995.0')?.talkSec).toBe(190);
  });

  it('a missed call has no answer and no talk time', () => {
    recordCall(db, { ...ended, answeredAt: null, queueWaitSec: null }, 'PJSIP/1004');
    expect(callRecordOf(db, '1795423995.0')).toMatchObject({ answeredAt: null, talkSec: null, queueWaitSec: null });
  });

  it('refuses a call that has not ended', () => {
    expect(() => recordCall(db, { ...ended, phase: 'connected', endedAt: null }, 'x')).toThrow(RangeError);
  });
});
