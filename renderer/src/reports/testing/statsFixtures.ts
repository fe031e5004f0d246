import type { AgentStatsReport, AgentStatsRow, QueueStatsReport, QueueStatsRow } from '../../../../core/queueStats.js';

/** One queue's figures for an interval (or, without `start`, its totals), as the server answers them. */
export function aQueueStatsRow(overrides: Partial<QueueStatsRow> = {}): QueueStatsRow {
  return {
    queue: 'alo153',
    start: '2026-12-03T06:00:00.000Z',
    offered: 10,
    answered: 8,
    abandoned: 2,
    timedOut: 0,
    leftEmpty: 0,
    unknown: 0,
    asaSec: 12.5,
    avgWaitAllSec: 15,
    maxWaitSec: 70,
    avgTalkSec: 185,
    serviceLevelPct: 75,
    serviceLevel2Pct: 70,
    abandonRatePct: 20,
    transferred: 0,
    ringNoAnswers: 1,
    abandonedByWait: [1, 0, 1, 0, 0],
    ...overrides,
  };
}

export function anAgentStatsRow(overrides: Partial<AgentStatsRow> = {}): AgentStatsRow {
  return {
    agent: 'PJSIP/1001',
    name: 'Şule Kaya',
    answered: 5,
    avgTalkSec: 120,
    ringNoAnswers: 1,
    loggedInSec: 6600,
    pausedSec: { yemek: 900 },
    wrapUpSec: 300,
    onCallSec: 1800,
    occupancyPct: 40.7,
    ...overrides,
  };
}

/** Thursday 3 December 2026 by hours: alo153 at 09:00 and 10:00, zabıta at 09:00, a 20-minute gap at 10:00. */
export function aQueueStatsReport(overrides: Partial<QueueStatsReport> = {}): QueueStatsReport {
  return {
    from: '2026-12-03',
    to: '2026-12-03',
    interval: '60',
    rows: [
      aQueueStatsRow(),
      aQueueStatsRow({ queue: 'zabita', offered: 3, answered: 2, abandoned: 1, serviceLevelPct: 100, abandonedByWait: [0, 0, 1, 0, 0] }),
      aQueueStatsRow({ start: '2026-12-03T07:00:00.000Z', offered: 4, answered: 4, abandoned: 0, serviceLevelPct: 50, abandonRatePct: 0, abandonedByWait: [0, 0, 0, 0, 0] }),
    ],
    totals: [
      aQueueStatsRow({ start: undefined, offered: 14, answered: 12, abandoned: 2, serviceLevelPct: 66.7, abandonRatePct: 14.3 }),
      aQueueStatsRow({ start: undefined, queue: 'zabita', offered: 3, answered: 2, abandoned: 1, serviceLevelPct: 100, abandonedByWait: [0, 0, 1, 0, 0] }),
    ],
    gaps: [{ pbx: 'pbx-1', from: '2026-12-03T07:00:00.000Z', to: '2026-12-03T07:20:00.000Z', reason: 'link-lost' }],
    ...overrides,
  };
}

export function anAgentStatsReport(overrides: Partial<AgentStatsReport> = {}): AgentStatsReport {
  return {
    from: '2026-12-03',
    to: '2026-12-03',
    agents: [
      anAgentStatsRow(),
      anAgentStatsRow({ agent: 'PJSIP/1002', name: 'Çağlar Tan', answered: 9, avgTalkSec: null, pausedSec: { '': 60 }, occupancyPct: null }),
      anAgentStatsRow({ agent: 'PJSIP/1003', name: 'Işıl Er', answered: 2, pausedSec: {}, occupancyPct: 12 }),
      anAgentStatsRow({ agent: 'PJSIP/1004', name: 'İsmail Cem', answered: 7, pausedSec: { mola: 1200 }, occupancyPct: 55 }),
    ],
    gaps: [{ pbx: 'pbx-1', from: '2026-12-03T07:00:00.000Z', to: '2026-12-03T07:20:00.000Z', reason: 'link-lost' }],
    ...overrides,
  };
}
