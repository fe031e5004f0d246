/**
 * The one host↔UI contract. Both transports (Electron IPC, browser-mode WebSocket) and the
 * renderer's client are derived from these two tables; the host validates every request
 * against them and answers a typed error when a request does not fit.
 */
import { z } from 'zod';
import {
  CaseHistoryEntry,
  CaseRecord,
  CaseSearchQuery,
  CaseSearchResult,
  CreatedCase,
  NewCaseInput,
  PhoneNumber,
  cleanText,
  LIMITS,
  LinkedId,
} from './case.js';
import { CallRecord, ScreenPop } from './call.js';
import { Catalogue } from './catalogue.js';
import { QueueDelta, QueueSnapshot, SpyMode } from './queue.js';
import { PbxLinkState } from './pbxLink.js';
import { SyncStatus } from './syncStatus.js';
import { MonthlyReport, ReportGrouping, ReportMonth } from './report.js';
import { AgentStatsReport, CaseFigures, QueueStatsReport, StatsDate, StatsInterval } from './queueStats.js';
import { SoftphoneIncoming, SoftphoneSettings } from './softphone.js';
import { CallbackItem, CallbackOutcomeInput, CallbackOutcomeResult } from './callback.js';
import { PASSWORD_MAX_LENGTH, passwordProblem } from './passwordPolicy.js';
import { SettingsPatch, SettingsView } from './deskSettings.js';
import { DesktopStatus, PageAttention, WindowReport } from './desktop.js';
import { Incident, IncidentAttachment, IncidentClosing, IncidentDeclaration, IncidentList } from './incident.js';
import { SurgeList } from './incidentSurge.js';
import { HotkeyAction } from './hotkeys.js';

/** What this desk's user does; decides what they see (e.g. masked T.C. kimlik no). */
export const DeskRole = z.enum(['operator', 'feedback', 'team-lead']);
export type DeskRole = z.infer<typeof DeskRole>;

export const AttachmentInfo = z.object({
  id: z.number().int().positive(),
  caseId: z.number().int().positive(),
  fileName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  addedAt: z.string(),
});
export type AttachmentInfo = z.infer<typeof AttachmentInfo>;

/** Accepted attachment types (checked by content, not by name) and the size limit. */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export const ATTACHMENT_MAX_BYTES = 8 * 1024 * 1024;

export const DraftRecord = z.object({
  draftId: z.string().uuid(),
  /** The form's state as the renderer serialized it; opaque to the host. */
  content: z.string().max(40_000),
  linkedid: LinkedId.nullable(),
  savedAt: z.string(),
});
export type DraftRecord = z.infer<typeof DraftRecord>;

export const DeskSnapshot = z.object({
  role: DeskRole,
  agentInterface: z.string(),
  agentName: z.string().nullable(),
  link: PbxLinkState,
  /** The call on the agent's screen, if any (ringing, connected, or just ended). */
  screenPop: ScreenPop.nullable(),
  /**
   * The bayram table's last year, and the first year past it that a case recorded now can reach
   * with its deadline (null: none). The desk shows a notice while it is set; such due dates are
   * marked unchecked (core/holidays.ts holidaysChecked).
   */
  holidayTable: z.object({ lastYear: z.number().int(), uncheckedYear: z.number().int().nullable() }),
});
export type DeskSnapshot = z.infer<typeof DeskSnapshot>;

/** Whole days from one Istanbul date (StatsDate) to another. */
const daysBetween = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

/** The statistics' period: `from` not after `to`, and at most a year (the server refuses more, and less for short intervals). */
function statsPeriod<S extends z.ZodType<{ from: string; to: string }>>(schema: S): S {
  return schema
    .refine((r) => daysBetween(r.from, r.to) >= 0, { message: 'range.reversed', path: ['to'] })
    .refine((r) => daysBetween(r.from, r.to) < 366, { message: 'range.tooLong', path: ['to'] });
}

const QueueStatsRequest = statsPeriod(
  z.object({ from: StatsDate, to: StatsDate, interval: StatsInterval, queue: z.string().trim().min(1).max(80).optional() }).strict(),
);
const AgentStatsRequest = statsPeriod(z.object({ from: StatsDate, to: StatsDate }).strict());

