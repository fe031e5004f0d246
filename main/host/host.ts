import type { Database } from 'better-sqlite3';
import path from 'node:path';
import type { AgentCall, ScreenPop } from '../../core/call.js';
import { systemClock, type Clock } from '../../core/clock.js';
import type { EventName, EventPayload, Result } from '../../core/contract.js';
import type { PbxLinkState } from '../../core/pbxLink.js';
import { phoneSearchKey } from '../../core/phone.js';
import { longestResolutionDays } from '../../core/catalogue.js';
import { HOLIDAY_TABLE_LAST_YEAR } from '../../core/holidays.js';
import { LONGEST_DEADLINE_DAYS, uncheckedHolidayYear } from '../../core/sla.js';
import { recordCall } from '../../db/callRecords.js';
import { openDatabase } from '../../db/openDatabase.js';
import { reduceAgentCall, resyncAgentCall } from '../../telephony/agentCall.js';
import { createAmiClient, type AmiClient } from '../../telephony/ami/amiClient.js';
import { operatorFilters, teamLeadFilters } from '../../telephony/ami/amiFilters.js';
import { startPbxSimulator, type PbxSimulator } from '../../telephony/simulator/pbxSimulator.js';
import { createCaseHandlers } from './caseService.js';
import { createIncidentService, type IncidentService } from './incidentService.js';
import { callerHistory, screenPopOf as assembleScreenPop } from './screenPop.js';
import { createQueueService } from './queueService.js';
import { startCaseFigures } from './caseFiguresService.js';
import { loadCatalogue } from './catalogueSource.js';
import { prepareDataDir, STORE_FILE } from './privateDataDir.js';
import type { DeskConfig } from './config.js';
import { demoAgents, demoCallers, seedDemoCases, seedsDemoCases } from './demoData.js';
import { dispatch, type Handlers } from './dispatch.js';
import { startSyncService } from './syncService.js';
import { createCallbackHandlers } from './callbackService.js';
import { createQueueStatsReportHandlers } from './queueStatsReports.js';
import { callFromInvite, correlateInvite } from '../../telephony/sipCorrelation.js';
import { latestDraft } from '../../db/draftRepository.js';
import { openSettings } from './settings.js';
import { startPresence, type Presence } from './presence.js';
import type { DesktopShell } from './desktopShell.js';
import type { IncidentList, QueueFiguresEvent } from '../../sync/protocol.js';

export type HostEventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/** The desk's services under plain Node; the Electron and browser shells are transports over it. */
export interface Host {
  invoke(method: unknown, params: unknown): Promise<Result<unknown>>;
  onEvent(listener: HostEventListener): () => void;
  readonly dataFile: string;
  /** Resolves after a push/pull cycle that began after the call (tests and benchmarks). */
  syncFlush(): Promise<void>;
  close(): Promise<void>;
}

const DEMO_CREDENTIALS = { username: 'desk', secret: 'desk153' };

/** The host's clock: the system's, or a test's (the suite must not depend on the day it runs). */
export interface HostOptions {
  now?: Clock;
  /** The Electron shell's desktop (tray, notifications, global keys, updates); none in browser mode. */
  desktop?: DesktopShell;
}

