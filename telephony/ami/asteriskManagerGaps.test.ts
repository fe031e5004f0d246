import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PbxSimulator } from '../simulator/pbxSimulator.js';
import { startPbxSimulator } from '../simulator/pbxSimulator.js';
import { waitFor } from '../testing/waitFor.js';

// Evidence for amiClient.ts's decision not to drive asterisk-manager 0.2.0: if a new version
// keeps header names and list framing, these tests fail and the decision should be revisited.

type ManagerEvent = Record<string, unknown>;
interface Manager {
  on(name: string, listener: (event: ManagerEvent) => void): void;
  action(fields: Record<string, string>, callback: (error: unknown, response: ManagerEvent) => void): string;
  disconnect(): void;
}
const require = createRequire(import.meta.url);
const AsteriskManager = require('asterisk-manager') as (port: number, host: string, user: string, secret: string, events: boolean) => Manager;

describe('asterisk-manager 0.2.0 gaps', () => {
  let sim: PbxSimulator;
  let manager: Manager;
  const events: ManagerEvent[] = [];

  beforeAll(async () => {
    sim = await startPbxSimulator({
      username: 'desk',
      secret: 'desk153',
      agents: [{ interface: 'Local/1001@sim-agent/n', name: 'Ayşe Yılmaz', stateInterface: 'Custom:1001' }],
      callers: [{ number: '905321112233', name: 'Vatandaş Ali' }],
      callIntervalMs: 0,
      autoAnswerMs: null,
      talkTimeMs: 1_000,
    });
    manager = AsteriskManager(sim.port, '127.0.0.1', 'desk', 'desk153', true);
    manager.on('managerevent', (event) => events.push(event));
    await waitFor(() => events.some((event) => event.event === 'SuccessfulAuth'), 5_000, 'asterisk-manager login');
  });

  afterAll(async () => {
    manager.disconnect();
    await sim.stop();
  });

  it('lowercases header names and loses their order', async () => {
    sim.placeCall();
    await waitFor(() => events.some((event) => event.event === 'AgentCalled'));
    const agentCalled = events.find((event) => event.event === 'AgentCalled')!;
    expect(Object.keys(agentCalled)).toContain('calleridname');
    expect(Object.keys(agentCalled)).not.toContain('CallerIDName');
    expect(agentCalled.calleridname).toBe('Vatandaş Ali');
  });

  it('answers a list action at its first response, before any item', async () => {
    const itemsBefore = events.filter((event) => event.event === 'QueueMember').length;
    const { response, itemsSeen } = await new Promise<{ response: ManagerEvent; itemsSeen: number }>((resolve) =>
      manager.action({ action: 'QueueStatus' }, (_error, r) =>
        resolve({ response: r, itemsSeen: events.filter((event) => event.event === 'QueueMember').length - itemsBefore }),
      ),
    );
    expect(response.eventlist).toBe('start');
    expect(itemsSeen).toBe(0);
    // The items then arrive as ordinary events, mixed with unsolicited ones.
    await waitFor(() => events.some((event) => event.event === 'QueueMember'));
  });
});
