import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { onTick } from './sharedTicker.js';

describe('onTick: one timer per period, however many components tick at it', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-12-04T09:00:00Z') });
  });
  afterEach(() => vi.useRealTimers());

  it('a pop with five SLA badges starts one minute timer, and every badge gets each tick', () => {
    const started = vi.spyOn(globalThis, 'setInterval');
    const seen: number[][] = [[], [], [], [], []];
    const stops = seen.map((list) => onTick(60_000, (now) => list.push(now)));
    expect(started).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(120_000);
    const ticks = [Date.parse('2026-12-04T09:01:00Z'), Date.parse('2026-12-04T09:02:00Z')];
    for (const list of seen) expect(list).toEqual(ticks);
    stops.forEach((stop) => stop());
  });

  it('a call timer ticking every second keeps its own period beside the minute badges', () => {
    const seconds: number[] = [];
    const minutes: number[] = [];
    const stopSeconds = onTick(1000, (now) => seconds.push(now));
    const stopMinutes = onTick(60_000, (now) => minutes.push(now));
    vi.advanceTimersByTime(60_000);
    expect(seconds).toHaveLength(60);
    expect(minutes).toHaveLength(1);
    stopSeconds();
    stopMinutes();
  });

  it('the timer stops when the last one leaves, and a listener that left gets nothing more', () => {
    const stopped = vi.spyOn(globalThis, 'clearInterval');
    const kept: number[] = [];
    const gone: number[] = [];
    const stopKept = onTick(60_000, (now) => kept.push(now));
    const stopGone = onTick(60_000, (now) => gone.push(now));
    stopGone();
    vi.advanceTimersByTime(60_000);
    expect(gone).toEqual([]);
    expect(kept).toHaveLength(1);
    expect(stopped).not.toHaveBeenCalled();
    stopKept();
    expect(stopped).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stopping twice does not stop the timer a later subscriber started', () => {
    const first = onTick(1000, () => {});
    first();
    const seen: number[] = [];
    const second = onTick(1000, (now) => seen.push(now));
    first();
    vi.advanceTimersByTime(1000);
    expect(seen).toHaveLength(1);
    second();
  });

  it('a listener that unsubscribes another during a tick does not break the tick for the rest', () => {
    const seen: string[] = [];
    let stopB = () => {};
    const stopA = onTick(1000, () => {
      seen.push('a');
      stopB();
    });
    stopB = onTick(1000, () => seen.push('b'));
    const stopC = onTick(1000, () => seen.push('c'));
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual(['a', 'c']);
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual(['a', 'c', 'a', 'c']);
    stopA();
    stopC();
  });
});
