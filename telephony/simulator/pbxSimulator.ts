import net from 'node:net';
import type { AmiFrame } from '../ami/amiFrame.js';
import { header, serializeFrame } from '../ami/amiFrame.js';
import type { AmiSession, PreparedEvent, SessionHost } from './amiSession.js';
import { attachSession, bootedEvent, secondsBetween } from './amiSession.js';
import { createAstDb } from './astdb.js';
import { agentDialplan, callFrames } from './callFrames.js';
import { amiEvent } from './eventHeaders.js';
import type { OriginateSetup } from './originate.js';
import { createOriginator } from './originate.js';
import { createQueueModel } from './queueModel.js';
import type { SimScheduler } from './simScheduler.js';
import { realScheduler } from './simScheduler.js';
import type { PbxSimulator, PbxSimulatorOptions, SimulatorConfig } from './simTypes.js';

export type { PbxSimulator, PbxSimulatorOptions, PlaceCallOptions, SimAgent, SimCaller, SimQueueConfig, SimulatorConfig, TalkTime } from './simTypes.js';

// The simulator is three layers: the queue model (state + injected timers) reports facts,
// callFrames turns each fact into Asterisk's events, and this TCP server fans them out to every
// logged-in AMI session through its filters. It binds 127.0.0.1 only: it accepts any client
// that knows the secret. Control functions (pause, add, abandon, kill, restart) act as a second
// AMI connection driving the PBX would — which is how the recordings were made.

/** queues.conf of the recorded Asterisk for `alo153`. */
export const RECORDED_QUEUE_SETTINGS = { strategy: 'rrmemory', serviceLevel: 20, ringTimeoutMs: 15_000, retryMs: 2_000 } as const;

/** Asterisk waits about half a second between Shutdown and closing its sessions (i-restart-reconnect). */
const SHUTDOWN_GRACE_MS = 500;

export function configFromOptions(options: PbxSimulatorOptions): SimulatorConfig {
  const queue = options.queue ?? 'alo153';
  return {
    port: options.port ?? 0,
    username: options.username,
    secret: options.secret,
    queues: options.queues ?? [
      {
        name: queue,
        strategy: RECORDED_QUEUE_SETTINGS.strategy,
        serviceLevel: RECORDED_QUEUE_SETTINGS.serviceLevel,
        members: options.agents.map((agent) => ({ ...agent, membership: 'static', penalty: 0 })),
      },
    ],
    callQueue: queue,
    callers: options.callers,
    callIntervalMs: options.callIntervalMs,
    autoAnswerMs: options.autoAnswerMs,
    talkTimeMs: options.talkTimeMs,
    ...(options.talkTime === undefined ? {} : { talkTime: options.talkTime }),
    ...(options.arrivalsPerSecond === undefined ? {} : { arrivalsPerSecond: options.arrivalsPerSecond }),
    ...(options.maxWaitMs === undefined ? {} : { maxWaitMs: options.maxWaitMs }),
    ...(options.patienceMeanMs === undefined ? {} : { patienceMeanMs: options.patienceMeanMs }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.users === undefined ? {} : { users: options.users }),
    ringTimeoutMs: options.ringTimeoutMs ?? RECORDED_QUEUE_SETTINGS.ringTimeoutMs,
    retryMs: options.retryMs ?? RECORDED_QUEUE_SETTINGS.retryMs,
    authFailDelayMs: 1_000,
  };
}

export function startPbxSimulator(options: PbxSimulatorOptions): Promise<PbxSimulator> {
  return startSimulator(configFromOptions(options), realScheduler());
}

export interface SimulatorExtras {
  /** How Originate callees behave; the recorded numbers by default. */
  originate?: OriginateSetup;
  /** Between Shutdown and the close on stop()/restart(); default 500 ms as Asterisk. */
  shutdownGraceMs?: number;
}

