import { describe, expect, it, vi } from 'vitest';
import type { CaseRecord } from '../../../core/case.js';
import { createDeskClient } from '../shared/api/deskClient.js';
import { createFakeTransport } from '../shared/testing/fakeTransport.js';
import { aCase, aScreenPop } from '../shared/testing/fixtures.js';
import {
  fetchHistoryPage,
  HISTORY_PAGE,
  historyFailed,
  historyOpened,
  historyPageLoaded,
  historySummary,
  moreRequested,
  remaining,
  sameHistory,
  type FullHistory,
} from './callerHistory.js';

/** A caller's `count` cases, newest first; those at `open` indexes are still forwarded. */
function casesOfCaller(count: number, open: readonly number[] = []): CaseRecord[] {
  return Array.from({ length: count }, (_, i) =>
    aCase({ id: count - i, applicationNo: `2025-${String(count - i).padStart(7, '0')}-1`, ...(open.includes(i) ? {} : { status: 'closed', sla: 'done' }) }),
  );
}

/** A host that holds `cases` for the caller and answers citizens.lookup a page at a time. */
function hostWith(cases: readonly CaseRecord[]) {
  const fake = createFakeTransport();
  fake.answer('citizens.lookup', (params) => {
    const { offset, limit } = params as { offset: number; limit: number };
    return { ok: true, value: { knownName: 'Ayşe Yılmaz', cases: cases.slice(offset, offset + limit), total: cases.length } };
  });
  return { fake, client: createDeskClient(fake.transport, { warn: vi.fn() }) };
}

/** Runs the "show all" steps against `client` as the pop does, and returns what it ends with. */
async function showAll(client: ReturnType<typeof createDeskClient>, total: number, steps: number): Promise<FullHistory> {
  let h = historyOpened('1.1', total);
  const apply = (change: (h: FullHistory) => FullHistory) => (h = change(h));
  await fetchHistoryPage(client, '905321112233', 0, apply);
  for (let i = 1; i < steps; i++) {
    h = moreRequested(h);
    await fetchHistoryPage(client, '905321112233', h.rows.length, apply);
  }
  return h;
}

describe('the caller’s history on the pop', () => {
  it('a caller with 150 past cases pops with their open cases and the latest closed ones, and offers all 150', () => {
    const all = casesOfCaller(150, [2, 60]);
    // What the host sends: the three latest, and the open ones whatever their age.
    const pop = aScreenPop({}, { previousCases: [...all.slice(0, 3), all[60]!], caseCounts: { all: 150, open: 2 } });
    const summary = historySummary(pop);
    expect(summary.openShown.map((c) => c.id)).toEqual([all[2]!.id, all[60]!.id]);
    expect(summary.recentShown.map((c) => c.id)).toEqual([all[0]!.id, all[1]!.id]);
    expect(summary).toMatchObject({ all: 150, open: 2, hidden: 146 });
  });

  it('is not drawn again when the call is answered or ends with the same history', () => {
    const cases = casesOfCaller(4, [0]);
    const ringing = aScreenPop({}, { previousCases: cases, caseCounts: { all: 4, open: 1 } });
    const answered = aScreenPop({ phase: 'connected' }, { previousCases: cases.map((c) => ({ ...c })), caseCounts: { all: 4, open: 1 } });
    expect(sameHistory(ringing, answered)).toBe(true);
    // A note added, a case saved, another call: drawn again.
    const noted = cases.map((c, i) => (i === 0 ? { ...c, updatedAt: '2025-11-26T08:00:00.000Z' } : c));
    expect(sameHistory(ringing, aScreenPop({}, { previousCases: noted, caseCounts: { all: 4, open: 1 } }))).toBe(false);
    expect(sameHistory(ringing, aScreenPop({}, { previousCases: cases, caseCounts: { all: 5, open: 1 } }))).toBe(false);
    expect(sameHistory(ringing, aScreenPop({ linkedid: '1700000000.2' }, { previousCases: cases, caseCounts: { all: 4, open: 1 } }))).toBe(false);
  });

  it('offers nothing more when the pop already shows every case', () => {
    const pop = aScreenPop({}, { previousCases: casesOfCaller(3, [1]), caseCounts: { all: 3, open: 1 } });
    expect(historySummary(pop)).toMatchObject({ all: 3, open: 1, hidden: 0 });
    // An older host's pop without counts carries its whole history.
    expect(historySummary(aScreenPop({}, { previousCases: casesOfCaller(2) }))).toMatchObject({ all: 2, open: 0, hidden: 0 });
  });

  it('"show all" brings the whole history, newest first, in one step for 150 cases', async () => {
    const cases = casesOfCaller(150);
    const { fake, client } = hostWith(cases);
    const h = await showAll(client, 150, 1);
    expect(h.rows.map((c) => c.id)).toEqual(cases.map((c) => c.id));
    expect(h).toMatchObject({ loading: false, error: null, total: 150 });
    expect(remaining(h)).toBe(0);
    expect(fake.calls.map((c) => c.params)).toEqual([{ phone: '905321112233', offset: 0, limit: HISTORY_PAGE }]);
  });

  it('a longer history comes a page at a time, each page where the last one ended', async () => {
    const cases = casesOfCaller(450);
    const { fake, client } = hostWith(cases);
    const first = await showAll(client, 450, 1);
    expect(remaining(first)).toBe(450 - HISTORY_PAGE);
    const all = await showAll(client, 450, 3);
    expect(all.rows.map((c) => c.id)).toEqual(cases.map((c) => c.id));
    expect(remaining(all)).toBe(0);
    // The second run: from the top, then where each page ended.
    expect(fake.calls.slice(1).map((c) => (c.params as { offset: number }).offset)).toEqual([0, HISTORY_PAGE, 2 * HISTORY_PAGE]);
  });

  it('drops a page that does not continue the list, and keeps what it has when a page fails', () => {
    const opened = historyOpened('1.1', 150);
    const first = historyPageLoaded(opened, 0, { cases: casesOfCaller(2), total: 150 });
    expect(historyPageLoaded(first, 0, { cases: casesOfCaller(2), total: 150 })).toBe(first);
    const failed = historyFailed(moreRequested(first), 'unavailable');
    expect(failed).toMatchObject({ rows: first.rows, loading: false, error: 'unavailable' });
  });
});
