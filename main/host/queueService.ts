import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatPhone, maskPhone } from '../../core/phone.js';
import type { DeskRole } from '../../core/contract.js';
import type { Clock } from '../../core/clock.js';
import type { QueueDelta, QueueHistoryPoint, QueueSnapshot, WallboardSettings } from '../../core/queue.js';
import { applyQueueDelta, diffQueueSnapshots } from '../../core/queueDelta.js';
import type { QueueFiguresEvent } from '../../sync/protocol.js';
import { header } from '../../telephony/ami/amiFrame.js';
import type { AmiClient } from '../../telephony/ami/amiClient.js';
import { AmiCommandError, createQueueControl } from '../../telephony/ami/queueControl.js';
import {
  appendHistory,
  applyChannels,
  channelDevice,
  createQueueMetricsState,
  parseQueueEvent,
  reduceQueueMetrics,
  restoreDayCounters,
  resync,
  serializeDayCounters,
  showsUnknownMember,
  toAgentRows,
  toQueueTiles,
  WRAP_UP_PAUSE_REASON,
  type QueueEvent,
  type QueueMetricsState,
} from '../../telephony/queueMetrics/index.js';
import { RequestError, type Handlers } from './dispatch.js';

type QueueHandlers = Pick<
  Handlers,
  | 'queue.snapshot'
  | 'agent.pause'
  | 'agent.queueMembership'
  | 'agent.hangup'
  | 'call.originate'
  | 'supervisor.pause'
  | 'supervisor.queueMembership'
  | 'supervisor.spy'
>;

export interface QueueServiceDeps {
  ami: AmiClient;
  dataDir: string;
  role: DeskRole;
  agentInterface: string;
  agentName: string | null;
  /** The team lead's own phone, where ChanSpy rings (e.g. PJSIP/2001); null: no listening in. */
  supervisorPhone: string | null;
  /** Where click-to-dial continues once the agent's desk phone answers (the number is the exten). */
  dialContext: string;
  settings: WallboardSettings;
  /** Seconds between QueueStatus reads that catch silent member changes; 0: none (config.queueReconcileSec). */
  reconcileSec?: number;
  log: (line: string) => void;
  now: Clock;
  /**
   * Pushes what changed since the last snapshot published (pushed, or answered to `queue.snapshot`)
   * to the UI. Called at most every PUSH_INTERVAL_MS, and when a snapshot is asked for.
   */
  push: (delta: QueueDelta) => void;
}

export interface QueueService {
  handlers: QueueHandlers;
  /**
   * The central server's live queue figures (its collector's, over the live channel): while they
   * are fresh and the server sees its PBX, a team lead's wallboard shows them (the whole day, every
   * agent) instead of what this desk's own session saw.
   */
  serverFigures(event: QueueFiguresEvent): void;
  stop(): void;
}

/** A break the operator chose: waiting for the call's end (`pending`), or asked of the PBX. */
type OwnPause = NonNullable<QueueSnapshot['ownPause']>;

/** Server figures older than this are not shown: the server publishes every second at least. */
const SERVER_FIGURES_FRESH_MS = 5_000;

const PUSH_INTERVAL_MS = 250;
const PERSIST_INTERVAL_MS = 5_000;
/** The day's counters in the data folder, kept over restarts. */
export const DAY_FILE = 'queue-day.json';

