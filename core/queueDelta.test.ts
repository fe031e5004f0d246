import { describe, expect, it } from 'vitest';
import { QueueDelta, type AgentRow, type AgentState, type QueueHistoryPoint, type QueueSnapshot, type QueueTile } from './queue.js';
import { applyQueueDelta, diffQueueSnapshots, sameValue } from './queueDelta.js';

const T0 = 1_764_064_800_000;
const STATES: AgentState[] = ['available', 'ringing', 'on-call', 'wrap-up', 'paused', 'logged-out'];

/** Park–Miller: the same sequences on every run, which is all these tests need of randomness. */
function seeded(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 48_271) % 2_147_483_647) / 2_147_483_647;
}

const figures = (answered: number) => ({
  answered,
  abandoned: 1,
  timedOut: 0,
  asaSec: answered === 0 ? null : 6.4,
  avgWaitAllSec: null,
  avgTalkSec: 120,
  serviceLevelPct: 95.3,
  serviceLevel2Pct: null,
  abandonRatePct: 2,
});

const tile = (queue: string, waiting = 0, answered = 10): QueueTile => ({
  queue,
  serviceLevelSec: 20,
  waiting: Array.from({ length: waiting }, (_, i) => ({ position: i + 1, joinedAt: T0 - (waiting - i) * 1000, callerNumber: i % 3 === 0 ? null : `0532***${i}` })),
  longestWaitingSince: waiting === 0 ? null : T0 - waiting * 1000,
  day: figures(answered),
  last15: figures(answered % 7),
  last60: figures(answered % 13),
  agents: { 'logged-out': 1, available: 2, ringing: 0, 'on-call': 3, paused: 1, 'wrap-up': 0 },
});

const agent = (n: number, state: AgentState = 'available'): AgentRow => ({
  interface: `Local/${1000 + n}@agents/n`,
  name: `Temsilci ${n}`,
  queues: ['alo153'],
  staticQueues: n % 2 === 0 ? ['alo153'] : [],
  state,
  pauseReason: state === 'paused' ? 'Yemek' : null,
  stateSince: T0 - n * 1000,
  callsAnswered: n % 5,
  ringNoAnswer: 0,
});

const point = (minute: number, queue = 'alo153'): QueueHistoryPoint => ({ at: T0 + minute * 60_000, queue, waiting: minute % 4, longestWaitSec: minute * 3 });

function snapshot(overrides: Partial<QueueSnapshot> = {}): QueueSnapshot {
  return {
    stream: 'run-1',
    version: 1,
    at: T0,
    memberChange: null,
    countingSince: T0 - 3_600_000,
    dayStartsAt: T0 - 13 * 3_600_000,
    queues: [tile('alo153', 3), tile('zabita')],
    agents: Array.from({ length: 20 }, (_, i) => agent(i)),
    history: [point(0), point(1), point(2)],
    settings: { longestWaitAlertSec: 60, pauseReasons: ['Mola', 'Yemek'], wrapUpSec: 10 },
    ...overrides,
  };
}

/** The wire: what the host sends is JSON, validated against the contract on arrival. */
const overTheWire = (delta: QueueDelta): QueueDelta => QueueDelta.parse(JSON.parse(JSON.stringify(delta)));

