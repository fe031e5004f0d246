import { z } from 'zod';

// The queue and agent statistics the central server keeps (server/queueStats/), as the API
// answers them; the desktop's reports view reads the same shapes.

/** An Istanbul civil date, `2026-12-03`. */
export const StatsDate = z.string().regex(/^(19|20)\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'date.invalid');

export const StatsInterval = z.enum(['15', '30', '60', 'day']);
export type StatsInterval = z.infer<typeof StatsInterval>;

const count = z.number().int().nonnegative();
const seconds = z.number().nonnegative().nullable();
const percent = z.number().min(0).max(100).nullable();

export const QueueStatsRow = z.object({
  queue: z.string(),
  /** The interval's first instant (ISO); absent in totals. */
  start: z.string().optional(),
  /** Callers who entered the queue in the interval; every figure is about them. */
  offered: count,
  answered: count,
  /** Hung up while waiting. */
  abandoned: count,
  /** Left without an agent and without hanging up: the queue's timeout, or no member left to answer (leftEmpty, a part of these). */
  timedOut: count,
  leftEmpty: count,
  /** Ended while the collector could not see the PBX (see `gaps`). */
  unknown: count,
  /** Average speed of answer, seconds. */
  asaSec: seconds,
  /** Mean wait of every caller who left: answered, abandoned and timed out. */
  avgWaitAllSec: seconds,
  maxWaitSec: seconds,
  avgTalkSec: seconds,
  /** Answered within the queue's service level ÷ answered. */
  serviceLevelPct: percent,
  /** Asterisk's ServiceLevelPerf2: answered and abandoned within the service level ÷ answered and abandoned (timeouts as abandons). */
  serviceLevel2Pct: percent,
  /** Abandoned ÷ callers who left. */
  abandonRatePct: percent,
  transferred: count,
  ringNoAnswers: count,
  /** Abandoned calls by wait: < 10 s, 10–30 s, 30–60 s, 60–120 s, ≥ 120 s. */
  abandonedByWait: z.array(count).length(5),
});
export type QueueStatsRow = z.infer<typeof QueueStatsRow>;

/** A span the collector did not see the PBX: figures inside it are missing, not zero. */
export const CollectorGap = z.object({ pbx: z.string(), from: z.string(), to: z.string().nullable(), reason: z.enum(['link-lost', 'collector-down']) });
export type CollectorGap = z.infer<typeof CollectorGap>;

export const QueueStatsReport = z.object({
  from: StatsDate,
  to: StatsDate,
  interval: StatsInterval,
  rows: z.array(QueueStatsRow),
  totals: z.array(QueueStatsRow),
  gaps: z.array(CollectorGap),
});
export type QueueStatsReport = z.infer<typeof QueueStatsReport>;

export const AgentStatsRow = z.object({
  /** The member interface, e.g. `PJSIP/1004`. */
  agent: z.string(),
  name: z.string(),
  answered: count,
  avgTalkSec: seconds,
  ringNoAnswers: count,
  /** Time in any state but logged out (available, ringing, on a call, wrap-up, paused). */
  loggedInSec: z.number().nonnegative(),
  /** Paused seconds per reason ('' for a pause without one). */
  pausedSec: z.record(z.string(), z.number().nonnegative()),
  wrapUpSec: z.number().nonnegative(),
  onCallSec: z.number().nonnegative(),
  /** (ringing + on a call + wrap-up) ÷ (those + available): the share of ready time spent on calls. */
  occupancyPct: percent,
});
export type AgentStatsRow = z.infer<typeof AgentStatsRow>;

export const AgentStatsReport = z.object({
  from: StatsDate,
  to: StatsDate,
  agents: z.array(AgentStatsRow),
  gaps: z.array(CollectorGap),
});
export type AgentStatsReport = z.infer<typeof AgentStatsReport>;

/**
 * What the calls became, beside the queue tiles (the case-aware wallboard): today's cases by
 * subject against the same hours of the same weekday a week ago (a spike in one subject is what a
 * team lead must see first), first-contact resolution, repeat calls, and the units' open and
 * overdue cases.
 */
export const CaseFigures = z.object({
  /** ISO instant the figures were read. */
  at: z.string(),
  createdToday: count,
  /** Cases of today resolved on the call ÷ today's cases. */
  firstContactPct: percent,
  /** Today's top subjects: cases since midnight, and a week ago from midnight to the same time. */
  subjects: z.array(z.object({ subject: z.string(), today: count, lastWeek: count })),
  /**
   * Today's queue calls from a number that had called within the 7 days before (the server's
   * collector); null without one.
   */
  repeatCalls: z.object({ calls: count, repeats: count, pct: percent }).nullable(),
  /** Units with open cases, the most overdue first. */
  units: z.array(z.object({ unitCode: z.string(), name: z.string(), open: count, overdue: count })),
});
export type CaseFigures = z.infer<typeof CaseFigures>;
