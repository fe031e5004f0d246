import { describe, expect, it } from 'vitest';
import { pagesFor, rowsPerPage, rowWindow, scrollTopToReveal } from './virtualWindow.js';

const base = { rowHeight: 34, viewportHeight: 340, overscan: 5 };

describe('rowWindow', () => {
  it('renders the rows in view (10 of 34 px in 340 px) plus overscan, from the top', () => {
    expect(rowWindow({ ...base, scrollTop: 0, total: 100_000 })).toEqual({ start: 0, end: 15, offsetTop: 0, totalHeight: 3_400_000 });
  });

  it('stays the same small window deep in 100 000 rows', () => {
    const w = rowWindow({ ...base, scrollTop: 50_000 * 34 + 17, total: 100_000 });
    expect(w.start).toBe(50_000 - 5);
    expect(w.end).toBe(50_000 + 11 + 5);
    expect(w.end - w.start).toBeLessThanOrEqual(22);
    expect(w.offsetTop).toBe(w.start * 34);
  });

  it('clamps at the end, also for a scrollTop past it after the list shrank', () => {
    expect(rowWindow({ ...base, scrollTop: 99_999 * 34, total: 100_000 })).toMatchObject({ start: 99_985, end: 100_000 });
    expect(rowWindow({ ...base, scrollTop: 1_000_000, total: 20 })).toMatchObject({ start: 5, end: 20 });
  });

  it('handles a list shorter than the viewport and an empty one', () => {
    expect(rowWindow({ ...base, scrollTop: 0, total: 3 })).toEqual({ start: 0, end: 3, offsetTop: 0, totalHeight: 102 });
    expect(rowWindow({ ...base, scrollTop: 0, total: 0 })).toEqual({ start: 0, end: 0, offsetTop: 0, totalHeight: 0 });
    expect(rowWindow({ ...base, scrollTop: -40, total: 10, viewportHeight: 0 })).toMatchObject({ start: 0, end: 6 });
  });
});

describe('pagesFor', () => {
  it('names the pages of 100 that hold the rendered rows', () => {
    expect(pagesFor(0, 16, 100)).toEqual([0]);
    expect(pagesFor(95, 116, 100)).toEqual([0, 1]);
    expect(pagesFor(49_995, 50_016, 100)).toEqual([499, 500]);
    expect(pagesFor(10, 10, 100)).toEqual([]);
  });
});

describe('keyboard scrolling', () => {
  it('moves as little as it must to show a row whole', () => {
    expect(scrollTopToReveal(5, 0, 340, 34)).toBe(0);
    expect(scrollTopToReveal(10, 0, 340, 34)).toBe(34);
    expect(scrollTopToReveal(2, 340, 340, 34)).toBe(68);
    expect(rowsPerPage(340, 34)).toBe(9);
    expect(rowsPerPage(10, 34)).toBe(1);
  });
});
