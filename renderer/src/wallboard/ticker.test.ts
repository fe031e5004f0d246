import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTicker } from './ticker.js';

describe('createTicker', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_400);
  });
  afterEach(() => vi.useRealTimers());

  it('ticks on whole seconds only while someone holds it', () => {
    const ticker = createTicker();
    vi.advanceTimersByTime(5000);
    expect(ticker.store.getState().now).toBe(1_000_400);

    const release = ticker.retain();
    expect(ticker.store.getState().now).toBe(1_005_400);
    vi.advanceTimersByTime(600);
    expect(ticker.store.getState().now).toBe(1_005_400);
    vi.advanceTimersByTime(5);
    // The first tick lands just past the next whole second.
    expect(ticker.store.getState().now).toBe(1_006_005);
    vi.advanceTimersByTime(1000);
    expect(ticker.store.getState().now).toBe(1_007_005);
    vi.advanceTimersByTime(3000);
    expect(ticker.store.getState().now).toBe(1_010_005);

    release();
    const stopped = ticker.store.getState().now;
    vi.advanceTimersByTime(5000);
    expect(ticker.store.getState().now).toBe(stopped);
  });

  it('counts holders: one release of two keeps it running; a second release of the same holder is ignored', () => {
    const ticker = createTicker();
    const a = ticker.retain();
    const b = ticker.retain();
    a();
    a();
    vi.advanceTimersByTime(2000);
    expect(ticker.store.getState().now).toBeGreaterThan(1_002_000);
    b();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('jumps to the current time when taken up again', () => {
    const ticker = createTicker();
    ticker.retain()();
    vi.setSystemTime(9_000_000);
    ticker.retain();
    expect(ticker.store.getState().now).toBe(9_000_000);
  });
});
