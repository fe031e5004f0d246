import type { AgentRow, QueueDelta, QueueHistoryPoint, QueueSnapshot, QueueTile } from './queue.js';

// The wallboard's updates as deltas: a whole snapshot (500 agent rows, every tile, an hour of
// history) four times a second cost the renderer its frames, to say that three agents moved.
// The host diffs each snapshot it publishes against the previous one; the UI applies the delta
// to the snapshot it holds. For any a and b of one stream, applyQueueDelta(a, diffQueueSnapshots(a, b))
// equals b, and keeps every row the delta does not name as the very object it was, so the UI
// can tell an unchanged row by reference and leave it alone.
// Rows are keyed by `queue` (tiles) and `interface` (agents): keys are unique within a snapshot.

/** Structural equality of JSON-shaped values (what the contract carries). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  for (const key of keys) if (!(key in y) || !sameValue(x[key], y[key])) return false;
  return true;
}

interface RowChanges<Row> {
  changed: Row[];
  removed: string[];
  order?: string[];
}

function diffRows<Row>(before: readonly Row[], after: readonly Row[], key: (row: Row) => string): RowChanges<Row> | undefined {
  if (before === after) return undefined;
  const previous = new Map<string, Row>();
  for (const row of before) previous.set(key(row), row);
  const changed: Row[] = [];
  const afterKeys: string[] = [];
  const present = new Set<string>();
  const added: string[] = [];
  for (const row of after) {
    const k = key(row);
    afterKeys.push(k);
    present.add(k);
    const old = previous.get(k);
    if (old === undefined) added.push(k);
    if (old === undefined || !sameValue(old, row)) changed.push(row);
  }
  const removed: string[] = [];
  const implied: string[] = [];
  for (const row of before) {
    const k = key(row);
    if (present.has(k)) implied.push(k);
    else removed.push(k);
  }
  implied.push(...added);
  const reordered = implied.some((k, i) => k !== afterKeys[i]);
  if (changed.length === 0 && removed.length === 0 && !reordered) return undefined;
  return reordered ? { changed, removed, order: afterKeys } : { changed, removed };
}

/** Null when the changes do not fit `before` (an order naming a row that is not there). */
function applyRows<Row>(before: readonly Row[], changes: RowChanges<Row> | undefined, key: (row: Row) => string): readonly Row[] | null {
  if (changes === undefined) return before;
  const replacing = new Map<string, Row>();
  for (const row of changes.changed) replacing.set(key(row), row);
  const removed = new Set(changes.removed);
  const rows: Row[] = [];
  for (const row of before) {
    const k = key(row);
    if (removed.has(k)) continue;
    const next = replacing.get(k);
    if (next === undefined) rows.push(row);
    else {
      rows.push(next);
      replacing.delete(k);
    }
  }
  // What is left is new: last, in the delta's order, unless an order says otherwise.
  rows.push(...replacing.values());
  if (changes.order === undefined) return rows;
  if (changes.order.length !== rows.length) return null;
  const byKey = new Map(rows.map((row) => [key(row), row]));
  const ordered: Row[] = [];
  for (const k of changes.order) {
    const row = byKey.get(k);
    if (row === undefined) return null;
    ordered.push(row);
  }
  return ordered;
}

/** The fewest oldest points to drop so that what is left of `before` starts `after`. */
function diffHistory(before: readonly QueueHistoryPoint[], after: readonly QueueHistoryPoint[]): QueueDelta['history'] {
  if (before === after) return undefined;
  let drop = 0;
  for (; drop < before.length; drop++) {
    const kept = before.length - drop;
    if (kept > after.length) continue;
    let prefix = true;
    for (let i = 0; i < kept && prefix; i++) prefix = sameValue(before[drop + i], after[i]);
    if (prefix) break;
  }
  const added = after.slice(before.length - drop);
  return drop === 0 && added.length === 0 ? undefined : { drop, added };
}

const tileKey = (tile: QueueTile) => tile.queue;
const agentKey = (agent: AgentRow) => agent.interface;

/** What changed from `before` to `after` (two snapshots of one stream, `after` the newer). */
export function diffQueueSnapshots(before: QueueSnapshot, after: QueueSnapshot): QueueDelta {
  const delta: QueueDelta = { stream: after.stream, baseVersion: before.version, version: after.version, at: after.at };
  if (!sameValue(before.memberChange, after.memberChange)) delta.memberChange = after.memberChange;
  if (before.countingSince !== after.countingSince) delta.countingSince = after.countingSince;
  if (before.dayStartsAt !== after.dayStartsAt) delta.dayStartsAt = after.dayStartsAt;
  if (!sameValue(before.settings, after.settings)) delta.settings = after.settings;
  if (!sameValue(before.ownPause ?? null, after.ownPause ?? null)) delta.ownPause = after.ownPause ?? null;
  const queues = diffRows(before.queues, after.queues, tileKey);
  if (queues) delta.queues = queues;
  const agents = diffRows(before.agents, after.agents, agentKey);
  if (agents) delta.agents = agents;
  const history = diffHistory(before.history, after.history);
  if (history) delta.history = history;
  return delta;
}

/**
 * The snapshot `delta` leads to from `base`, sharing what did not change; null when the delta
 * was not made from `base` (another stream, another version: the UI then asks for a snapshot).
 */
export function applyQueueDelta(base: QueueSnapshot, delta: QueueDelta): QueueSnapshot | null {
  if (delta.stream !== base.stream || delta.baseVersion !== base.version) return null;
  const queues = applyRows(base.queues, delta.queues, tileKey);
  const agents = applyRows(base.agents, delta.agents, agentKey);
  if (queues === null || agents === null) return null;
  let history = base.history;
  if (delta.history !== undefined) {
    if (delta.history.drop > history.length) return null;
    history = [...history.slice(delta.history.drop), ...delta.history.added];
  }
  const ownPause = delta.ownPause === undefined ? base.ownPause : delta.ownPause;
  return {
    stream: base.stream,
    version: delta.version,
    at: delta.at,
    memberChange: delta.memberChange === undefined ? base.memberChange : delta.memberChange,
    countingSince: delta.countingSince === undefined ? base.countingSince : delta.countingSince,
    dayStartsAt: delta.dayStartsAt ?? base.dayStartsAt,
    queues: queues as QueueTile[],
    agents: agents as AgentRow[],
    history,
    settings: delta.settings ?? base.settings,
    // Only when known: a snapshot without it (the server's figures) stays without it.
    ...(ownPause === undefined ? {} : { ownPause }),
  };
}
