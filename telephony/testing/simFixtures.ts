import type { PbxSimulator, PbxSimulatorOptions, SimAgent } from '../simulator/pbxSimulator.js';
import { startPbxSimulator } from '../simulator/pbxSimulator.js';

// The recorded PBX's agents and the desk's manager login, shared by the client tests.

export const AYSE: SimAgent = { interface: 'Local/1001@sim-agent/n', name: 'Ayşe Yılmaz', stateInterface: 'Custom:1001' };
export const MEHMET: SimAgent = { interface: 'Local/1002@sim-agent/n', name: 'Mehmet Demir', stateInterface: 'Custom:1002' };
export const SECRET = 'desk153-secret';

/** A simulator with Ayşe and Mehmet, no automatic calls, a quick headset; stopped by `cleanups`. */
export async function startTestSimulator(
  cleanups: Array<() => Promise<unknown>>,
  options: Pick<PbxSimulatorOptions, 'callers' | 'talkTimeMs'> & Partial<PbxSimulatorOptions>,
): Promise<PbxSimulator> {
  const sim = await startPbxSimulator({
    username: 'desk',
    secret: SECRET,
    agents: [AYSE, MEHMET],
    callIntervalMs: 0,
    autoAnswerMs: 50,
    ...options,
  });
  cleanups.push(() => sim.stop());
  return sim;
}
