/**
 * The one host↔UI contract. Both transports (Electron IPC, browser-mode WebSocket) and the
 * renderer's client are derived from these two tables; the host validates every request
 * against them and answers a typed error when a request does not fit.
 */
import { z } from 'zod';
import { CaseRecord, NewCaseInput, PhoneNumber } from './case.js';
import { ScreenPop } from './call.js';
import { PbxLinkState } from './pbxLink.js';

export const DeskSnapshot = z.object({
  agentInterface: z.string(),
  agentName: z.string().nullable(),
  link: PbxLinkState,
  /** The call on the agent's screen, if any (ringing, connected, or just ended). */
  screenPop: ScreenPop.nullable(),
});
export type DeskSnapshot = z.infer<typeof DeskSnapshot>;

export const methods = {
  /** Everything the UI needs on (re)connect; afterwards it follows pushed events. */
  'desk.snapshot': { request: z.object({}).strict(), response: DeskSnapshot },
  'cases.list': {
    request: z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
    response: z.array(CaseRecord),
  },
  'cases.create': { request: NewCaseInput.strict(), response: CaseRecord },
  'citizens.lookup': {
    request: z.object({ phone: PhoneNumber }).strict(),
    response: z.object({ knownName: z.string().nullable(), cases: z.array(CaseRecord) }),
  },
  /** Clears an ended call from the operator's screen once its case is done. */
  'call.dismiss': {
    request: z.object({ linkedid: z.string().min(1).max(64) }).strict(),
    response: z.object({ dismissed: z.boolean() }),
  },
} as const;

export const events = {
  'pbx.link': PbxLinkState,
  /** The agent's current call changed (rang, answered, ended) or was cleared (null). */
  'call.screenPop': ScreenPop.nullable(),
  /** A case was saved (by this desk); lists refresh from it. */
  'cases.saved': CaseRecord,
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

export const ErrorCode = z.enum(['invalid-request', 'unknown-method', 'not-found', 'internal', 'unavailable']);
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