export const methods = {
  /** Everything the UI needs on (re)connect; afterwards it follows pushed events. */
  'desk.snapshot': { request: z.object({}).strict(), response: DeskSnapshot },
  'cases.list': {
    request: z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
    response: z.array(CaseRecord),
  },
  'cases.create': { request: NewCaseInput.strict(), response: CreatedCase },
  'cases.search': { request: CaseSearchQuery.strict(), response: CaseSearchResult },
  'cases.get': {
    request: z.object({ id: z.number().int().positive(), revealTcKimlikNo: z.boolean().default(false) }).strict(),
    response: z.object({
      case: CaseRecord,
      history: z.array(CaseHistoryEntry),
      attachments: z.array(AttachmentInfo),
      /** The call the case came from, once it ended (null: no call, or not seen by this desk). */
      call: CallRecord.nullable(),
    }),
  },
  /** A repeat call about the same thing: add what the citizen said to the existing case. */
  'cases.appendNote': {
    request: z.object({ caseId: z.number().int().positive(), text: cleanText(LIMITS.note), linkedid: LinkedId.nullable() }).strict(),
    response: CaseRecord,
  },
  'attachments.add': {
    request: z
      .object({
        caseId: z.number().int().positive(),
        fileName: cleanText(200),
        /** Base64 of the file; the size limit is checked on the decoded bytes. */
        dataBase64: z.string().max(Math.ceil((ATTACHMENT_MAX_BYTES * 4) / 3) + 4, 'attachment.tooLarge'),
      })
      .strict(),
    response: AttachmentInfo,
  },
  'catalogue.get': { request: z.object({}).strict(), response: Catalogue },
  /** Team lead: what today's calls became (the server's, read every half minute); null before the first read or without a server. */
  'wallboard.caseFigures': { request: z.object({}).strict(), response: CaseFigures.nullable() },
  /** The active mass incidents as this desk last received them (kept offline too). */
  'incidents.list': { request: z.object({}).strict(), response: IncidentList },
  /**
   * Attach the current call to an incident in one step: a case under the incident with the
   * caller's number and the optional note; a caller already attached to it gets the note on
   * their case instead (`repeat`), so nobody is counted or texted twice.
   */
  'incidents.attach': {
    request: z.object({ incidentId: z.uuid(), note: cleanText(LIMITS.note).nullable().default(null) }).strict(),
    response: IncidentAttachment,
  },
  /** Team lead: the surges now (many cases of one subject in one district, core/incidentSurge.ts); empty for other roles. */
  'incidents.surges': { request: z.object({}).strict(), response: SurgeList },
  /** Team lead: declare one on the central server (POST /api/v1/incidents); `caseNumbers` attaches a surge's cases. */
  'incidents.declare': { request: IncidentDeclaration, response: Incident },
  /** Team lead: close one, resolving its cases (POST /api/v1/incidents/{id}/close). */
  'incidents.close': { request: IncidentClosing.extend({ id: z.uuid() }).strict(), response: Incident },
  /** Saved continuously while the operator types: a crash or a closed window loses nothing. */
  'drafts.save': {
    request: DraftRecord.omit({ savedAt: true }).strict(),
    response: z.object({ savedAt: z.string() }),
  },
  /** The newest unsaved draft, to bring back after a restart. */
  'drafts.latest': { request: z.object({}).strict(), response: DraftRecord.nullable() },
  'drafts.discard': {
    request: z.object({ draftId: z.string().uuid() }).strict(),
    response: z.object({ discarded: z.boolean() }),
  },
  /** A caller's cases, newest first, a page at a time (the pop's "show all"), and how many there are. */
  'citizens.lookup': {
    request: z
      .object({ phone: PhoneNumber, offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(200).default(20) })
      .strict(),
    response: z.object({ knownName: z.string().nullable(), cases: z.array(CaseRecord), total: z.number().int().nonnegative() }),
  },
  /** The wallboard and the operator's queue panel; then `queue.delta` events from its version on. */
  'queue.snapshot': { request: z.object({}).strict(), response: QueueSnapshot },
  /** This operator: pause (with a reason) or unpause, in one queue or all (queue null). */
  'agent.pause': {
    request: z.object({ paused: z.boolean(), reason: z.string().trim().max(60).nullable(), queue: z.string().max(64).nullable() }).strict(),
    response: z.object({ ok: z.literal(true) }),
  },
  /** This operator: log in to or out of a queue. */
  'agent.queueMembership': {
    request: z.object({ queue: z.string().min(1).max(64), member: z.boolean() }).strict(),
    response: z.object({ ok: z.literal(true) }),
  },
  /** This operator: hang up the current call (AMI Hangup of the agent's channel). */
  'agent.hangup': { request: z.object({ linkedid: z.string().min(1).max(64) }).strict(), response: z.object({ ok: z.literal(true) }) },
  /** Team lead: pause / unpause another agent, with a reason. */
  'supervisor.pause': {
    request: z
      .object({ interface: z.string().min(1).max(120), paused: z.boolean(), reason: z.string().trim().max(60).nullable(), queue: z.string().max(64).nullable() })
      .strict(),
    response: z.object({ ok: z.literal(true) }),
  },
  /** Team lead: log an agent in to or out of a queue. */
  'supervisor.queueMembership': {
    request: z.object({ interface: z.string().min(1).max(120), queue: z.string().min(1).max(64), member: z.boolean() }).strict(),
    response: z.object({ ok: z.literal(true) }),
  },
  /** Team lead: listen / whisper / barge on an agent's call (ChanSpy through Originate to the lead's phone). */
  'supervisor.spy': {
    request: z.object({ interface: z.string().min(1).max(120), mode: SpyMode }).strict(),
    response: z.object({ ok: z.literal(true) }),
  },
  /** Where this desk stands with the central server; then `sync.status` events. */
  'sync.status': { request: z.object({}).strict(), response: SyncStatus },
  /** Push and pull now instead of waiting for the next automatic retry. */
  'sync.retry': { request: z.object({}).strict(), response: SyncStatus },
  /** Logs in to the central server; the host keeps the token, the UI never sees it. */
  'session.login': {
    request: z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(200) }).strict(),
    response: SyncStatus,
  },
  'session.logout': { request: z.object({}).strict(), response: SyncStatus },
  /**
   * Changes the signed-in account's password on the central server, which ends the account's
   * other sessions (this desk's stays). A wrong current password and the server's slow-down after
   * too many of them are outcomes the dialog shows, not errors; the new password's rules
   * (core/passwordPolicy.ts) are checked here and again, with the username, by host and server.
   */
  'session.changePassword': {
    request: z
      .object({
        currentPassword: z.string().min(1).max(200),
        newPassword: z.string().max(PASSWORD_MAX_LENGTH * 2, 'too-long').superRefine((password, ctx) => {
          const problem = passwordProblem(password, '');
          if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
        }),
      })
      .strict(),
    response: z.object({
      outcome: z.enum(['changed', 'wrong-password', 'rate-limited']),
      /** With `rate-limited`: seconds until the server takes another try. */
      retryAfterSeconds: z.number().int().nonnegative().nullable(),
    }),
  },
  /** Team lead: the central server's monthly report (cases created in the month). */
  'reports.monthly': {
    request: z.object({ month: ReportMonth, by: ReportGrouping }).strict(),
    response: MonthlyReport,
  },
  /** Team lead: the same report as CSV, for a spreadsheet. */
  'reports.monthlyCsv': {
    request: z.object({ month: ReportMonth, by: ReportGrouping }).strict(),
    response: z.object({ fileName: z.string(), csv: z.string() }),
  },
  /** Team lead: the central server's queue figures per interval of Istanbul days `from`…`to`, with totals per queue. */
  'reports.queueStats': { request: QueueStatsRequest, response: QueueStatsReport },
  /** Team lead: the same figures as CSV. */
  'reports.queueStatsCsv': { request: QueueStatsRequest, response: z.object({ fileName: z.string(), csv: z.string() }) },
  /** Team lead: each agent's calls and time per state over Istanbul days `from`…`to`. */
  'reports.agentStats': { request: AgentStatsRequest, response: AgentStatsReport },
  /** Team lead: the same figures as CSV. */
  'reports.agentStatsCsv': { request: AgentStatsRequest, response: z.object({ fileName: z.string(), csv: z.string() }) },
  /** The softphone's registration settings, password included, for this session's memory only. */
  'softphone.settings': { request: z.object({}).strict(), response: SoftphoneSettings },
  /** An INVITE rang the softphone: the host pairs it with the AMI call (or pops from SIP alone). */
  'softphone.incoming': { request: SoftphoneIncoming.strict(), response: z.object({ screenPop: ScreenPop.nullable() }) },
  /** The agent answered on the softphone (AMI reports it for queue calls; this covers SIP-only calls). */
  'softphone.answered': {
    request: z.object({ callId: z.string().min(1).max(200) }).strict(),
    response: z.object({ ok: z.literal(true) }),
  },
  /** The softphone's call ended (the AMI call ends by itself; this covers SIP-only calls). */
  'softphone.ended': {
    request: z.object({ callId: z.string().min(1).max(200), answered: z.boolean() }).strict(),
    response: z.object({ ok: z.literal(true) }),
  },
  /** Click-to-dial for a desk phone: AMI Originate rings the agent's phone, then the number. */
  'call.originate': { request: z.object({ number: PhoneNumber }).strict(), response: z.object({ ok: z.literal(true) }) },
  /** Feedback operator: the call-back worklist, due first. */
  'callbacks.list': { request: z.object({}).strict(), response: z.object({ items: z.array(CallbackItem) }) },
  /** Claims a call-back so no one else calls the same citizen; fails with 'conflict' when taken. */
  'callbacks.claim': { request: z.object({ id: z.string().min(1).max(64) }).strict(), response: CallbackItem },
  'callbacks.release': { request: z.object({ id: z.string().min(1).max(64) }).strict(), response: z.object({ ok: z.literal(true) }) },
  'callbacks.outcome': {
    request: z.object({ id: z.string().min(1).max(64) }).and(CallbackOutcomeInput),
    response: CallbackOutcomeResult,
  },
  /** Operator: the citizen asks to be called back at a time (goes through the outbox). */
  'callbacks.request': {
    request: z.object({ caseId: z.number().int().positive(), dueAt: z.iso.datetime({ offset: true }), note: cleanText(1000).nullable() }).strict(),
    response: z.object({ ok: z.literal(true) }),
  },
  /** Clears an ended call from the operator's screen once its case is done. */
  'call.dismiss': {
    request: z.object({ linkedid: z.string().min(1).max(64) }).strict(),
    response: z.object({ dismissed: z.boolean() }),
  },
  /** The operator's settings (data folder), with the fields an administrator fixed. */
  'settings.get': { request: z.object({}).strict(), response: SettingsView },
  /** Changes the fields named; refused for a field an administrator fixed, or a key two actions would share. */
  'settings.update': { request: SettingsPatch, response: SettingsView },
  /** The page's window changed (visible, focused, where the caret is): the attention policy reads it. */
  'presence.window': { request: WindowReport, response: z.object({ ok: z.literal(true) }) },
  /** The desktop shell: global keys, updates; then `desktop.status` events. */
  'desktop.status': { request: z.object({}).strict(), response: DesktopStatus },
  /** Restarts into a downloaded update (Electron); 'unavailable' when none is ready. */
  'desktop.installUpdate': { request: z.object({}).strict(), response: z.object({ ok: z.literal(true) }) },
} as const;