/** The full-featured entry point: several queues, member details, and a scheduler of your choice. */
export async function startSimulator(config: SimulatorConfig, scheduler: SimScheduler, extras: SimulatorExtras = {}): Promise<PbxSimulator> {
  const sessions = new Set<AmiSession>();
  const sockets = new Set<net.Socket>();
  const dialplan = agentDialplan(config.autoAnswerMs, config.talkTimeMs);
  const users = [{ username: config.username, secret: config.secret }, ...(config.users ?? [])];
  const graceMs = extras.shutdownGraceMs ?? SHUTDOWN_GRACE_MS;
  let startedAt = scheduler.now() - (config.uptimeSec ?? 0) * 1000;
  let booted = true;
  let server: net.Server | null = null;
  let port = config.port;
  // Asterisk's AstDB is a file: it outlives kill() and restart() like the members do.
  const astdb = createAstDb();

  let held: AmiFrame[] | null = null;

  function broadcast(frames: AmiFrame[]): void {
    if (held !== null) {
      held.push(...frames);
      return;
    }
    if (frames.length === 0 || sessions.size === 0) return;
    const events: PreparedEvent[] = frames.map((frame) => ({ name: header(frame, 'Event') ?? '', text: serializeFrame(frame.headers) }));
    for (const session of sessions) session.deliver(events);
  }

  const model = createQueueModel(config, scheduler, (fact) => broadcast(callFrames(fact, dialplan)));
  const originator = createOriginator(
    scheduler,
    { localName: (exten, context) => model.allocateLocal(exten, context), uniqueIds: (at) => model.allocateIds(at) },
    broadcast,
    extras.originate,
  );

  const host: SessionHost = {
    users,
    authFailDelayMs: config.authFailDelayMs,
    astdb,
    now: () => scheduler.now(),
    uptimeSec: () => secondsBetween(startedAt, scheduler.now()),
    booted: () => booted,
    status: (queue) => model.status(queue),
    channels: () => model.channels(),
    pause: (iface, paused, options) => model.pauseMember(iface, paused, options),
    addMember(queue, member) {
      try {
        return model.addMember(queue, member);
      } catch {
        return 'unsupported';
      }
    },
    removeMember: (queue, iface) => model.removeMember(queue, iface),
    hangup: (channel) => model.hangUpChannel(channel),
    originate: (fields, respond) => originator.originate(fields, respond),
    broadcast,
    answerFirst(change, answer) {
      const outer = held;
      held = [];
      let frames: AmiFrame[];
      try {
        const result = change();
        answer(result);
      } finally {
        frames = held;
        held = outer;
      }
      broadcast(frames);
    },
    onLogin: (session) => sessions.add(session),
    onClose: (session) => sessions.delete(session),
  };

  async function listen(): Promise<void> {
    const s = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      attachSession(socket, host);
    });
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        s.off('error', reject);
        resolve();
      });
    });
    server = s;
    port = (s.address() as net.AddressInfo).port;
  }

  /** Closes the listening socket and every session; with `announce`, Shutdown goes first. */
  async function close(announce: { restart: boolean } | null): Promise<void> {
    const s = server;
    if (s === null) return;
    server = null;
    model.stop();
    originator.stop();
    if (announce !== null) {
      broadcast([amiEvent('Shutdown', 'system', [['Shutdown', 'Cleanly'], ['Restart', announce.restart ? 'True' : 'False']])]);
      await new Promise((resolve) => setTimeout(resolve, graceMs));
    }
    const closed = new Promise<void>((resolve) => s.close(() => resolve()));
    for (const socket of sockets) {
      if (announce === null) socket.destroy();
      else socket.end();
    }
    const force = setTimeout(() => {
      for (const socket of sockets) socket.destroy();
    }, 200);
    await closed;
    clearTimeout(force);
    sessions.clear();
  }

  try {
    await listen();
  } catch (error) {
    model.stop();
    throw error;
  }

  let transition: Promise<void> = Promise.resolve();
  const serially = (step: () => Promise<void>) => (transition = transition.then(step, step));

  return {
    get port() {
      return port;
    },
    astdb,
    placeCall: (caller, options) => model.placeCall(caller, options),
    hangUpCaller: (linkedid) => model.hangUpCaller(linkedid),
    hangUpAgent: (linkedid, options) => model.hangUpAgent(linkedid, options),
    pauseMember: (iface, paused, options) => model.pauseMember(iface, paused, options) === 'ok',
    addMember: (queue, member) => model.addMember(queue, member) === 'ok',
    removeMember: (queue, iface) => model.removeMember(queue, iface) === 'ok',
    reloadMembers: (queue, members) => model.reloadMembers(queue, members) === 'ok',
    reload: (module) => model.reload(module),
    status: (queue) => model.status(queue),
    stopLoad: () => model.stopLoad(),
    kill: () => serially(() => close(null)),
    restart: (options = {}) =>
      serially(async () => {
        await close({ restart: true });
        model.restart();
        startedAt = scheduler.now();
        const bootMs = options.bootMs ?? 0;
        booted = bootMs <= 0;
        await listen();
        if (!booted) {
          scheduler.setTimeout(() => {
            booted = true;
            startedAt = scheduler.now();
            broadcast([bootedEvent()]);
          }, bootMs);
        }
      }),
    stop: () => serially(() => close({ restart: false })),
  };
}
