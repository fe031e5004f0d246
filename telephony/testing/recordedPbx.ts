import type { SimCaller, SimulatorConfig } from '../simulator/simTypes.js';

// The Asterisk set-up behind the recordings (a-idle-status): two queues, Ayşe in both,
// Zeynep added dynamically. Golden tests run the simulator with exactly this.

export const ALI: SimCaller = { number: '905321112233', name: 'Vatandaş Ali' };

/** b-single-call-answered's originate instant; with it the simulator's clock readings match the recording's. */
export const RECORDED_ORIGINATE_MS = 1_795_423_995_397;

export function recordedPbxConfig(overrides: Partial<SimulatorConfig> = {}): SimulatorConfig {
  return {
    port: 0,
    username: 'desk',
    secret: 'desk153',
    queues: [
      {
        name: 'geri-bildirim',
        strategy: 'ringall',
        serviceLevel: 30,
        members: [
          { interface: 'Local/1004@sim-agent/n', name: 'Can Öztürk', stateInterface: 'Custom:1004', membership: 'static', penalty: 0 },
          { interface: 'Local/1001@sim-agent/n', name: 'Ayşe Yılmaz', stateInterface: 'Custom:1001', membership: 'static', penalty: 0 },
        ],
      },
      {
        name: 'alo153',
        strategy: 'rrmemory',
        serviceLevel: 20,
        members: [
          { interface: 'Local/1001@sim-agent/n', name: 'Ayşe Yılmaz', stateInterface: 'Custom:1001', membership: 'static', penalty: 0 },
          { interface: 'Local/1002@sim-agent/n', name: 'Mehmet Demir', stateInterface: 'Custom:1002', membership: 'static', penalty: 0 },
          { interface: 'Local/1003@sim-agent/n', name: 'Zeynep Kaya', stateInterface: 'Custom:1003', membership: 'dynamic', penalty: 0 },
        ],
      },
    ],
    callQueue: 'alo153',
    callers: [ALI],
    callIntervalMs: 0,
    autoAnswerMs: 2_000,
    talkTimeMs: 3_000,
    ringTimeoutMs: 15_000,
    retryMs: 2_000,
    authFailDelayMs: 1_000,
    ...overrides,
  };
}