/** Everything about queues: figures from the PBX's events, and the controls operators and team leads use. */
export function createQueueService(deps: QueueServiceDeps): QueueService {
  const { ami, settings } = deps;
  const dayFile = path.join(deps.dataDir, DAY_FILE);
  const nowMs = () => deps.now().getTime();
  let state: QueueMetricsState = restoreDay(createQueueMetricsState(nowMs()), dayFile, deps.log);
  let history: readonly QueueHistoryPoint[] = [];
  let pushTimer: NodeJS.Timeout | null = null;
  let dirty = false;

  // Team leads see waiting callers' numbers masked; operators do not need them at all.
  const maskNumber = deps.role === 'team-lead' ? (n: string) => formatPhone(maskPhone(n)) : () => null;
  // The UI holds the last snapshot published and follows deltas from it; a new stream after a
  // restart tells it that versions it holds mean nothing here.
  const stream = randomUUID();
  let published: QueueSnapshot | null = null;
  let server: { snapshot: QueueSnapshot | null; receivedAt: number; live: boolean } = { snapshot: null, receivedAt: 0, live: false };
  const serverView = (now: number): QueueSnapshot | null =>
    server.snapshot !== null && server.live && now - server.receivedAt < SERVER_FIGURES_FRESH_MS ? server.snapshot : null;
  let showingServer = false;
  /** The operator's own break (see the after-call work below): published with every snapshot. */
  let own: OwnPause | null = null;
  // The UI disables listen / whisper / barge, saying why, when there is no phone for ChanSpy to ring.
  const publishedSettings: WallboardSettings = { ...settings, spyPhone: deps.supervisorPhone !== null };
  /** A snapshot of now, the next version; everyone already following gets it as a delta. */
  const publish = (): QueueSnapshot => {
    const now = nowMs();
    history = appendHistory(history, state, now);
    const fromServer = serverView(now);
    showingServer = fromServer !== null;
    const next: QueueSnapshot = {
      stream,
      version: (published?.version ?? 0) + 1,
      at: now,
      memberChange,
      countingSince: fromServer?.countingSince ?? state.countingSince,
      dayStartsAt: fromServer?.dayStartsAt ?? state.day.startsAt,
      queues: fromServer?.queues ?? toQueueTiles(state, now, maskNumber),
      agents: fromServer?.agents ?? toAgentRows(state, now),
      history: fromServer?.history ?? (history as QueueHistoryPoint[]),
      settings: publishedSettings,
      ownPause: own,
    };
    if (published !== null) deps.push(diffQueueSnapshots(published, next));
    published = next;
    return next;
  };
  const schedulePush = () => {
    dirty = true;
    pushTimer ??= setTimeout(() => {
      pushTimer = null;
      publish();
    }, PUSH_INTERVAL_MS);
  };

  let memberChange: QueueSnapshot['memberChange'] = null;
  const unsubscribeEvents = ami.onEvent((frame) => {
    // Parsed once: most of what a filtered session gets is queue events, and parsing is half their cost.
    const event = parseQueueEvent(frame);
    if (event === null) return;
    // Asked before the event is applied: the reducer learns the member from it.
    if (showsUnknownMember(state, event)) ami.requestResync('unknown-member');
    const next = reduceQueueMetrics(state, event, nowMs());
    if (next !== state) {
      state = next;
      schedulePush();
    }
    afterEvent(event);
  });
  const unsubscribeResync = ami.onResync((r) => {
    const before = membersOf(state);
    const listed = resync(state, r.queueStatus, r.at);
    state = r.channels === null ? listed : applyChannels(listed, r.channels, r.at);
    // After a (re)connect everything is new to this session; afterwards a difference is a change
    // the PBX made without announcing it (`queue reload members`): say so.
    if (r.reason !== 'connect') {
      const change = memberDiff(before, membersOf(state));
      if (change.added.length + change.removed.length > 0) {
        memberChange = { at: r.at, reason: r.reason, ...change };
        deps.log(`queue members changed on the PBX (${r.reason}): ${[...change.added.map((m) => `+${m.interface} ${m.queue}`), ...change.removed.map((m) => `-${m.interface} ${m.queue}`)].join(', ')}`);
      }
    }
    schedulePush();
  });
  const reconcileTimer = (deps.reconcileSec ?? 0) > 0 ? setInterval(() => ami.requestResync('periodic'), deps.reconcileSec! * 1000) : null;
  // The chart and the counts since midnight move even when the PBX is quiet.
  const minuteTimer = setInterval(schedulePush, 60_000);
  // Server figures that stopped coming (live channel down, collector gone): back to this desk's own.
  const serverTimer = setInterval(() => {
    if (showingServer && serverView(nowMs()) === null) schedulePush();
  }, 1_000);
  const persistTimer = setInterval(() => {
    if (!dirty) return;
    dirty = false;
    persistDay(state, dayFile, deps.log);
  }, PERSIST_INTERVAL_MS);

  const control = createQueueControl(ami);
  /** Runs a control; a refusal carries the PBX's own words, a dead link says so. */
  async function pbx(run: () => Promise<unknown>): Promise<{ ok: true }> {
    try {
      await run();
    } catch (error) {
      if (error instanceof AmiCommandError) {
        // Asterisk's own words (no personal data: interfaces and queue names) for whoever reads the log.
        deps.log(`PBX refused ${error.action}: ${error.asteriskMessage}`);
        throw new RequestError({ code: 'pbx-refused', message: error.asteriskMessage });
      }
      throw new RequestError({ code: 'unavailable', message: 'The PBX link is down' });
    }
    return { ok: true };
  }

  // After-call work and the operator's own break (issue 18). After each call the operator is
  // paused for wrapUpSec with WRAP_UP_PAUSE_REASON, then unpaused by itself. A break the operator
  // chooses always wins over it. It used to be a flag set once the PBX had answered the pause, and
  // the timer unpaused whatever the pause then was: a break asked as the call ended was replaced by
  // the wrap-up pause, one whose QueuePause was on its way when the timer fired was undone, and a
  // break asked during a call showed nowhere (the agent rows give a reason only in state paused).
  // Now the break is the host's own state, set before the PBX is asked, published (`ownPause`),
  // and the timer ends only the wrap-up's own pause.
  let wrapUpTimer: NodeJS.Timeout | null = null;
  const stopWrapUp = () => {
    if (wrapUpTimer) clearTimeout(wrapUpTimer);
    wrapUpTimer = null;
  };
  const setOwn = (next: OwnPause | null) => {
    own = next;
    schedulePush();
  };
  /** This operator's members (one per queue) as the PBX last reported them. */
  const myMembers = () => Object.values(state.queues).flatMap((q) => q.members.get(deps.agentInterface) ?? []);
  /** Ringing or talking: a break asked now waits for the call's end ('after-call'). */
  const inCall = () => {
    const mine = toAgentRows(state, nowMs()).find((a) => a.interface === deps.agentInterface);
    return mine?.state === 'on-call' || mine?.state === 'ringing';
  };
  /** Paused at the PBX for something else than after-call work (a team lead's pause, a break kept over a restart). */
  const pausedOtherwise = () => myMembers().some((m) => m.paused && m.pausedReason !== WRAP_UP_PAUSE_REASON);
  const inWrapUpPause = () => myMembers().some((m) => m.paused && m.pausedReason === WRAP_UP_PAUSE_REASON);

  /** The break asked during the call, now that it ended: at the PBX, in place of the wrap-up. */
  function takePendingBreak() {
    const reason = own!.reason;
    setOwn({ reason, pending: false });
    control.pause({ interface: deps.agentInterface, ...(reason ? { reason } : {}) }).catch(() => {
      deps.log('the break asked during the call could not be taken: the PBX did not pause the operator');
      if (own?.reason === reason && !own.pending) setOwn(null);
    });
  }

  function afterEvent(event: QueueEvent) {
    const mine = 'interface' in event && event.interface === deps.agentInterface;
    if (event.kind === 'agentComplete' && mine) return callEnded();
    if (own === null) return;
    // A call that ends without AgentComplete (a ring the caller gave up on) ends the wait too.
    if (own.pending && (event.kind === 'agentRingNoAnswer' || event.kind === 'memberStatus' || event.kind === 'hangup') && !inCall()) return takePendingBreak();
    // Unpaused at the PBX by someone else (a team lead): the break is over.
    if (!own.pending && event.kind === 'memberPause' && event.member.interface === deps.agentInterface && !event.member.paused && asking === 0) setOwn(null);
  }

  function callEnded() {
    stopWrapUp();
    if (own?.pending) return takePendingBreak();
    if (own !== null || pausedOtherwise() || settings.wrapUpSec <= 0) return;
    control.pause({ interface: deps.agentInterface, reason: WRAP_UP_PAUSE_REASON }).catch(() => {});
    wrapUpTimer = setTimeout(() => {
      wrapUpTimer = null;
      // Only the wrap-up's own pause ends here: a break chosen since (asked, or on its way to the PBX) is kept.
      if (own === null && inWrapUpPause() && !pausedOtherwise()) control.unpause({ interface: deps.agentInterface }).catch(() => {});
    }, settings.wrapUpSec * 1000);
  }

  /** Operator pause requests on their way to the PBX. */
  let asking = 0;
  async function askPbx(paused: boolean, reason: string | null, before: OwnPause | null): Promise<{ ok: true }> {
    asking++;
    try {
      return await pause(deps.agentInterface, paused, reason, null);
    } catch (error) {
      setOwn(before);
      throw error;
    } finally {
      asking--;
    }
  }

  /** `agent.pause` for every queue: the operator's break, pending during a call, and ending it (or cancelling it). */
  function ownBreak(paused: boolean, reason: string | null): Promise<{ ok: true }> {
    const before = own;
    if (!paused) {
      // A break still waiting for the call's end is only cancelled: nothing was asked of the PBX.
      if (own?.pending) {
        setOwn(null);
        return Promise.resolve({ ok: true });
      }
      stopWrapUp();
      setOwn(null);
      return askPbx(false, null, before);
    }
    const wanted = reason ?? '';
    if (settings.pauseDuringCall !== 'at-once' && inCall()) {
      setOwn({ reason: wanted, pending: true });
      return Promise.resolve({ ok: true });
    }
    // Set before the PBX is asked: a call ending or the wrap-up timer meanwhile sees the break.
    stopWrapUp();
    setOwn({ reason: wanted, pending: false });
    return askPbx(true, reason, before);
  }

  const teamLeadOnly = () => {
    if (deps.role !== 'team-lead') throw new RequestError({ code: 'forbidden', message: 'Only a team lead may do this' });
  };
  const pause = (iface: string, paused: boolean, reason: string | null, queue: string | null) => {
    const request = { interface: iface, ...(queue ? { queue } : {}), ...(reason ? { reason } : {}) };
    return pbx(() => (paused ? control.pause(request) : control.unpause(request)));
  };
  const membership = (iface: string, queue: string, member: boolean, name: string | null) =>
    pbx(() =>
      member
        ? control.addMember({ queue, interface: iface, ...(name ? { memberName: name } : {}) })
        : control.removeMember({ queue, interface: iface }),
    );

  function serverFigures(event: QueueFiguresEvent): void {
    if (deps.role !== 'team-lead') return;
    const base = event.snapshot ?? (event.delta && server.snapshot ? applyQueueDelta(server.snapshot, event.delta) : null);
    server = { snapshot: base, receivedAt: nowMs(), live: event.links.some((link) => link.live) };
    schedulePush();
  }

  return {
    serverFigures,
    handlers: {
      'queue.snapshot': () => publish(),
      // One queue: as asked, at the PBX; every queue: the operator's break.
      'agent.pause': ({ paused, reason, queue }) => (queue ? pause(deps.agentInterface, paused, reason, queue) : ownBreak(paused, reason)),
      'agent.queueMembership': ({ queue, member }) => membership(deps.agentInterface, queue, member, deps.agentName),
      'agent.hangup': async ({ linkedid }) => {
        const channels = await ami.listAction({ Action: 'CoreShowChannels' }).catch(() => {
          throw new RequestError({ code: 'unavailable', message: 'The PBX link is down' });
        });
        const device = deviceOf(deps.agentInterface);
        const leg = channels.items.find((c) => header(c, 'Linkedid') === linkedid && deviceOf(header(c, 'Channel') ?? '') === device);
        if (!leg) throw new RequestError({ code: 'not-found', message: 'This agent has no channel in that call' });
        return pbx(() => control.hangup(header(leg, 'Channel')!));
      },
      // Click-to-dial on a desk phone: Asterisk rings the agent's phone first, then, once it is
      // picked up, dials the citizen from the dial context, as a call-back Originate does.
      'call.originate': ({ number }) =>
        pbx(async () => {
          const result = await control.originate({
            channel: deps.agentInterface,
            context: deps.dialContext,
            exten: number,
            priority: 1,
            callerId: `ALO 153 <${number}>`,
            timeoutMs: 30_000,
          });
          if (!result.success) throw new AmiCommandError('Originate', `the desk phone was not reached (${result.reasonText})`);
        }),
      'supervisor.pause': ({ interface: iface, paused, reason, queue }) => {
        teamLeadOnly();
        return pause(iface, paused, reason, queue);
      },
      'supervisor.queueMembership': ({ interface: iface, queue, member }) => {
        teamLeadOnly();
        const name = toAgentRows(state, nowMs()).find((a) => a.interface === iface)?.name ?? null;
        return membership(iface, queue, member, name);
      },
      'supervisor.spy': ({ interface: iface, mode }) => {
        teamLeadOnly();
        const supervisorChannel = deps.supervisorPhone;
        if (supervisorChannel === null) {
          throw new RequestError({ code: 'unavailable', message: 'No supervisor phone is configured (DESK_SUPERVISOR_PHONE)' });
        }
        return pbx(async () => {
          const result = await control.spy({ supervisorChannel, agentDevice: deviceOf(iface), mode });
          if (!result.success) throw new AmiCommandError('Originate', `the supervisor phone was not reached (${result.reasonText})`);
        });
      },
    },
    stop() {
      unsubscribeEvents();
      unsubscribeResync();
      clearInterval(minuteTimer);
      clearInterval(serverTimer);
      clearInterval(persistTimer);
      if (reconcileTimer) clearInterval(reconcileTimer);
      if (pushTimer) clearTimeout(pushTimer);
      stopWrapUp();
      control.dispose();
      persistDay(state, dayFile, deps.log);
    },
  };
}

