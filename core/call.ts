import { z } from 'zod';
import { CaseRecord } from './case.js';
import { IncidentSuggestion } from './incident.js';

/** The agent's view of one queue call, keyed by Asterisk's Linkedid. */
export const CallPhase = z.enum(['ringing', 'connected', 'ended']);
export type CallPhase = z.infer<typeof CallPhase>;

export const AgentCall = z.object({
  linkedid: z.string(),
  queue: z.string(),
  /** CallerIDNum exactly as Asterisk gives it, e.g. 905321112233. */
  callerNumber: z.string(),
  /** CallerIDName from the PBX, or null when Asterisk says <unknown>. */
  callerName: z.string().nullable(),
  phase: CallPhase,
  /** Epoch ms when the agent's phone started ringing. */
  ringingSince: z.number(),
  answeredAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  /** Seconds the caller waited in the queue before this agent answered (AgentConnect HoldTime). */
  queueWaitSec: z.number().nonnegative().nullable(),
  /** Seconds of conversation (AgentComplete TalkTime, or the softphone's own count). */
  talkSec: z.number().nonnegative().nullable(),
});
export type AgentCall = z.infer<typeof AgentCall>;

/**
 * One call as the case it led to remembers it: who called, how long they waited in the queue
 * and how long they talked. Keyed by the Linkedid the case carries.
 */
export const CallRecord = z.object({
  linkedid: z.string(),
  queue: z.string(),
  callerNumber: z.string(),
  agentInterface: z.string(),
  ringingAt: z.string(),
  answeredAt: z.string().nullable(),
  endedAt: z.string(),
  queueWaitSec: z.number().nullable(),
  talkSec: z.number().nullable(),
});
export type CallRecord = z.infer<typeof CallRecord>;

/**
 * What the operator sees before answering: the call plus what we already know about the caller.
 * Only some of a caller's cases come with it (a frequent caller has 150 or more, and the pop
 * must be on screen while the phone rings): the newest ones and the open ones. The rest are
 * asked for when the operator wants them (`citizens.lookup` with an offset).
 */
export const ScreenPop = z.object({
  call: AgentCall,
  knownName: z.string().nullable(),
  /**
   * The caller's latest cases and their open ones whatever their age, newest first (open ones
   * carry their SLA state).
   */
  previousCases: z.array(CaseRecord),
  /**
   * How many cases the caller has in all, and how many of them are open: more than
   * previousCases holds when the history is long. Absent: previousCases are all there is.
   */
  caseCounts: z.object({ all: z.number().int().nonnegative(), open: z.number().int().nonnegative() }).optional(),
  /**
   * Cases from this number in the last 7 days: a repeat call. The form narrows this to the
   * subject the operator picks and offers "add to that case" instead of a duplicate.
   */
  repeatCandidates: z.array(CaseRecord),
  /**
   * Active mass incidents this caller may be calling about, most likely first (core/incident.ts
   * matchIncidents): offered at the top of the pop, Alt+1..9 attaches the call.
   */
  incidents: z.array(IncidentSuggestion).default([]),
});
export type ScreenPop = z.infer<typeof ScreenPop>;
