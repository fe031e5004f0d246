import net from 'node:net';
import type { AmiFrame } from '../ami/amiFrame.js';
import { serializeFrame } from '../ami/amiFrame.js';
import type { AmiSession } from './amiSession.js';
import { attachSession } from './amiSession.js';
import { agentDialplan, callFrames } from './callFrames.js';
import { amiEvent } from './eventHeaders.js';
import { createQueueModel } from './queueModel.js';
import type { SimScheduler } from './simScheduler.js';
import { realScheduler } from './simScheduler.js';
import type { PbxSimulator, PbxSimulatorOptions, SimulatorConfig } from './simTypes.js';

export type { PbxSimulator, PbxSimulatorOptions, SimAgent, SimCaller } from './simTypes.js';

// The simulator is three layers: the queue model (state + injected timers) reports facts,
// callFrames turns each fact into Asterisk's events, and this TCP server fans them out to every
// logged-in AMI session. It binds 127.0.0.1 only: it accepts any client that knows the secret.

/** queues.conf of the recorded Asterisk for `alo153`. */
export const RECORDED_QUEUE_SETTINGS = { strategy: 'rrmemory', serviceLevel: 20, ringTimeoutMs: 15_000, retryMs: 2_000 } as const;

export function configFromOptions(options: PbxSimulatorOptions): SimulatorConfig {
  const queue = options.queue ?? 'alo153';
  return {
    port: options.port ?? 0,
    username: options.username,
    secret: options.secret,
    queues: [
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
    ringTimeoutMs: RECORDED_QUEUE_SETTINGS.ringTimeoutMs,
    retryMs: RECORDED_QUEUE_SETTINGS.retryMs,
    authFailDelayMs: 1_000,
  };
}

export function startPbxSimulator(options: PbxSimulatorOptions): Promise<PbxSimulator> {
  return startSimulator(configFromOptions(options), realScheduler());
}

/** The full-featured entry point: several queues, member details, and a scheduler of your choice. */
export async function startSimulator(config: SimulatorConfig, scheduler: SimScheduler): Promise<PbxSimulator> {
  const sessions = new Set<AmiSession>();
  const sockets = new Set<net.Socket>();
  const dialplan = agentDialplan(config.autoAnswerMs, config.talkTimeMs);
  const startedAt = scheduler.now();

  function broadcast(frames: AmiFrame[]): void {
    if (frames.length === 0 || sessions.size === 0) return;
    const text = frames.map((frame) => serializeFrame(frame.headers)).join('');
    for (const session of sessions) session.write(text);
  }

  const model = createQueueModel(config, scheduler, (fact) => broadcast(callFrames(fact, dialplan)));

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    attachSession(socket, {
      username: config.username,
      secret: config.secret,
      authFailDelayMs: config.authFailDelayMs,
      startedAt,
      now: () => scheduler.now(),
      status: (queue) => model.status(queue),
      broadcast,
      onLogin: (session) => sessions.add(session),
      onClose: (session) => sessions.delete(session),
    });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    model.stop();
    throw error;
  }
  const address = server.address() as net.AddressInfo;

  let stopped: Promise<void> | null = null;
  return {
    port: address.port,
    placeCall: (caller) => model.placeCall(caller),
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        model.stop();
        // Asterisk announces a shutdown to its sessions before it closes them (i-restart-reconnect).
        broadcast([amiEvent('Shutdown', 'system', [['Shutdown', 'Cleanly'], ['Restart', 'False']])]);
        const force = setTimeout(() => {
          for (const socket of sockets) socket.destroy();
        }, 200);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        for (const socket of sockets) socket.end();
      });
      return stopped;
    },
  };
}
