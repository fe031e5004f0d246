// Queue metrics: a pure reducer over typed AMI events, its selectors, and the day counters the
// host persists. The wallboard and queue-top use this module through these exports only.

export { parseQueueEvent, parseQueueEvents, MemberStatus } from './queueEvents.js';
export type { MemberSnapshot, QueueEvent, QueueEventKind } from './queueEvents.js';
export {
  applyChannels,
  channelDevice,
  createQueueMetricsState,
  reduceQueueMetrics,
  reduceQueueMetricsFrame,
  showsUnknownMember,
  resync,
  WINDOW_HORIZON_MS,
} from './reduceQueueMetrics.js';
export type { AgentTally, MemberState, PbxQueueMirror, QueueMetricsOptions, QueueMetricsState, QueueState, WaitingCaller } from './queueMetricsState.js';
export { WRAP_UP_PAUSE_REASON } from './queueMetricsState.js';
export { figuresOf, memberActivity, selectAgents, selectPbxFigures, selectQueue, selectQueues } from './selectors.js';
export type { AgentActivity, AgentCounts, AgentQueueView, AgentView, CallerView, PbxComparableFigures, QueueFigures, QueueSnapshot } from './selectors.js';
export { restoreDayCounters, serializeDayCounters } from './dayCounters.js';
export type { DayCountersJson, RestoreResult } from './dayCounters.js';
export type { CallTally, CallRecord, CallOutcome } from './callTally.js';
export { calendarDay, CALL_CENTER_TIME_ZONE } from './istanbulDay.js';
export type { CalendarDay } from './istanbulDay.js';
export { appendHistory, toAgentRows, toQueueTiles } from './wallboard.js';
export { createQueueMetricsFeed } from './queueMetricsFeed.js';
export type { FeedChange, QueueMetricsFeed, QueueMetricsFeedOptions } from './queueMetricsFeed.js';
