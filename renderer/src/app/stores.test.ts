import { describe, expect, it } from 'vitest';
import { aCase, aScreenPop, aSnapshot } from '../shared/testing/fixtures.js';
import { callDismissed, initialCallState, screenPopChanged } from '../callDesk/callStore.js';
import { caseSaved, initialCasesState, listLoaded, MAX_CASES } from '../cases/casesStore.js';
import { connectionChanged, initialHostState, loadFailed, snapshotLoaded } from '../shared/state/hostStore.js';
import { hostLost, initialLinkState, linkChanged, selectLinkStatus } from '../shared/state/linkStore.js';

describe('casesStore', () => {
  it('keeps the list newest first and upserts saved cases by id', () => {
    const older = aCase({ id: 1, createdAt: '2025-11-25T08:00:00Z' });
    const newer = aCase({ id: 2, createdAt: '2025-11-25T09:00:00Z' });
    let s = listLoaded(initialCasesState, [older, newer]);
    expect(s.loaded).toBe(true);
    expect(s.cases.map((c) => c.id)).toEqual([2, 1]);

    s = caseSaved(s, aCase({ id: 3, createdAt: '2025-11-25T10:00:00Z' }));
    s = caseSaved(s, { ...older, status: 'resolved' });
    expect(s.cases.map((c) => c.id)).toEqual([3, 2, 1]);
    expect(s.cases.find((c) => c.id === 1)?.status).toBe('resolved');
  });

  it('breaks ties on the same instant by id', () => {
    const at = '2025-11-25T08:00:00Z';
    const s = listLoaded(initialCasesState, [aCase({ id: 7, createdAt: at }), aCase({ id: 9, createdAt: at })]);
    expect(s.cases.map((c) => c.id)).toEqual([9, 7]);
  });

  it('replaces the list on reload but keeps cases saved while it was loading', () => {
    const stale = caseSaved(initialCasesState, aCase({ id: 99, createdAt: '2025-11-20T08:00:00Z' }));
    const fresh = aCase({ id: 5, createdAt: '2025-11-25T08:00:00Z' });
    const meanwhile = aCase({ id: 6, createdAt: '2025-11-25T08:01:00Z' });
    const s = listLoaded(stale, [fresh], [meanwhile]);
    expect(s.cases.map((c) => c.id)).toEqual([6, 5]);
  });

  it('stays bounded', () => {
    const many = Array.from({ length: MAX_CASES + 10 }, (_, i) => aCase({ id: i + 1 }));
    expect(listLoaded(initialCasesState, many).cases).toHaveLength(MAX_CASES);
  });
});

describe('callStore', () => {
  it('follows the pushed screen-pop and clears only the dismissed call', () => {
    const pop = aScreenPop({ linkedid: '1.1', phase: 'ended' });
    let s = screenPopChanged(initialCallState, pop);
    expect(callDismissed(s, '2.2')).toBe(s);
    s = callDismissed(s, '1.1');
    expect(s.screenPop).toBeNull();
  });
});

describe('linkStore', () => {
  it('reports unknown until told and after the host is lost', () => {
    expect(selectLinkStatus(initialLinkState)).toBe('unknown');
    const s = linkChanged(initialLinkState, { status: 'reconnecting', retryAt: 5, reason: 'ECONNREFUSED' });
    expect(selectLinkStatus(s)).toBe('reconnecting');
    expect(selectLinkStatus(hostLost(s))).toBe('unknown');
  });
});

describe('hostStore', () => {
  it('takes the agent and the bayram table from the snapshot and clears a load error', () => {
    let s = loadFailed(initialHostState, 'internal');
    s = connectionChanged(s, { status: 'connected' });
    s = snapshotLoaded(s, aSnapshot({ holidayTable: { lastYear: 2032, uncheckedYear: 2033 } }));
    expect(s).toEqual({
      connection: { status: 'connected' },
      agent: { agentInterface: 'PJSIP/1001', agentName: 'Operatör 1001' },
      role: 'operator',
      loadError: null,
      holidayTable: { lastYear: 2032, uncheckedYear: 2033 },
    });
  });
});