export const events = {
  'pbx.link': PbxLinkState,
  /** The agent's current call changed (rang, answered, ended) or was cleared (null). */
  'call.screenPop': ScreenPop.nullable(),
  /** Queue figures and agent states changed (at most a few times a second): only what changed, see core/queueDelta.ts. */
  'queue.delta': QueueDelta,
  /** A case was saved (by this desk); lists refresh from it. */
  'cases.saved': CaseRecord,
  /** Cases changed through sync (other desks, the departments): lists and open details reload. */
  'cases.synced': z.object({ changed: z.number().int().positive(), caseIds: z.array(z.number().int().positive()).max(100) }),
  /** The call-back worklist changed on the server: reload it. */
  'callbacks.changed': z.object({}),
  /** Team lead: what today's calls became, read again from the server. */
  'wallboard.caseFigures': CaseFigures,
  /** The active mass incidents changed (declared, changed, closed, or more calls attached). */
  'incidents.changed': IncidentList,
  /** Team lead: the surges changed (one appeared, grew, or was declared). */
  'incidents.surges': SurgeList,
  /** The sync state changed (online/offline, pending count, last sync, errors). */
  'sync.status': SyncStatus,
  /** The settings changed (this desk's panel, or another window of it). */
  'settings.changed': SettingsView,
  /** A call rings and the desk is not in front: what the page does (null: stop). */
  'attention.ring': PageAttention,
  /** A global key (Electron) was pressed while another program had the focus. */
  'hotkey.pressed': z.object({ action: HotkeyAction }),
  'desktop.status': DesktopStatus,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type EventName = keyof typeof events;
export type RequestOf<M extends MethodName> = z.input<Methods[M]['request']>;
export type ParsedRequestOf<M extends MethodName> = z.output<Methods[M]['request']>;
export type ResponseOf<M extends MethodName> = z.output<Methods[M]['response']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

export const ErrorCode = z.enum(['invalid-request', 'unknown-method', 'not-found', 'conflict', 'forbidden', 'unauthorized', 'pbx-refused', 'internal', 'unavailable']);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** An error the UI can show: a code to translate, and the fields that failed validation. */
export const DeskError = z.object({
  code: ErrorCode,
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type DeskError = z.infer<typeof DeskError>;

/** Results cross the boundary as values, never as thrown errors. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: DeskError };

/** Browser-mode wire frames (WebSocket, JSON text). */
export const WireRequest = z.object({
  id: z.number().int().nonnegative(),
  method: z.string().max(64),
  params: z.unknown(),
});
export type WireRequest = z.infer<typeof WireRequest>;
export type WireResponse = { id: number } & Result<unknown>;
export type WireEvent = { event: EventName; payload: unknown };

/** Electron IPC channel names, derived from the table (never typed by hand elsewhere). */
export const ipcChannel = {
  invoke: (method: MethodName) => `desk:invoke:${method}`,
  event: 'desk:event',
} as const;

export function validationError(error: z.ZodError): DeskError {
  return {
    code: 'invalid-request',
    message: 'The request does not match the contract',
    issues: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  };
}

/**
 * What the Electron preload exposes on `window.deskBridge`: one function per contract method
 * (never a generic invoke), plus one event subscription.
 */
export type DeskBridge = {
  readonly [M in MethodName]: (params: unknown) => Promise<Result<unknown>>;
} & {
  readonly onEvent: (listener: (name: string, payload: unknown) => void) => () => void;
};
