import { describe, expect, it } from 'vitest';
import { alertLevel, isPaused, knownQueues, loggedInCount, longestWaitSec, secondsSince, totalsOf, wrapUpRemainingSec } from './queueFigures.js';
import { T0, aTile, anAgent, someFigures, someSettings } from './testing/queueFixtures.js';

describe('alertLevel', () => {
  it('is ok below half the threshold, warn from half, alert past it', () => {
    expect(alertLevel(0, 60)).toBe('ok');
    expect(alertLevel(29.9, 60)).toBe('ok');
    expect(alertLevel(30, 60)).toBe('warn');
    expect(alertLevel(60, 60)).toBe('warn');
    expect(alertLevel(60.01, 60)).toBe('alert');
    expect(alertLevel(600, 60)).toBe('alert');
  });

  it('keeps an empty queue ok even with a tiny threshold', () => {
    expect(alertLevel(0, 1)).toBe('ok');
    expect(alertLevel(0.5, 1)).toBe('warn');
  });
});

describe('waits', () => {
  it('count up from the oldest caller and never go negative', () => {
    const tile = aTile({ longestWaitingSince: T0 - 42_000 });
    expect(longestWaitSec(tile, T0)).toBe(42);
    expect(longestWaitSec(tile, T0 + 3_000)).toBe(45);
    expect(longestWaitSec(aTile(), T0)).toBe(0);
    expect(secondsSince(T0 + 500, T0)).toBe(0);
  });

  it('add up every queue for the headline: waiting summed, oldest caller, weighted ASA', () => {
    const a = aTile({ queue: 'a', waiting: [{ position: 1, joinedAt: T0 - 10_000, callerNumber: null }], longestWaitingSince: T0 - 10_000, day: someFigures({ answered: 30, abandoned: 1, asaSec: 4 }) });
    const b = aTile({
      queue: 'b',
      waiting: [
        { position: 1, joinedAt: T0 - 50_000, callerNumber: null },
        { position: 2, joinedAt: T0 - 5_000, callerNumber: null },
      ],
      longestWaitingSince: T0 - 50_000,
      day: someFigures({ answered: 10, abandoned: 2, asaSec: 12 }),
    });
    const empty = aTile({ queue: 'c', day: someFigures({ answered: 0, abandoned: 0, asaSec: null }) });
    expect(totalsOf([a, b, empty], 'day')).toEqual({ waiting: 3, longestWaitingSince: T0 - 50_000, answered: 40, abandoned: 3, asaSec: 6 });
    expect(totalsOf([empty], 'day').asaSec).toBeNull();
  });
});

describe('agents', () => {
  it('are paused when paused, or on a call with a pause reason kept', () => {
    expect(isPaused(anAgent({ state: 'paused', pauseReason: 'yemek' }))).toBe(true);
    expect(isPaused(anAgent({ state: 'paused', pauseReason: null }))).toBe(true);
    expect(isPaused(anAgent({ state: 'on-call', pauseReason: 'mola' }))).toBe(true);
    expect(isPaused(anAgent({ state: 'available' }))).toBe(false);
    // Wrap-up is the host's own pause: not one the operator took.
    expect(isPaused(anAgent({ state: 'wrap-up', pauseReason: 'wrap-up' }))).toBe(false);
  });

  it('count the wrap-up down from stateSince + wrapUpSec', () => {
    const settings = someSettings({ wrapUpSec: 30 });
    const row = anAgent({ state: 'wrap-up', stateSince: T0 });
    expect(wrapUpRemainingSec(row, settings, T0)).toBe(30);
    expect(wrapUpRemainingSec(row, settings, T0 + 12_400)).toBe(18);
    expect(wrapUpRemainingSec(row, settings, T0 + 29_001)).toBe(1);
    expect(wrapUpRemainingSec(row, settings, T0 + 45_000)).toBe(0);
    expect(wrapUpRemainingSec(anAgent({ state: 'available' }), settings, T0)).toBeNull();
  });

  it('list the tiles’ queues first, then any an agent is in without a tile', () => {
    expect(knownQueues([aTile({ queue: 'alo153' }), aTile({ queue: 'zabita' })], [anAgent({ queues: ['zabita', 'cimer'] })])).toEqual(['alo153', 'zabita', 'cimer']);
  });

  it('count logged-in agents from the tile', () => {
    expect(loggedInCount(aTile())).toBe(7);
  });
});
