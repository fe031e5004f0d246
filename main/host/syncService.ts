import type { Database } from 'better-sqlite3';
import path from 'node:path';
import type { Clock } from '../../core/clock.js';
import type { DeskRole } from '../../core/contract.js';
import { istanbulYear } from '../../db/sqlFunctions.js';
import { MonthlyReport, type ReportGrouping } from '../../core/report.js';
import { passwordProblem } from '../../core/passwordPolicy.js';
import type { SyncStatus } from '../../core/syncStatus.js';
import { addReservedNumbers, reservedNumberCount } from '../../db/numberPool.js';
import { applyPulledChanges } from '../../db/pulledChanges.js';
import { deskIdentity, readCursor, readLastSyncAt, writeLastSyncAt } from '../../db/syncMeta.js';
import {
  acknowledgeChanges,
  deferChanges,
  enqueueMissingCreates,
  holdChanges,
  outboxCounts,
  pendingChanges,
  releaseHeldChanges,
  type OutboxChange,
} from '../../db/syncOutbox.js';
import { DEMO_ACCOUNTS } from '../../server/seed.js';
import { startServer, type RunningServer } from '../../server/start.js';
import { createHttpTransport, SyncFailure } from '../../sync/client/httpTransport.js';
import { createSyncEngine, type SyncEngine, type SyncStore } from '../../sync/client/syncEngine.js';
import { CaseChange, type IncidentList, type QueueFiguresEvent, type ServerChange } from '../../sync/protocol.js';
import type { AutoLogin, CentralServer } from './config.js';
import { invalidField, RequestError, type Handlers } from './dispatch.js';
import { createCentralApi, type CentralApi } from './centralApi.js';

type SyncHandlers = Pick<
  Handlers,
  'sync.status' | 'sync.retry' | 'session.login' | 'session.logout' | 'session.changePassword' | 'reports.monthly' | 'reports.monthlyCsv'
>;

export interface SyncServiceDeps {
  db: Database;
  dataDir: string;
  server: CentralServer;
  autoLogin: AutoLogin | null;
  role: DeskRole;
  log: (line: string) => void;
  now: Clock;
  onStatus: (status: SyncStatus) => void;
  /** Cases changed by a pull: lists and open details reload. */
  onCasesSynced: (caseIds: number[]) => void;
  /** The server's live queue figures (team leads, when the server has a queue collector). */
  onQueueFigures?: (event: QueueFiguresEvent) => void;
  /** The server's active mass incidents, whole, as the live channel brings them. */
  onIncidents?: (list: IncidentList) => void;
}

