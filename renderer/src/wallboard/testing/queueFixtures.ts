import type { AgentRow, QueueSnapshot, QueueTile, QueueWindowFigures, WallboardSettings } from '../../../../core/queue.js';

export const T0 = 1_764_064_800_000; // 2025-11-25 13:00 Istanbul (10:00 UTC)

export function someFigures(overrides: Partial<QueueWindowFigures> = {}): QueueWindowFigures {
  return {
    answered: 120,
    abandoned: 3,
    timedOut: 1,
    asaSec: 6.4,
    avgWaitAllSec: 7.1,
    avgTalkSec: 142.5,
    serviceLevelPct: 95.34,
    serviceLevel2Pct: 93.1,
    abandonRatePct: 2.4,
    ...overrides,
  };
}

export function aTile(overrides: Partial<QueueTile> = {}): QueueTile {
  return {
    queue: 'alo153',
    serviceLevelSec: 20,
    waiting: [],
    longestWaitingSince: null,
    day: someFigures(),
    last15: someFigures({ answered: 12, abandoned: 0, timedOut: 0, asaSec: 4, serviceLevelPct: 100, serviceLevel2Pct: 100, abandonRatePct: 0 }),
    last60: someFigures({ answered: 40, abandoned: 1, timedOut: 0, asaSec: 5.5 }),
    agents: { 'logged-out': 1, available: 2, ringing: 0, 'on-call': 3, paused: 1, 'wrap-up': 1 },
    ...overrides,
  };
}

export function anAgent(overrides: Partial<AgentRow> = {}): AgentRow {
  return {
    interface: 'PJSIP/1001',
    name: 'Ayşe Yılmaz',
    queues: ['alo153'],
    staticQueues: [],
    state: 'available',
    pauseReason: null,
    stateSince: T0 - 65_000,
    callsAnswered: 14,
    ringNoAnswer: 0,
    ...overrides,
  };
}

export const someSettings = (overrides: Partial<WallboardSettings> = {}): WallboardSettings => ({
  longestWaitAlertSec: 60,
  pauseReasons: ['mola', 'yemek', 'eğitim', 'toplantı', 'evrak', 'geri arama'],
  wrapUpSec: 30,
  spyPhone: true,
  ...overrides,
});

export function aQueueSnapshot(overrides: Partial<QueueSnapshot> = {}): QueueSnapshot {
  return {
    stream: 'host-run-1',
    version: 1,
    at: T0,
    memberChange: null,
    // Counting since the desk started at 08:00 Istanbul, midnight being 13 hours before T0.
    countingSince: T0 - 5 * 3_600_000,
    dayStartsAt: T0 - 13 * 3_600_000,
    queues: [aTile()],
    agents: [anAgent()],
    history: [],
    settings: someSettings(),
    ...overrides,
  };
}
