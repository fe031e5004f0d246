// An immutable string-keyed map whose update copies one of 32 buckets instead of the whole map,
// so the reducer stays a pure function without costing O(members) per event at 500 agents.
// Iteration order is bucket order, not insertion order: callers that need an order sort.

const BUCKETS = 32;

function bucketOf(key: string): number {
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) | 0;
  return (hash >>> 0) % BUCKETS;
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

type Bucket<V> = ReadonlyMap<string, V>;

class BucketMap<V> implements PersistentMap<V> {
  constructor(
    private readonly buckets: ReadonlyArray<Bucket<V> | undefined>,
    readonly size: number,
  ) {}

  get(key: string): V | undefined {
    return this.buckets[bucketOf(key)]?.get(key);
  }

  has(key: string): boolean {
    return this.buckets[bucketOf(key)]?.has(key) ?? false;
  }

  set(key: string, value: V): PersistentMap<V> {
    const index = bucketOf(key);
    const bucket = this.buckets[index];
    if (bucket?.get(key) === value && bucket.has(key)) return this;
    const next = new Map(bucket);
    const grows = !next.has(key);
    next.set(key, value);
    const buckets = this.buckets.slice();
    buckets[index] = next;
    return new BucketMap(buckets, this.size + (grows ? 1 : 0));
  }

  delete(key: string): PersistentMap<V> {
    const index = bucketOf(key);
    const bucket = this.buckets[index];
    if (bucket === undefined || !bucket.has(key)) return this;
    const next = new Map(bucket);
    next.delete(key);
    const buckets = this.buckets.slice();
    buckets[index] = next.size === 0 ? undefined : next;
    return new BucketMap(buckets, this.size - 1);
  }

  *values(): IterableIterator<V> {
    for (const bucket of this.buckets) if (bucket !== undefined) yield* bucket.values();
  }

  *entries(): IterableIterator<[string, V]> {
    for (const bucket of this.buckets) if (bucket !== undefined) yield* bucket.entries();
  }
}

const EMPTY = new BucketMap<never>(new Array<undefined>(BUCKETS).fill(undefined), 0);

export function emptyMap<V>(): PersistentMap<V> {
  return EMPTY as PersistentMap<V>;
}

export function mapOf<V>(entries: Iterable<readonly [string, V]>): PersistentMap<V> {
  const buckets: Array<Map<string, V> | undefined> = new Array<undefined>(BUCKETS).fill(undefined);
  let size = 0;
  for (const [key, value] of entries) {
    const index = bucketOf(key);
    const bucket = (buckets[index] ??= new Map());
    if (!bucket.has(key)) size++;
    bucket.set(key, value);
  }
  return new BucketMap(buckets, size);
}
