import type { AmiFrame } from '../ami/amiFrame.js';
import { header } from '../ami/amiFrame.js';
import { parseFrameText } from '../ami/amiFrameSplitter.js';
import type { PbxSimulator, SimulatorExtras } from '../simulator/pbxSimulator.js';
import { startSimulator } from '../simulator/pbxSimulator.js';
import type { ManualScheduler } from '../simulator/simScheduler.js';
import { manualScheduler } from '../simulator/simScheduler.js';
import type { SimulatorConfig } from '../simulator/simTypes.js';
import type { RawAmiClient } from './rawAmiClient.js';
import { connectRaw } from './rawAmiClient.js';
import type { RecordedLine } from './recordings.js';
import { receivedFrames } from './recordings.js';
import { recordingEpoch } from './replay.js';

// Plays the client side of a recording against the simulator: each connection opens when the
// recording's does, sends its `out` frames at their recorded instants on a manual clock, and
// scenario steps (a caller placed, a member paused by the control connection) run at theirs.
// What each connection received from the simulator can then be compared with what it
// received from Asterisk.

export interface ScenarioStep {
  /** Recording time (ms since its start). */
  t: number;
  run(sim: PbxSimulator): void;
}

export interface SimReplayResult {
  sim: PbxSimulator;
  scheduler: ManualScheduler;
  /** Frames received per connection name ('' for single-connection recordings), banner excluded. */
  produced: Map<string, AmiFrame[]>;
  recorded: Map<string, AmiFrame[]>;
  close(): Promise<void>;
}

const settle = (ms = 15) => new Promise((resolve) => setTimeout(resolve, ms));

export async function replayAgainstSimulator(
  lines: RecordedLine[],
  config: SimulatorConfig,
  steps: ScenarioStep[] = [],
  extras: SimulatorExtras = { shutdownGraceMs: 0 },
): Promise<SimReplayResult> {
  const epoch = recordingEpoch(lines);
  const scheduler = manualScheduler(epoch);
  const sim = await startSimulator(config, scheduler, extras);
  const clients = new Map<string, RawAmiClient>();
  const produced = new Map<string, AmiFrame[]>();
  const recorded = new Map<string, AmiFrame[]>();
  let now = 0;
  const pending = [...steps].sort((a, b) => a.t - b.t);

  async function advanceTo(t: number): Promise<void> {
    while (pending.length > 0 && pending[0]!.t <= t) {
      const step = pending.shift()!;
      if (step.t > now) scheduler.advance(step.t - now);
      now = Math.max(now, step.t);
      step.run(sim);
      await settle();
    }
    if (t > now) {
      scheduler.advance(t - now);
      now = t;
      await settle();
    }
  }

  for (const line of lines) {
    const conn = line.conn ?? '';
    await advanceTo(line.t);
    if (line.eof) continue;
    if (!clients.has(conn)) {
      const client = await connectRaw(sim.port);
      clients.set(conn, client);
      produced.set(conn, client.frames);
      recorded.set(conn, receivedFrames(lines, line.conn));
    }
    if (line.dir === 'out') {
      const request = parseFrameText(line.raw.replace(/\r\n\r\n$/, ''));
      if (request !== null) {
        clients.get(conn)!.send([...request.headers]);
        await settle(header(request, 'Action')?.toLowerCase() === 'login' ? 30 : 15);
      }
    }
  }
  await advanceTo(Math.max(now, ...pending.map((step) => step.t)) + 1);
  await settle(50);
  return {
    sim,
    scheduler,
    produced,
    recorded,
    async close() {
      for (const client of clients.values()) client.destroy();
      await sim.stop();
    },
  };
}

/** Frames answering (or caused by) the given ActionIDs, and list items carrying them. */
export const byActionIds = (frames: AmiFrame[], ids: string[]) => frames.filter((frame) => ids.includes(header(frame, 'ActionID') ?? ''));
export const eventsOnly = (frames: AmiFrame[]) => frames.filter((frame) => header(frame, 'Event') !== undefined && header(frame, 'ActionID') === undefined);
