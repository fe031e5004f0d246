import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseSearchQuery } from '../../../core/case.js';
import type { Result } from '../../../core/contract.js';
import { createDeskClient } from '../shared/api/deskClient.js';
import { createFakeTransport, deferred } from '../shared/testing/fakeTransport.js';
import { aCase } from '../shared/testing/fixtures.js';
import { createCaseSearch, SEARCH_DEBOUNCE_MS } from './caseSearch.js';
import { activeFilterCount, evictPages, isBrowsing, noFilters, rowAt, SEARCH_PAGE, type SearchPage } from './caseSearchStore.js';
import { statusesOf, statusPreset } from './statusPresets.js';

const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

/** A host with `total` cases whose ids count down from `total` (newest first). */
function host(total: number) {
  const fake = createFakeTransport();
  fake.answer('cases.search', (params) => {
    const q = params as CaseSearchQuery;
    const rows = [];
    for (let i = q.offset; i < Math.min(total, q.offset + q.limit); i++) rows.push(aCase({ id: total - i, subject: q.text || 'x' }));
    return { ok: true, value: { total, totalExact: true, rows } };
  });
  const client = createDeskClient(fake.transport, { warn: vi.fn() });
  const search = createCaseSearch(client);
  const offsets = () => fake.calls.filter((c) => c.method === 'cases.search').map((c) => (c.params as CaseSearchQuery).offset);
  return { fake, search, offsets };
}

