import { z } from 'zod';
import { CaseStatus } from '../../core/case.js';
import { MonthlyReport, ReportGrouping, ReportMonth } from '../../core/report.js';
import { AgentStatsReport, CaseFigures, QueueStatsReport, StatsDate, StatsInterval } from '../../core/queueStats.js';
import { CallbackItem, CallbackOutcomeInput, CallbackOutcomeResult } from '../../core/callback.js';
import { Cursor, LiveNotice, PullResponse, PushRequest, PushResponse, ServerCase } from '../../sync/protocol.js';
import { MAX_RESERVE_COUNT, ReserveNumbersRequest, ReserveNumbersResponse } from '../numbers/reserve.js';
import { CaseStatusAnswer } from '../status/statusQuery.js';
import { ACTION_NAMES, ActionBodies, type ActionName } from '../workflow/actions.js';
import { UnitInbox, WorkedCase } from '../workflow/workflow.js';
import { ApiError } from './errors.js';
import { Incident, IncidentClosing, IncidentDeclaration, IncidentList, IncidentUpdate } from '../../core/incident.js';
import { LoginRequest, LoginResponse, PasswordChangeRequest, PasswordResetRequest } from './schemas.js';

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any', target: 'openapi-3.0' });

const json = (ref: string) => ({ content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } } });
const error = (description: string) => ({ description, ...json('ApiError') });
const bearer = [{ bearer: [] }];

const ACTION_SUMMARIES: Record<ActionName, string> = {
  assign: 'Give the case to someone in the unit (a waiting case becomes in-progress)',
  note: "Add a note to the case's history",
  resolve: 'Resolve the case with the resolution the citizen is told',
  reject: 'Reject the case (outside the municipality, not actionable) with a reason',
  redirect: 'Send the case to another unit',
};
const actionSchemaName = (name: ActionName) => `${name[0]!.toUpperCase()}${name.slice(1)}Request`;

/** The five department actions: one path each, same answers. */
function actionPaths(): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const name of ACTION_NAMES) {
    paths[`/api/v1/cases/{applicationNo}/${name}`] = {
      post: {
        summary: ACTION_SUMMARIES[name],
        description: 'Department users on their own unit\'s cases; team leads and admins on any. One transaction with the history and the change log.',
        security: bearer,
        parameters: [{ name: 'applicationNo', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: json(actionSchemaName(name)),
        responses: {
          200: { description: 'the case after the action', ...json('WorkedCase') },
          400: error('invalid request, or the action does not apply to the case as it stands'),
          401: error('no valid token'),
          403: error('a role that does not work cases'),
          404: error("unknown case, or one this account may not work (another unit's): the same answer"),
        },
      },
    };
  }
  return paths;
}

/** Queue and agent statistics from the server's collector (server/queueStats). */
function queueStatsPaths(): Record<string, unknown> {
  const range = [
    { name: 'from', in: 'query', required: true, schema: schema(StatsDate), example: '2026-12-01' },
    { name: 'to', in: 'query', required: true, schema: schema(StatsDate), example: '2026-12-03' },
  ];
  const format = { name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'csv'], default: 'json' } };
  const answers = (ref: string) => ({
    200: { description: 'ok', content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } }, 'text/csv': { schema: { type: 'string' } } } },
    400: error('invalid request: a date that is not YYYY-MM-DD, `to` before `from`, or a span too long for the interval'),
    401: error('no valid token'),
    403: error('not a team lead or admin'),
  });
  return {
    '/api/v1/queue-stats': {
      get: {
        summary: 'Queue figures per interval and in total, for Istanbul days from `from` to `to` (inclusive)',
        description:
          'Team leads and admins. Calls count in the interval they entered the queue. `gaps` lists the spans the collector did not see the PBX: figures there are missing, not zero. ' +
          'Spans: up to 92 days by 15, 30 or 60 minutes, 366 by day. `format=csv` answers CSV for Turkish Excel.',
        security: bearer,
        parameters: [...range, { name: 'interval', in: 'query', schema: { ...schema(StatsInterval), default: '60' } }, { name: 'queue', in: 'query', schema: { type: 'string' } }, format],
        responses: answers('QueueStatsReport'),
      },
    },
    '/api/v1/case-stats/today': {
      get: {
        summary: "What today's calls became: cases by subject against the same hours a week ago, first-contact resolution, repeat calls, units' open and overdue cases",
        description: 'Team leads and admins; counts only. `repeatCalls` is null when the server has no queue collector.',
        security: bearer,
        responses: { 200: { description: 'ok', ...json('CaseFigures') }, 401: error('no valid token'), 403: error('not a team lead or admin') },
      },
    },
    '/api/v1/agent-stats': {
      get: {
        summary: 'Per agent: answered calls, mean talk, ring-no-answers, logged-in time, paused time per reason, wrap-up, occupancy',
        description: 'Team leads and admins; Istanbul days from `from` to `to` (inclusive, up to 366). The state an agent is in now counts up to now.',
        security: bearer,
        parameters: [...range, format],
        responses: answers('AgentStatsReport'),
      },
    },
  };
}