export interface SyncService {
  handlers: SyncHandlers;
  /** The central server with this desk's session, for requests the UI makes through the host. */
  api: CentralApi;
  /** A case was written here: push it soon. */
  localChange(): void;
  /** The in-process demo server (DESK_SERVER_URL unset), null for a real one. */
  readonly embedded: RunningServer | null;
  /** Tests: resolves after a full push/pull cycle that started after the call. */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

/** Final numbers kept in reserve so a desk that loses the server keeps giving final numbers a while. */
const NUMBER_POOL_TARGET = 20;
const NUMBER_POOL_LOW = 10;

/** The demo account that matches the desk's role, for the embedded server. */
function demoLoginFor(role: DeskRole): AutoLogin {
  const username = role === 'team-lead' ? 'lead' : role === 'feedback' ? 'feedback' : 'operator';
  const account = DEMO_ACCOUNTS.find((a) => a.username === username)!;
  return { username, password: account.password };
}

/** The protocol's change for one outbox row; the create carries the case as this desk recorded it. */
export function changeOfOutboxRow(row: OutboxChange, deskId: string): unknown {
  const base = { changeId: row.changeId, deskId, caseKey: row.applicationNo, clientAt: row.createdAt };
  if (row.kind !== 'create') return { ...base, kind: row.kind, payload: row.payload };
  const c = row.createCase!;
  return {
    ...base,
    kind: 'create',
    payload: {
      type: c.type,
      subject: c.subject,
      subjectCode: c.subjectCode,
      channel: c.channel,
      priority: c.priority,
      confidential: c.confidential,
      urgent: c.urgent,
      description: c.description,
      phone: c.phone,
      citizenName: c.citizenName,
      tcKimlikNo: c.tcKimlikNo,
      address: c.address,
      linkedid: c.linkedid,
      incidentId: c.incidentId,
      dueAt: c.dueAt,
      status: c.status,
      unitCode: c.unitCode,
      resolution: c.resolution,
      firstContactResolution: c.firstContactResolution,
      securityCodeHash: c.securityCodeHash,
      createdAt: c.createdAt,
    },
  };
}

/** The engine's view of this desk's SQLite file. */
function sqliteSyncStore(db: Database, deskId: string, now: Clock, log: (line: string) => void, onCasesSynced: (ids: number[]) => void): SyncStore {
  return {
    pendingBatch(limit) {
      const batch: CaseChange[] = [];
      const invalid: { changeId: string; code: string }[] = [];
      for (const row of pendingChanges(db, limit, now())) {
        const parsed = CaseChange.safeParse(changeOfOutboxRow(row, deskId));
        if (parsed.success) batch.push(parsed.data);
        else invalid.push({ changeId: row.changeId, code: 'invalid-locally' });
      }
      // A row the protocol cannot carry (written before a rule existed) must not block the
      // rest; it is held, counted and shown, never dropped.
      if (invalid.length > 0) {
        holdChanges(db, invalid);
        log(`sync: ${invalid.length} change(s) held: they do not fit the protocol`);
      }
      return batch;
    },
    acknowledge(response) {
      acknowledgeChanges(db, [...response.accepted, ...response.duplicates]);
      // 'unknown-case' is "not yet" (the create has not arrived); every other code is for good
      // (forbidden, a number not this desk's, an unknown unit…, and codes this desk does not know
      // yet): held and shown, never sent again until the operator retries.
      const later = response.rejected.filter((r) => r.code === 'unknown-case').map((r) => r.changeId);
      if (later.length > 0) deferChanges(db, later, 'unknown-case');
      const refused = response.rejected.filter((r) => r.code !== 'unknown-case');
      if (refused.length > 0) holdChanges(db, refused);
    },
    applyPulled(changes: ServerChange[], cursor) {
      const { changedCaseIds } = applyPulledChanges(db, changes, cursor, deskId, now());
      if (changedCaseIds.length > 0) onCasesSynced(changedCaseIds);
    },
    cursor: () => readCursor(db),
    counts: () => outboxCounts(db),
    numbersWanted() {
      const have = reservedNumberCount(db, istanbulYear(now()));
      return have < NUMBER_POOL_LOW ? NUMBER_POOL_TARGET - have : 0;
    },
    addNumbers: (numbers) => addReservedNumbers(db, numbers),
    releaseHeld: () => releaseHeldChanges(db),
    lastSyncAt: () => readLastSyncAt(db),
    setLastSyncAt: (iso) => writeLastSyncAt(db, iso),
  };
}

/**
 * The desk's link to the central server: the engine (sync/client) over this desk's SQLite
 * outbox, the login the UI asks for, and, in the default set-up, the server itself in-process.
 */
export async function startSyncService(deps: SyncServiceDeps): Promise<SyncService> {
  const { db, log } = deps;
  const { deskId } = deskIdentity(db);
  const queued = enqueueMissingCreates(db);
  if (queued > 0) log(`sync: ${queued} case(s) recorded before sync existed are queued for the server`);

  let embedded: RunningServer | null = null;
  let serverUrl: string | null = null;
  if (deps.server.mode === 'embedded') {
    // A demo server (demo accounts with published passwords): the desk logs in with one of them below.
    const config = { port: 0, host: '127.0.0.1', databaseUrl: null, dataDir: path.join(deps.dataDir, 'server'), demo: true };
    // Loopback names only: a web page rebinding its name to 127.0.0.1 must not reach the demo accounts.
    embedded = await startServer(config, false, deps.now, {
      allowedHosts: 'loopback',
    });
    serverUrl = embedded.url;
    log(`central server (embedded, demo accounts) on ${serverUrl}`);
  } else if (deps.server.mode === 'remote') {
    serverUrl = deps.server.url;
  }

  const transport = createHttpTransport(serverUrl ?? 'http://127.0.0.1:1');
  const engine: SyncEngine = createSyncEngine({
    serverUrl,
    deskId,
    store: sqliteSyncStore(db, deskId, deps.now, log, deps.onCasesSynced),
    transport,
    now: deps.now,
    log,
    ...(deps.onQueueFigures ? { onQueueFigures: deps.onQueueFigures } : {}),
    ...(deps.onIncidents ? { onIncidents: deps.onIncidents } : {}),
  });
  engine.onStatus(deps.onStatus);

  const autoLogin = deps.autoLogin ?? (embedded ? demoLoginFor(deps.role) : null);
  if (autoLogin && serverUrl) {
    // Offline at start is normal: the desk records cases and the operator logs in later.
    engine.login(autoLogin.username, autoLogin.password).catch((error: unknown) => {
      log(`sync: automatic login failed (${error instanceof SyncFailure ? error.code : 'error'})`);
    });
  }

  const loginError = (error: unknown): RequestError => {
    if (error instanceof SyncFailure) {
      if (error.code === 'bad-credentials' || error.code === 'unauthorized') {
        return new RequestError({ code: 'unauthorized', message: 'Wrong username or password' });
      }
      return new RequestError({ code: 'unavailable', message: 'The central server cannot be reached' });
    }
    return new RequestError({ code: 'internal', message: 'Login failed' });
  };

  const api = createCentralApi(
    () => serverUrl,
    () => engine.currentToken(),
    () => void engine.retryNow(),
  );

  const reportPath = (month: string, by: ReportGrouping, format: 'json' | 'csv') => {
    if (deps.role !== 'team-lead') throw new RequestError({ code: 'forbidden', message: 'Reports are for team leads' });
    return `/api/v1/reports/monthly?${new URLSearchParams({ month, by, format }).toString()}`;
  };

  return {
    embedded,
    handlers: {
      'sync.status': () => engine.status(),
      'sync.retry': () => engine.retryNow(),
      'session.login': async ({ username, password }) => {
        if (serverUrl === null) throw new RequestError({ code: 'unavailable', message: 'No central server is configured' });
        try {
          return await engine.login(username, password);
        } catch (error) {
          throw loginError(error);
        }
      },
      'session.logout': () => engine.logout(),
      'session.changePassword': async ({ currentPassword, newPassword }) => {
        const account = engine.status().account;
        if (account === null) throw new RequestError({ code: 'unauthorized', message: 'Log in to the central server first' });
        // The rule about the username needs the account: checked here before the round trip, and again by the server.
        const problem = passwordProblem(newPassword, account.username);
        if (problem !== null) throw invalidField('newPassword', problem);
        const answer = await api.answer('POST', '/api/v1/auth/password', { currentPassword, newPassword }, [403, 429]);
        if (answer.status === 403) return { outcome: 'wrong-password', retryAfterSeconds: null };
        if (answer.status === 429) return { outcome: 'rate-limited', retryAfterSeconds: answer.retryAfterSeconds ?? 60 };
        log('sync: the account password was changed on the central server');
        return { outcome: 'changed', retryAfterSeconds: null };
      },
      'reports.monthly': ({ month, by }) => api.json(MonthlyReport, 'GET', reportPath(month, by, 'json')),
      'reports.monthlyCsv': async ({ month, by }) => ({
        fileName: `alo153-${month}-${by}.csv`,
        csv: await api.text(reportPath(month, by, 'csv')),
      }),
    },
    api,
    localChange: () => engine.localChange(),
    flush: () => engine.flush(),
    async stop() {
      await engine.stop();
      await embedded?.stop();
    },
  };
}