/** A host with `matches` cases that counts as db/caseSearch.ts does: 1 000 past the page, or all when asked. */
function boundedHost(matches: number) {
  const fake = createFakeTransport();
  fake.answer('cases.search', (params) => {
    const q = params as CaseSearchQuery;
    const bound = q.offset + q.limit + 1_000;
    const exact = q.exactTotal === true || matches <= bound;
    const rows = [];
    for (let i = q.offset; i < Math.min(matches, q.offset + q.limit); i++) rows.push(aCase({ id: matches - i }));
    return { ok: true, value: { total: exact ? matches : bound, totalExact: exact, rows } };
  });
  const search = createCaseSearch(createDeskClient(fake.transport, { warn: vi.fn() }));
  return { fake, search };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('case search', () => {
  it('waits 150 ms after the last keystroke, then asks for the first page of 100', async () => {
    const { fake, search } = host(100_000);
    search.setText('k');
    search.setText('ka');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS - 1);
    expect(fake.calls).toHaveLength(0);
    search.setText('kal');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    await settle();
    expect(fake.calls.map((c) => c.params)).toEqual([{ text: 'kal', filters: noFilters, offset: 0, limit: 100 }]);
    const s = search.store.getState();
    expect(s.results?.total).toBe(100_000);
    expect(rowAt(s.results, 0)?.id).toBe(100_000);
    expect(rowAt(s.results, 100)).toBeUndefined();
  });

  it('fetches the pages the list shows as it scrolls, never the same one twice', async () => {
    const { search, offsets } = host(100_000);
    search.invalidate();
    await settle();
    search.showRows(49_990, 50_030);
    await settle();
    search.showRows(49_991, 50_031);
    await settle();
    expect(offsets()).toEqual([0, 49_900, 50_000]);
    expect(rowAt(search.store.getState().results, 50_000)?.id).toBe(50_000);
  });

  it('does not fetch past the end', async () => {
    const { search, offsets } = host(150);
    search.invalidate();
    await settle();
    search.showRows(100, 400);
    await settle();
    expect(offsets()).toEqual([0, 100]);
  });

  it('drops an answer to a query the operator has already typed past', async () => {
    const { fake, search } = host(10);
    const slow = deferred<Result<unknown>>();
    fake.answer('cases.search', (p) =>
      (p as CaseSearchQuery).text === 'eski' ? slow.promise : { ok: true, value: { total: 1, totalExact: true, rows: [aCase({ id: 77 })] } },
    );
    search.setText('eski');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    search.setText('yeni');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    await settle();
    slow.resolve({ ok: true, value: { total: 5, totalExact: true, rows: [aCase({ id: 1 })] } });
    await settle();
    const s = search.store.getState();
    expect(s.results?.total).toBe(1);
    expect(rowAt(s.results, 0)?.id).toBe(77);
  });

  it('refetches what is on screen when a case is saved, keeping the old rows until the new ones land', async () => {
    let total = 3;
    const { fake, search, offsets } = host(3);
    fake.answer('cases.search', () => ({ ok: true, value: { total, totalExact: true, rows: Array.from({ length: total }, (_, i) => aCase({ id: total - i })) } }));
    search.invalidate();
    await settle();
    total = 4;
    search.invalidate();
    expect(rowAt(search.store.getState().results, 0)?.id).toBe(3);
    await settle();
    expect(offsets()).toEqual([0, 0]);
    expect(search.store.getState().results?.total).toBe(4);
    expect(rowAt(search.store.getState().results, 0)?.id).toBe(4);
  });

  it('stops on a failure instead of retrying in a loop, and tries again on the next invalidation', async () => {
    const { fake, search, offsets } = host(3);
    fake.answer('cases.search', () => ({ ok: false, error: { code: 'unavailable', message: 'down' } }));
    search.invalidate();
    await settle();
    search.showRows(0, 10);
    await settle();
    expect(offsets()).toEqual([0]);
    expect(search.store.getState().error?.code).toBe('unavailable');
    search.invalidate();
    await settle();
    expect(offsets()).toEqual([0, 0]);
  });

  it('a two-letter search shows its first page and says honestly that there are at least so many; the exact count when asked', async () => {
    const { fake, search } = boundedHost(386_000);
    search.setText('ka');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    await settle();
    let results = search.store.getState().results;
    expect(results).toMatchObject({ total: 1_100, totalExact: false });
    expect(rowAt(results, 0)?.id).toBe(386_000);

    // Scrolling on: the bound moves with the list, never back.
    search.showRows(990, 1_030);
    await settle();
    expect(search.store.getState().results).toMatchObject({ total: 2_100, totalExact: false });
    search.showRows(0, 30);
    search.invalidate();
    await settle();
    expect(search.store.getState().results).toMatchObject({ total: 2_100, totalExact: false });

    search.countExactly();
    expect(search.store.getState().counting).toBe(true);
    await settle();
    results = search.store.getState().results;
    expect(results).toMatchObject({ total: 386_000, totalExact: true });
    expect(search.store.getState().counting).toBe(false);
    expect(fake.calls.filter((c) => (c.params as CaseSearchQuery).exactTotal === true)).toHaveLength(1);
    // A page answered later with a bound does not undo the count.
    search.invalidate();
    await settle();
    expect(search.store.getState().results).toMatchObject({ total: 386_000, totalExact: true });
  });

  it('drops an exact count for a query the operator has typed past', async () => {
    const { search } = boundedHost(5_000);
    search.setText('ka');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    await settle();
    search.countExactly();
    search.setText('kal');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    await settle();
    expect(search.store.getState().results).toMatchObject({ total: 1_100, totalExact: false });
    expect(search.store.getState().counting).toBe(false);
  });

  it('sends filters with the text', async () => {
    const { fake, search } = host(3);
    search.setFilters({ status: statusesOf('open'), channel: 'whatsapp', from: '2025-11-01', to: '2025-11-30', sla: 'overdue' });
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    await settle();
    expect(fake.calls[0]?.params).toMatchObject({
      text: '',
      filters: { status: ['new', 'forwarded', 'in-progress', 'reopened'], channel: 'whatsapp', from: '2025-11-01', to: '2025-11-30', sla: 'overdue', unitCode: null, subjectCode: null },
    });
    expect(isBrowsing(search.store.getState().applied)).toBe(false);
    expect(activeFilterCount(search.store.getState().filters)).toBe(5);
  });
});

describe('search helpers', () => {
  it('keeps the pages nearest to where the operator looks', () => {
    const pages = new Map<number, SearchPage>(Array.from({ length: 40 }, (_, i) => [i, { generation: 0, rows: [] }]));
    evictPages(pages, 35, 10);
    expect([...pages.keys()].sort((a, b) => a - b)).toEqual([30, 31, 32, 33, 34, 35, 36, 37, 38, 39]);
  });

  it('maps the status picker to the filter and back', () => {
    expect(statusesOf(null)).toEqual([]);
    expect(statusesOf('closed')).toEqual(['closed']);
    expect(statusPreset(statusesOf('open'))).toBe('open');
    expect(statusPreset(['closed'])).toBe('closed');
    expect(statusPreset([])).toBeNull();
    expect(SEARCH_PAGE).toBe(100);
  });
});