const callbackId = [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[1-9][0-9]*$' } }];
const CALLBACK_ROLES = 'Feedback operators, team leads and admins; only the cases the account may see (confidential ones: team leads).';

/** The feedback operators' call-backs (server/callbacks). */
function callbackPaths(): Record<string, unknown> {
  const common = { 400: error('invalid request'), 401: error('no valid token'), 403: error('not a feedback operator, team lead or admin') };
  return {
    '/api/v1/callbacks': {
      get: {
        summary: 'Open call-backs due now or within 24 hours, by due time, with who holds each (live claims only)',
        description: CALLBACK_ROLES,
        security: bearer,
        parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } }],
        responses: { 200: { description: 'ok', ...json('CallbackWorklist') }, ...common },
      },
    },
    '/api/v1/callbacks/{id}/claim': {
      post: {
        summary: 'Take the call-back for 10 minutes (again, if already yours); an expired claim counts as free',
        description: `${CALLBACK_ROLES} Of concurrent claims exactly one wins.`,
        security: bearer,
        parameters: callbackId,
        responses: {
          200: { description: 'the call-back, claimed by this account', ...json('CallbackItem') },
          ...common,
          404: error('unknown call-back'),
          409: error('`claimed`: someone else holds a live claim; `closed`: done or gave up'),
        },
      },
    },
    '/api/v1/callbacks/{id}/release': {
      post: {
        summary: 'Give the claim up (its holder; team leads and admins any claim); releasing a free call-back changes nothing',
        description: CALLBACK_ROLES,
        security: bearer,
        parameters: callbackId,
        responses: { 204: { description: 'released' }, ...common, 404: error('unknown call-back'), 409: error('`claimed`: someone else holds it') },
      },
    },
    '/api/v1/callbacks/{id}/outcome': {
      post: {
        summary: 'Record what the citizen said: informed (satisfaction 1–5) → done; no-answer → retry later or gave-up at the maximum; wrong-number → done; not-solved → done and a resolved case reopens at its unit',
        description: `${CALLBACK_ROLES} The claim's holder records; team leads and admins always. Every outcome is kept (callback_attempts).`,
        security: bearer,
        parameters: callbackId,
        requestBody: json('CallbackOutcomeInput'),
        responses: {
          200: { description: 'what happens next', ...json('CallbackOutcomeResult') },
          ...common,
          404: error('unknown call-back'),
          409: error('`claimed`: someone else holds it; `not-claimed`: claim it first; `closed`: done or gave up'),
        },
      },
    },
  };
}

const incidentId = [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }];
const INCIDENT_MANAGERS = 'Team leads, and department users of the incident\'s unit (auth/permissions.ts); every other role 403.';