describe('queue deltas', () => {
  it('name only the agent that changed, and keep every other row as the same object', () => {
    const a = snapshot();
    const b = { ...a, version: 2, at: T0 + 250, agents: a.agents.map((row, i) => (i === 7 ? { ...row, state: 'on-call' as const, stateSince: T0 + 200 } : { ...row })) };
    const delta = diffQueueSnapshots(a, b);
    expect(delta).toEqual({ stream: 'run-1', baseVersion: 1, version: 2, at: T0 + 250, agents: { changed: [b.agents[7]], removed: [] } });
    const applied = applyQueueDelta(a, overTheWire(delta))!;
    expect(applied).toEqual(b);
    expect(applied.agents.filter((row, i) => row === a.agents[i])).toHaveLength(19);
    expect(applied.queues).toBe(a.queues);
    expect(applied.history).toBe(a.history);
  });

  it('carry a new agent, a removed one and a new order; a tile whose callers changed; the history’s new minute', () => {
    const a = snapshot();
    const newcomer = agent(99, 'ringing');
    const agents = [newcomer, ...a.agents.slice(1).reverse()];
    const b = snapshot({ version: 2, agents, queues: [tile('alo153', 4), tile('zabita')], history: [point(1), point(2), point(3)], memberChange: { at: T0, reason: 'periodic', added: [], removed: [] } });
    const delta = diffQueueSnapshots(a, b);
    expect(delta.agents).toMatchObject({ changed: [newcomer], removed: [a.agents[0]!.interface], order: agents.map((r) => r.interface) });
    expect(delta.queues).toEqual({ changed: [b.queues[0]], removed: [] });
    expect(delta.history).toEqual({ drop: 1, added: [point(3)] });
    expect(applyQueueDelta(a, overTheWire(delta))).toEqual(b);
  });

  it('say nothing of what did not change, and clear a member change with null', () => {
    const a = snapshot({ memberChange: { at: T0, reason: 'reload', added: [], removed: [] } });
    const same = diffQueueSnapshots(a, { ...structuredClone(a), version: 2, memberChange: null });
    expect(same).toEqual({ stream: 'run-1', baseVersion: 1, version: 2, at: T0, memberChange: null });
    expect(applyQueueDelta(a, overTheWire(same))?.memberChange).toBeNull();
  });

  it("carry the operator's own break: pending, taken, then over", () => {
    const a = snapshot({ ownPause: null });
    const pending = { ...structuredClone(a), version: 2, ownPause: { reason: 'Yemek', pending: true } };
    const taken = { ...structuredClone(pending), version: 3, ownPause: { reason: 'Yemek', pending: false } };
    const over = { ...structuredClone(taken), version: 4, ownPause: null };
    let held: QueueSnapshot | null = a;
    for (const next of [pending, taken, over]) {
      const delta = diffQueueSnapshots(held!, next);
      expect(delta.ownPause).toEqual(next.ownPause);
      held = applyQueueDelta(held!, overTheWire(delta));
      expect(held).toEqual(next);
    }
    expect(diffQueueSnapshots(over, { ...structuredClone(over), version: 5 }).ownPause).toBeUndefined();
  });

  it('refuse a delta made from another version or another run of the host (the UI then reloads)', () => {
    const a = snapshot({ version: 5 });
    const b = snapshot({ version: 6, agents: [] });
    expect(applyQueueDelta(snapshot({ version: 4 }), diffQueueSnapshots(a, b))).toBeNull();
    expect(applyQueueDelta(snapshot({ version: 5, stream: 'run-2' }), diffQueueSnapshots(a, b))).toBeNull();
    // A delta that names rows the base does not have was not made from it either.
    expect(applyQueueDelta(snapshot({ version: 5, agents: [] }), { ...diffQueueSnapshots(a, snapshot({ version: 6, agents: [...a.agents].reverse() })) })).toBeNull();
  });

  it('are the inverse of the diff over long random sequences, applied one after another', () => {
    for (const seed of [1, 2, 153]) {
      const random = seeded(seed);
      const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
      let next = 100;
      let truth = snapshot();
      let held = truth;
      for (let step = 0; step < 200; step++) {
        const b = mutate(truth, random, pick, () => next++);
        const delta = overTheWire(diffQueueSnapshots(truth, b));
        const applied = applyQueueDelta(held, delta);
        expect(applied, `seed ${seed}, step ${step}`).toEqual(b);
        // Rows equal in value to the held ones are the held objects.
        const heldRows = new Map(held.agents.map((r) => [r.interface, r]));
        for (const row of applied!.agents) {
          const before = heldRows.get(row.interface);
          if (before !== undefined && sameValue(before, row)) expect(row).toBe(before);
        }
        truth = b;
        held = applied!;
      }
    }
  });
});

function mutate(s: QueueSnapshot, random: () => number, pick: <T>(items: readonly T[]) => T, fresh: () => number): QueueSnapshot {
  let agents = s.agents.map((row) => (random() < 0.05 ? { ...row, state: pick(STATES), stateSince: s.at + Math.floor(random() * 1000), callsAnswered: row.callsAnswered + 1 } : row));
  if (random() < 0.2 && agents.length > 0) agents.splice(Math.floor(random() * agents.length), 1);
  if (random() < 0.2) agents.splice(Math.floor(random() * (agents.length + 1)), 0, agent(fresh(), pick(STATES)));
  if (random() < 0.1) agents = [...agents].sort(() => random() - 0.5);
  let queues = s.queues.map((q) => (random() < 0.3 ? tile(q.queue, Math.floor(random() * 6), q.day.answered + 1) : q));
  if (random() < 0.05) queues = [...queues, tile(`kuyruk-${fresh()}`)];
  if (random() < 0.05 && queues.length > 1) queues = queues.slice(1);
  let history = s.history;
  if (random() < 0.2) history = [...history.slice(random() < 0.5 ? 1 : 0), point(fresh())];
  if (random() < 0.02) history = [point(fresh())];
  return {
    ...s,
    version: s.version + 1,
    at: s.at + 250,
    memberChange: random() < 0.05 ? { at: s.at, reason: 'periodic', added: [{ queue: 'alo153', interface: 'Local/1@x/n', name: 'X' }], removed: [] } : random() < 0.05 ? null : s.memberChange,
    countingSince: random() < 0.02 ? null : s.countingSince,
    dayStartsAt: random() < 0.02 ? s.dayStartsAt + 86_400_000 : s.dayStartsAt,
    settings: random() < 0.02 ? { ...s.settings, wrapUpSec: s.settings.wrapUpSec + 1 } : s.settings,
    queues,
    agents,
    history,
  };
}