type MemberRef = { queue: string; interface: string; name: string };

function membersOf(state: QueueMetricsState): Map<string, MemberRef> {
  const members = new Map<string, MemberRef>();
  for (const queue of Object.values(state.queues)) {
    // A member known only by its pause device (membership still unknown) is not counted yet:
    // the QueueStatus that names it is what adds it.
    for (const m of queue.members.values()) if (m.membership !== '') members.set(`${queue.name}\u0000${m.interface}`, { queue: queue.name, interface: m.interface, name: m.name });
  }
  return members;
}

function memberDiff(before: Map<string, MemberRef>, after: Map<string, MemberRef>): { added: MemberRef[]; removed: MemberRef[] } {
  return {
    added: [...after].filter(([key]) => !before.has(key)).map(([, m]) => m),
    removed: [...before].filter(([key]) => !after.has(key)).map(([, m]) => m),
  };
}

/** A member interface (`Local/1001@sim-agent/n`) or one of its channels, as the device both share. */
export const deviceOf = (channelOrInterface: string): string => channelDevice(channelOrInterface.replace(/\/n$/, ''));

function restoreDay(state: QueueMetricsState, file: string, log: (line: string) => void): QueueMetricsState {
  if (!existsSync(file)) return state;
  try {
    const restored = restoreDayCounters(state, readFileSync(file, 'utf8'));
    if (!restored.restored && restored.reason === 'invalid') log(`${DAY_FILE} is unreadable; the day's queue counters start from zero`);
    return restored.state;
  } catch {
    log(`${DAY_FILE} is unreadable; the day's queue counters start from zero`);
    return state;
  }
}

/** Written via a temporary file and a rename: a crash leaves the previous counters, never half a file. */
function persistDay(state: QueueMetricsState, file: string, log: (line: string) => void): void {
  try {
    const temporary = `${file}.tmp`;
    // Owner-only: the counters are the call center's figures (the data folder is private too).
    writeFileSync(temporary, serializeDayCounters(state), { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    log(`could not save the day's queue counters to ${DAY_FILE}`);
  }
}