/** Mass incidents (server/incidents). */
function incidentPaths(): Record<string, unknown> {
  const common = { 400: error('invalid request'), 401: error('no valid token') };
  return {
    '/api/v1/incidents': {
      post: {
        summary: 'Declare a mass incident: subject, unit, districts and neighbourhoods, what callers are told, start and expected end; `caseNumbers` attaches existing cases (a surge) at once',
        description: `${INCIDENT_MANAGERS} Every desk receives it on the live channel (\`event: incidents\`). With \`announceQueues\`, callers of those queues hear the announcement before they wait (AstDB, telephony/README-ami.md).`,
        security: bearer,
        requestBody: json('IncidentDeclaration'),
        responses: { 201: { description: 'the incident, with its id', ...json('Incident') }, ...common, 403: error('may not declare for this unit') },
      },
      get: {
        summary: 'Incidents: the active ones (`active=1`), else also those closed in the last 30 days; with attached-case counts',
        description: 'Every signed-in account.',
        security: bearer,
        parameters: [{ name: 'active', in: 'query', schema: { type: 'string', enum: ['0', '1'] } }],
        responses: { 200: { description: 'ok', ...json('IncidentList') }, ...common },
      },
    },
    '/api/v1/incidents/{id}': {
      get: {
        summary: 'One incident and its attached cases, newest first, as the account may see them',
        description: 'Every signed-in account; confidential cases only to whom may see them, T.C. kimlik no masked as in pull.',
        security: bearer,
        parameters: [...incidentId, { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 200 } }],
        responses: { 200: { description: 'ok', ...json('IncidentWithCases') }, ...common, 404: error('unknown incident') },
      },
      patch: {
        summary: 'Change what was declared (any field but the cases); a closed incident cannot change',
        description: INCIDENT_MANAGERS,
        security: bearer,
        parameters: incidentId,
        requestBody: json('IncidentUpdate'),
        responses: { 200: { description: 'the incident as it is now', ...json('Incident') }, ...common, 403: error('may not change this unit\'s incident'), 404: error('unknown incident'), 409: error('`closed`') },
      },
    },
    '/api/v1/incidents/{id}/close': {
      post: {
        summary: 'Close the incident: every attached open case is resolved with the one resolution; each citizen gets one SMS for the incident, and no resolution call-back',
        description: `${INCIDENT_MANAGERS} One transaction; each case gets its history and change-log entry as a unit's resolve would. The announcement is cleared from the PBX.`,
        security: bearer,
        parameters: incidentId,
        requestBody: json('IncidentClosing'),
        responses: {
          200: { description: 'the closed incident and how many cases it resolved', ...json('IncidentClosed') },
          ...common,
          403: error('may not close this unit\'s incident'),
          404: error('unknown incident'),
          409: error('`closed`: already closed'),
        },
      },
    },
  };
}

const LOGIN_THROTTLE =
  'Wrong passwords slow an account down: after 5 in a row, 1 s, then 2 s, 4 s … at most 5 minutes between tries; an address that has not failed on the account waits at most 30 s. One address may fail 30 times in 10 minutes, across accounts. A success clears the account. A refused try is answered 429 with `Retry-After` and its password is not checked.';
const RETRY_AFTER = { 'Retry-After': { description: 'seconds to wait', schema: { type: 'integer', minimum: 1 } } };

/** Passwords: an account's own change, an admin's reset (auth/accountRoutes.ts). */
function passwordPaths(): Record<string, unknown> {
  const rules = 'The new password: at least 10 characters (at most 200), not containing the username, not one or two characters repeated, not a well-known one; a refusal names the rule in `issues[0].message` (too-short, too-long, control-character, contains-username, repeated, common).';
  return {
    '/api/v1/auth/password': {
      post: {
        summary: "Change this account's password; ends the account's other sessions (this one stays)",
        description: `Every role. ${rules} A wrong current password counts like a wrong login (429 after 5).`,
        security: bearer,
        requestBody: json('PasswordChangeRequest'),
        responses: {
          204: { description: 'changed' },
          400: error('invalid request, or a new password the rules refuse'),
          401: error('no valid token'),
          403: error('`wrong-password`: the current password is not this account\'s'),
          429: { ...error('`rate-limited`: too many wrong passwords'), headers: RETRY_AFTER },
        },
      },
    },
    '/api/v1/admin/accounts/{username}/password': {
      post: {
        summary: "Set an account's password (a forgotten one, a leaver's); ends all of that account's sessions",
        description: `Admins only. ${rules} Clears the account's login slow-down.`,
        security: bearer,
        parameters: [{ name: 'username', in: 'path', required: true, schema: { type: 'string', maxLength: 64 } }],
        requestBody: json('PasswordResetRequest'),
        responses: {
          204: { description: 'set' },
          400: error('invalid request, or a new password the rules refuse'),
          401: error('no valid token'),
          403: error('not an admin'),
          404: error('no such account'),
        },
      },
    },
  };
}