export async function startHost(config: DeskConfig, log: (line: string) => void, options: HostOptions = {}): Promise<Host> {
  const now = options.now ?? systemClock;
  const nowMs = () => now().getTime();
  prepareDataDir(config.dataDir);
  const dataFile = path.join(config.dataDir, STORE_FILE);
  const db: Database = openDatabase(dataFile);
  const catalogue = loadCatalogue(config.dataDir, log);
  const listeners = new Set<HostEventListener>();
  /** Set once the PBX link exists; follows every event after the shells have sent it on. */
  let presence: Presence | null = null;
  const emit: HostEventListener = (name, payload) => {
    for (const listener of listeners) listener(name, payload);
    presence?.follow(name, payload);
  };
  const settings = openSettings({ dataDir: config.dataDir, admin: config.adminSettings, log });
  settings.onChange((view) => emit('settings.changed', view));

  const holidayTable = () => ({
    lastYear: HOLIDAY_TABLE_LAST_YEAR,
    uncheckedYear: uncheckedHolidayYear(now(), Math.max(LONGEST_DEADLINE_DAYS, longestResolutionDays(catalogue))),
  });
  const unchecked = holidayTable().uncheckedYear;
  if (unchecked !== null) {
    log(
      `holiday table: no Ramazan/Kurban Bayramı dates for ${unchecked} (the table ends in ${HOLIDAY_TABLE_LAST_YEAR}); ` +
        'due dates reaching it are computed without bayrams and shown as unchecked: add the Diyanet dates to core/holidays.ts',
    );
  }

  // Demo mode: a first run gets a few past cases (queued for its own server like any other).
  if (seedsDemoCases(config)) seedDemoCases(db, catalogue, now());

  let call: AgentCall | null = null;
  /** Softphone calls no AMI call matched: SIP Call-ID → the call's id on this desk. */
  const sipOnlyCalls = new Map<string, string>();

  /** Created once sync is up (it needs the server API); a list that comes before waits for it. */
  let incidents: IncidentService | null = null;
  let incidentsBeforeService: IncidentList | null = null;
  const screenPopOf = (current: AgentCall | null): ScreenPop | null =>
    current === null ? null : assembleScreenPop(db, current, now(), incidents?.current() ?? []);

  // The queue service starts after sync: server figures that arrive before it are dropped (the
  // next come within a second).
  let serverQueueFigures: ((event: QueueFiguresEvent) => void) | null = null;
  // The central server first: in demo mode it starts in-process, and a PBX simulator started
  // before it would put callers through while the desk is not yet listening.
  const sync = await startSyncService({
    db,
    dataDir: config.dataDir,
    server: config.server,
    autoLogin: config.autoLogin,
    role: config.role,
    log,
    now,
    onStatus: (status) => emit('sync.status', status),
    onCasesSynced: (caseIds) => {
      emit('cases.synced', { changed: caseIds.length, caseIds: caseIds.slice(0, 100) });
      // A resolution or a reopened case changes the call-back list on the server.
      emit('callbacks.changed', {});
      incidents?.casesChanged();
      if (call) emit('call.screenPop', screenPopOf(call));
    },
    onQueueFigures: (event) => serverQueueFigures?.(event),
    onIncidents: (list) => {
      if (incidents) incidents.receive(list);
      else incidentsBeforeService = list;
    },
  });

  let simulator: PbxSimulator | null = null;
  let target = config.ami;
  if (target === null) {
    const { callers, ...load } = config.demoPbx;
    simulator = await startPbxSimulator({
      port: 0,
      ...DEMO_CREDENTIALS,
      agents: demoAgents,
      callers: callers ?? demoCallers,
      ...load,
    });
    target = { host: '127.0.0.1', port: simulator.port, ...DEMO_CREDENTIALS };
    log(`demo mode: PBX simulator on 127.0.0.1:${simulator.port}`);
    // A team lead's demo: its own server records the simulated PBX's queues, as a center's server
    // does its PBX's (the reports, the live figures). Only a team lead reads them: an operator's
    // demo server would write them for nobody, on the one PGlite connection its sync uses too.
    if (config.role === 'team-lead') {
      await sync.embedded?.collect({ name: `127.0.0.1:${simulator.port}`, host: '127.0.0.1', port: simulator.port, ...DEMO_CREDENTIALS });
    }
  }

  // Hundreds of desks each taking every event of a large PBX overload it: an operator's desk
  // asks only for its queues' callers and its own interface's events, a team lead's for all
  // queue and agent events (telephony/ami/amiFilters.ts).
  const filters = !config.amiSessionFilters ? [] : config.role === 'team-lead' ? teamLeadFilters() : operatorFilters(config.agentInterface);
  const ami: AmiClient = createAmiClient({ ...target, filters, log, now: nowMs });
  ami.onLinkState((state: PbxLinkState) => emit('pbx.link', state));
  /** Ended calls are kept with their wait and talk time; the case names them by Linkedid. */
  const callChanged = (next: AgentCall | null) => {
    // Recorded when it ends, and again when AgentComplete brings the PBX's talk time after the
    // call already ended by the member going idle (telephony/agentCall.ts).
    const ended = next !== null && next.phase === 'ended' && (call?.phase !== 'ended' || call.talkSec !== next.talkSec);
    call = next;
    if (ended) {
      try {
        recordCall(db, next, config.agentInterface);
      } catch (error) {
        log(`could not keep the call record: ${error instanceof Error ? error.name : 'unknown error'}`);
      }
    }
    emit('call.screenPop', screenPopOf(call));
  };

  ami.onEvent((event) => {
    const next = reduceAgentCall(call, event, config.agentInterface, nowMs());
    if (next !== call) callChanged(next);
  });
  // After a (re)connect the PBX's channel list says which call the agent is on: a desk started
  // or reconnected mid-call pops it, and a call that ended meanwhile ends. A softphone-only call
  // is not the PBX's to judge.
  ami.onResync((resync) => {
    if (call !== null && [...sipOnlyCalls.values()].includes(call.linkedid)) return;
    // Channels refused (a manager user without `reporting`): the call on screen is not judged.
    if (resync.channels === null) return;
    const next = resyncAgentCall(call, resync.channels, config.agentInterface, resync.at);
    if (next !== call) callChanged(next);
  });

  const queues = createQueueService({
    ami,
    dataDir: config.dataDir,
    role: config.role,
    agentInterface: config.agentInterface,
    agentName: config.agentName,
    supervisorPhone: config.supervisorPhone,
    dialContext: config.dialContext,
    settings: config.wallboard,
    reconcileSec: config.queueReconcileSec,
    log,
    now,
    push: (delta) => emit('queue.delta', delta),
  });
  serverQueueFigures = queues.serverFigures;
  const caseFigures = startCaseFigures({ api: sync.api, role: config.role, push: (figures) => emit('wallboard.caseFigures', figures), log });

  presence = startPresence({
    shell: options.desktop ?? null,
    settings,
    agentInterface: config.agentInterface,
    softphone: config.softphone.enabled,
    link: ami.linkState,
    invoke: (method, params) => dispatch(handlers, method, params, log),
    hasDraft: () => latestDraft(db) !== null,
    emit,
    log,
    now: nowMs,
  });

  const caseHandlers = createCaseHandlers({
    db,
    dataDir: config.dataDir,
    catalogue,
    role: config.role,
    actor: config.agentInterface,
    now,
    onSaved(saved) {
      emit('cases.saved', saved);
      sync.localChange();
      incidents?.casesChanged();
      // The caller's history changed (0532…, 90532… and +90 532… are one number).
      if (call && saved.phone !== null && phoneSearchKey(saved.phone) === phoneSearchKey(call.callerNumber)) {
        emit('call.screenPop', screenPopOf(call));
      }
    },
  });
  incidents = createIncidentService({
    db,
    catalogue,
    api: sync.api,
    now,
    currentCall: () => call,
    createCase: caseHandlers['cases.create'],
    appendNote: caseHandlers['cases.appendNote'],
    onChanged: (list) => {
      emit('incidents.changed', { incidents: list });
      if (call) emit('call.screenPop', screenPopOf(call));
    },
    watchSurges: config.role === 'team-lead',
    onSurges: (surges, appeared) => {
      emit('incidents.surges', { surges });
      const first = appeared[0];
      if (first) {
        options.desktop?.notify(
          { title: `Toplu olay olabilir: ${first.subjectName}`, body: `${first.district}: son ${first.rule.minutes} dakikada ${first.caseNumbers.length} başvuru` },
          () => options.desktop?.raise(),
        );
      }
    },
    log,
  });
  if (incidentsBeforeService) incidents.receive(incidentsBeforeService);

  const handlers: Handlers = {
    ...queues.handlers,
    ...incidents.handlers,
    ...caseFigures.handlers,
    ...settings.handlers,
    ...presence.handlers,
    ...sync.handlers,
    ...createQueueStatsReportHandlers({ api: sync.api, role: config.role }),
    'desk.snapshot': () => ({
      role: config.role,
      agentInterface: config.agentInterface,
      agentName: config.agentName,
      link: ami.linkState,
      screenPop: screenPopOf(call),
      holidayTable: holidayTable(),
    }),
    ...caseHandlers,
    'citizens.lookup': ({ phone, offset, limit }) => callerHistory(db, phone, { offset, limit }, now()),
    ...createCallbackHandlers({
      db,
      api: sync.api,
      role: config.role,
      actor: config.agentInterface,
      now,
      localChange: () => sync.localChange(),
    }),
    'softphone.settings': () => config.softphone,
    'softphone.incoming': (invite) => {
      const at = nowMs();
      const match = correlateInvite(invite, call, at);
      if (match.by === 'none') {
        // No AMI call to pair with: the softphone's own call pops the screen.
        const sipCall = callFromInvite(invite, at);
        sipOnlyCalls.set(invite.callId, sipCall.linkedid);
        callChanged(sipCall);
      }
      return { screenPop: screenPopOf(call) };
    },
    // AMI reports answer and hang-up of the calls it knows; only SIP-only calls are moved here.
    'softphone.answered': ({ callId }) => {
      const linkedid = sipOnlyCalls.get(callId);
      if (linkedid !== undefined && call?.linkedid === linkedid && call.phase === 'ringing') {
        callChanged({ ...call, phase: 'connected', answeredAt: nowMs() });
      }
      return { ok: true as const };
    },
    'softphone.ended': ({ callId }) => {
      const linkedid = sipOnlyCalls.get(callId);
      sipOnlyCalls.delete(callId);
      if (linkedid !== undefined && call?.linkedid === linkedid && call.phase !== 'ended') {
        callChanged({ ...call, phase: 'ended', endedAt: nowMs() });
      }
      return { ok: true as const };
    },
    'call.dismiss': ({ linkedid }) => {
      if (call === null || call.linkedid !== linkedid || call.phase !== 'ended') return { dismissed: false };
      call = null;
      emit('call.screenPop', null);
      return { dismissed: true };
    },
  };

  ami.start();

  return {
    dataFile,
    invoke: (method, params) => dispatch(handlers, method, params, log),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    syncFlush: () => sync.flush(),
    async close() {
      listeners.clear();
      presence?.stop();
      queues.stop();
      caseFigures.stop();
      incidents?.stop();
      await sync.stop();
      await ami.stop();
      await simulator?.stop();
      db.close();
    },
  };
}
