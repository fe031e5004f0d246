import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentCall } from '../../core/call.js';
import { hashSecurityCode } from '../../core/securityCode.js';
import { insertCase } from '../../db/caseRepository.js';
import { ACTOR, minutesAfter, preparedCase, T0, tempStore } from '../../db/testSupport.js';
import { callerHistory, POP_LATEST_CASES, POP_OPEN_CASES, screenPopOf } from './screenPop.js';

const CALLER = '905321112233';
const HOUR = 60;
const hash = hashSecurityCode('K7M2P9RT');

let store: ReturnType<typeof tempStore>;
let db: Database;

beforeEach(() => {
  store = tempStore();
  db = store.open();
});
afterEach(() => store.close());

const ringing = (linkedid: string, callerNumber = CALLER): AgentCall => ({
  linkedid,
  queue: 'alo153',
  callerNumber,
  callerName: null,
  phase: 'ringing',
  ringingSince: T0.getTime(),
  answeredAt: null,
  endedAt: null,
  queueWaitSec: null,
  talkSec: null,
});

/** `count` cases of CALLER an hour apart, oldest first; those at `openAt` are still open (forwarded). */
function history(count: number, openAt: readonly number[] = []) {
  return Array.from({ length: count }, (_, i) =>
    insertCase(db, preparedCase({ outcome: openAt.includes(i) ? 'forwarded' : 'resolved', linkedid: `1741593600.${i}` }), {
      now: minutesAfter(i * HOUR),
      actor: ACTOR,
      securityCode: '',
      securityCodeHash: hash,
    }),
  );
}

describe('screen-pop', () => {
  it('a caller with 150 past cases pops with the latest three and the open ones, and how many there are', () => {
    const cases = history(150, [3, 40]);
    const now = minutesAfter(150 * HOUR);
    const pop = screenPopOf(db, ringing('1741600000.1'), now);

    const latest = cases.slice(-POP_LATEST_CASES).reverse().map((c) => c.id);
    expect(pop.previousCases.map((c) => c.id)).toEqual([...latest, cases[40]!.id, cases[3]!.id]);
    expect(pop.caseCounts).toEqual({ all: 150, open: 2 });
    expect(pop.knownName).toBe('Ali Vatandaş');
  });

  it('sends open cases among the latest once, and no more than the pop shows', () => {
    const cases = history(30, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 28]);
    const pop = screenPopOf(db, ringing('1741600000.1'), minutesAfter(30 * HOUR));
    const ids = pop.previousCases.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    // The three latest (one of them open), then the newest open ones, three open in all.
    expect(POP_LATEST_CASES).toBe(3);
    expect(POP_OPEN_CASES).toBe(3);
    expect(ids.slice(0, 3)).toEqual(cases.slice(-3).reverse().map((c) => c.id));
    expect(ids.slice(3)).toEqual([12, 11].map((i) => cases[i]!.id));
    expect(pop.caseCounts).toEqual({ all: 30, open: 13 });
  });

  it('an unknown or withheld number pops with no history', () => {
    history(3);
    for (const number of ['905551234567', '', 'anonymous']) {
      const pop = screenPopOf(db, ringing('1741600000.2', number), minutesAfter(10 * HOUR));
      expect(pop).toMatchObject({ knownName: null, previousCases: [], caseCounts: { all: 0, open: 0 }, repeatCandidates: [] });
    }
  });

  it('a case recorded on this very call is history, not a repeat call', () => {
    const [earlier, onThisCall] = history(2);
    const pop = screenPopOf(db, ringing(onThisCall!.linkedid!), minutesAfter(2 * HOUR));
    expect(pop.previousCases.map((c) => c.id)).toEqual([onThisCall!.id, earlier!.id]);
    expect(pop.repeatCandidates.map((c) => c.id)).toEqual([earlier!.id]);
  });
});

describe('the caller’s whole history', () => {
  it('comes a page at a time, newest first, with the count of all', () => {
    const cases = history(150);
    const newestFirst = cases.map((c) => c.id).reverse();
    const now = minutesAfter(150 * HOUR);
    const first = callerHistory(db, '0532 111 22 33', { offset: 0, limit: 100 }, now);
    const rest = callerHistory(db, CALLER, { offset: 100, limit: 100 }, now);
    expect(first.total).toBe(150);
    expect([...first.cases, ...rest.cases].map((c) => c.id)).toEqual(newestFirst);
    expect(callerHistory(db, '905551234567', { offset: 0, limit: 100 }, now)).toEqual({ knownName: null, cases: [], total: 0 });
  });
});