/** Paths written by hand; every body schema is generated from the zod schema the route validates with. */
export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: { title: 'ALO 153 central case server', version: '1' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        ApiError: schema(ApiError),
        LoginRequest: schema(LoginRequest),
        LoginResponse: schema(LoginResponse),
        PasswordChangeRequest: schema(PasswordChangeRequest),
        PasswordResetRequest: schema(PasswordResetRequest),
        PushRequest: schema(PushRequest),
        PushResponse: schema(PushResponse),
        PullResponse: schema(PullResponse),
        LiveNotice: schema(LiveNotice),
        CaseStatusAnswer: schema(CaseStatusAnswer),
        WorkedCase: schema(WorkedCase),
        UnitInbox: schema(UnitInbox),
        ...Object.fromEntries(ACTION_NAMES.map((name) => [actionSchemaName(name), schema(ActionBodies[name])])),
        MonthlyReport: schema(MonthlyReport),
        QueueStatsReport: schema(QueueStatsReport),
        AgentStatsReport: schema(AgentStatsReport),
        CaseFigures: schema(CaseFigures),
        ReserveNumbersRequest: schema(ReserveNumbersRequest),
        ReserveNumbersResponse: schema(ReserveNumbersResponse),
        CallbackItem: schema(CallbackItem),
        CallbackWorklist: schema(z.object({ items: z.array(CallbackItem) })),
        CallbackOutcomeInput: schema(CallbackOutcomeInput),
        CallbackOutcomeResult: schema(CallbackOutcomeResult),
        Incident: schema(Incident),
        IncidentList: schema(IncidentList),
        IncidentDeclaration: schema(IncidentDeclaration),
        IncidentUpdate: schema(IncidentUpdate),
        IncidentClosing: schema(IncidentClosing),
        IncidentWithCases: schema(z.object({ incident: Incident, cases: z.array(ServerCase) })),
        IncidentClosed: schema(z.object({ incident: Incident, resolved: z.number().int() })),
      },
    },
    paths: {
      '/api/v1/health': { get: { summary: 'Liveness and database reachability', responses: { 200: { description: 'ok' }, 503: { description: 'database unreachable' } } } },
      '/api/v1/auth/login': {
        post: {
          summary: 'Log in; returns an expiring bearer token',
          description: LOGIN_THROTTLE,
          requestBody: json('LoginRequest'),
          responses: {
            200: { description: 'ok', ...json('LoginResponse') },
            400: error('invalid request'),
            401: error('wrong username or password'),
            429: { ...error('`rate-limited`: too many wrong passwords for this account or from this address'), headers: RETRY_AFTER },
          },
        },
      },
      ...passwordPaths(),
      '/api/v1/auth/logout': { post: { summary: 'End this token', security: bearer, responses: { 204: { description: 'ok' }, 401: error('no valid token') } } },
      '/api/v1/sync/push': {
        post: {
          summary: 'Push a batch of case changes, idempotent by change id',
          security: bearer,
          requestBody: json('PushRequest'),
          responses: { 200: { description: 'ok', ...json('PushResponse') }, 400: error('invalid request'), 401: error('no valid token'), 403: error('role may not push') },
        },
      },
      '/api/v1/sync/pull': {
        get: {
          summary: 'Changes after a cursor, in server order, that the account may see',
          security: bearer,
          parameters: [
            {
              name: 'cursor',
              in: 'query',
              schema: schema(Cursor),
              description: "The last answer's `cursor` (`T.S`); '' or absent: from the beginning. A numeric cursor from before (`N`) still works.",
            },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000 } },
          ],
          responses: { 200: { description: 'ok', ...json('PullResponse') }, 400: error('invalid request'), 401: error('no valid token') },
        },
      },
      '/api/v1/status/{applicationNo}': {
        get: {
          summary: "A citizen's status query; an unknown number and a wrong code get the same answer",
          parameters: [
            { name: 'applicationNo', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'code', in: 'query', required: true, schema: { type: 'string' } },
          ],
          responses: { 200: { description: 'ok', ...json('CaseStatusAnswer') }, 404: error('unknown number or wrong code'), 429: error('too many queries') },
        },
      },
      '/api/v1/numbers/reserve': {
        post: {
          summary: `Reserve the next 1 to ${MAX_RESERVE_COUNT} final application numbers of the current Istanbul year for a desk`,
          description: 'Each number is handed out once ever (a per-year counter) and recorded against the desk.',
          security: bearer,
          requestBody: json('ReserveNumbersRequest'),
          responses: { 200: { description: 'the numbers, in order', ...json('ReserveNumbersResponse') }, 400: error('invalid request'), 401: error('no valid token'), 403: error('role may not reserve (department)') },
        },
      },
      '/api/v1/sync/events': {
        get: {
          summary: 'Live channel (Server-Sent Events): `event: changed` with a LiveNotice as `data` whenever the change log grows (at most one per 250 ms); a heartbeat comment every 15 s',
          description:
            'Authenticate with the bearer header or, for EventSource, `?token=`. The stream ends when the token is logged out or expires. ' +
            '`data` is a LiveNotice (components/schemas/LiveNotice): the cursors around what the server read (`from`, `to`) and the changes in between that the account may see, as pull gives them. ' +
            'A client whose cursor lies in [from, to) applies the changes after its cursor and stores `to`; one at or past `to` has them; any other client, or a notice without `changes`, pulls.',
          security: bearer,
          parameters: [{ name: 'token', in: 'query', schema: { type: 'string' }, description: 'the bearer token, for clients that cannot set headers' }],
          responses: { 200: { description: 'event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, 401: error('no valid token') },
        },
      },
      '/api/v1/units/{unit}/inbox': {
        get: {
          summary: "A unit's cases, newest first, with their SLA state",
          description: 'Department users for their own unit; team leads and admins for any.',
          security: bearer,
          parameters: [
            { name: 'unit', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'status', in: 'query', schema: schema(CaseStatus) },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 200 } },
          ],
          responses: { 200: { description: 'ok', ...json('UnitInbox') }, 400: error('invalid request'), 401: error('no valid token'), 403: error("not this account's unit") },
        },
      },
      ...actionPaths(),
      '/api/v1/reports/monthly': {
        get: {
          summary: "The month's cases (Istanbul time) by subject or unit: created, resolved, on time, mean resolution hours, first-contact, reopened",
          description: 'Team leads and admins. `format=csv` answers CSV for Turkish Excel (UTF-8 with BOM, `;`, decimal comma).',
          security: bearer,
          parameters: [
            { name: 'month', in: 'query', required: true, schema: schema(ReportMonth), example: '2026-11' },
            { name: 'by', in: 'query', required: true, schema: schema(ReportGrouping) },
            { name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'csv'], default: 'json' } },
          ],
          responses: {
            200: { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/MonthlyReport' } }, 'text/csv': { schema: { type: 'string' } } } },
            400: error('invalid request'),
            401: error('no valid token'),
            403: error('not a team lead or admin'),
          },
        },
      },
      ...queueStatsPaths(),
      ...callbackPaths(),
      ...incidentPaths(),
      '/api/v1/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.0 document' } } } },
    },
  };
}
