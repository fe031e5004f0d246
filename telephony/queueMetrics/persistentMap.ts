// An immutable string-keyed map whose update copies two 32-slot arrays and one tiny leaf instead
// of the whole map, so the reducer stays a pure function without costing O(members) per event at
// 500 agents. Two levels of 32 slots (10 bits of the key's hash) keep leaves at about one entry
// up to ~1 000 keys; plain arrays, because copying a Map (the first version, one level of 32
// Maps) cost more than the rest of a member event put together.
// Iteration order is slot order, not insertion order: callers that need an order sort.

const BITS = 5;
const WIDTH = 1 << BITS;
const MASK = WIDTH - 1;

function hashOf(key: string): number {
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) | 0;
  // Spread the low bits: keys that differ in one trailing digit must not share a branch.
  hash ^= hash >>> 16;
  return Math.imul(hash, 0x45d9f3b) >>> 0;
}

export interface PersistentMap<V> {
  readonly size: number;
  get(key: string): V | undefined;
  has(key: string): boolean;
  /** A new map with `key` set; the same map when `value` is already there. */
  set(key: string, value: V): PersistentMap<V>;
  /** A new map without `key`; the same map when it is absent. */
  delete(key: string): PersistentMap<V>;
  values(): IterableIterator<V>;
  entries(): IterableIterator<[string, V]>;
}

/** Keys and values side by side: [k0, v0, k1, v1, …]. */
type Leaf = readonly unknown[];
type Branch = ReadonlyArray<Leaf | undefined>;
type Root = ReadonlyArray<Branch | undefined>;

const EMPTY_BRANCH: Branch = Object.freeze(new Array<undefined>(WIDTH).fill(undefined));

function indexIn(leaf: Leaf | undefined, key: string): number {
  if (leaf === undefined) return -1;
  for (let i = 0; i < leaf.length; i += 2) if (leaf[i] === key) return i;
  return -1;
}

class TrieMap<V> implements PersistentMap<V> {
  constructor(
    private readonly root: Root,
    readonly size: number,
  ) {}

  private leaf(hash: number): Leaf | undefined {
    return this.root[hash & MASK]?.[(hash >>> BITS) & MASK];
  }

  get(key: string): V | undefined {
    const leaf = this.leaf(hashOf(key));
    const at = indexIn(leaf, key);
    return at < 0 ? undefined : (leaf![at + 1] as V);
  }

  has(key: string): boolean {
    return indexIn(this.leaf(hashOf(key)), key) >= 0;
  }

  private with(hash: number, leaf: Leaf | undefined, size: number): TrieMap<V> {
    const top = hash & MASK;
    const branch = (this.root[top] ?? EMPTY_BRANCH).slice();
    branch[(hash >>> BITS) & MASK] = leaf;
    const root = this.root.slice();
    root[top] = branch;
    return new TrieMap(root, size);
  }

  set(key: string, value: V): PersistentMap<V> {
    const hash = hashOf(key);
    const leaf = this.leaf(hash);
    const at = indexIn(leaf, key);
    if (at >= 0) {
      if (leaf![at + 1] === value) return this;
      const next = leaf!.slice();
      next[at + 1] = value;
      return this.with(hash, next, this.size);
    }
    return this.with(hash, leaf === undefined ? [key, value] : [...leaf, key, value], this.size + 1);
  }

  delete(key: string): PersistentMap<V> {
    const hash = hashOf(key);
    const leaf = this.leaf(hash);
    const at = indexIn(leaf, key);
    if (at < 0) return this;
    const next = leaf!.length === 2 ? undefined : [...leaf!.slice(0, at), ...leaf!.slice(at + 2)];
    return this.with(hash, next, this.size - 1);
  }

  *entries(): IterableIterator<[string, V]> {
    for (const branch of this.root) {
      if (branch === undefined) continue;
      for (const leaf of branch) {
        if (leaf === undefined) continue;
        for (let i = 0; i < leaf.length; i += 2) yield [leaf[i] as string, leaf[i + 1] as V];
      }
    }
  }

  *values(): IterableIterator<V> {
    for (const branch of this.root) {
      if (branch === undefined) continue;
      for (const leaf of branch) {
        if (leaf === undefined) continue;
        for (let i = 1; i < leaf.length; i += 2) yield leaf[i] as V;
      }
    }
  }
}

const EMPTY = new TrieMap<never>(Object.freeze(new Array<undefined>(WIDTH).fill(undefined)), 0);

export function emptyMap<V>(): PersistentMap<V> {
  return EMPTY as PersistentMap<V>;
}

export function mapOf<V>(entries: Iterable<readonly [string, V]>): PersistentMap<V> {
  let map = emptyMap<V>();
  for (const [key, value] of entries) map = map.set(key, value);
  return map;
}
