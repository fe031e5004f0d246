import type { Catalogue, Subject, Unit } from '../catalogue.js';

/**
 * Lookups by code. A catalogue is read-only once loaded, so the maps are built once per
 * catalogue object and kept only as long as the catalogue itself (WeakMap).
 */
interface Index {
  subjects: Map<string, Subject>;
  units: Map<string, Unit>;
}

const indexes = new WeakMap<Catalogue, Index>();

function indexOf(c: Catalogue): Index {
  let index = indexes.get(c);
  if (!index) {
    index = { subjects: new Map(c.subjects.map((s) => [s.code, s])), units: new Map(c.units.map((u) => [u.code, u])) };
    indexes.set(c, index);
  }
  return index;
}

export function findSubject(c: Catalogue, code: string): Subject | undefined {
  return indexOf(c).subjects.get(code);
}

export function findUnit(c: Catalogue, code: string): Unit | undefined {
  return indexOf(c).units.get(code);
}

/** Root → leaf; empty for an unknown code. A parent cycle in a hand-edited file stops at the repeat. */
export function subjectPath(c: Catalogue, code: string): Subject[] {
  const path: Subject[] = [];
  const seen = new Set<string>();
  for (let s = findSubject(c, code); s && !seen.has(s.code); s = s.parent === null ? undefined : findSubject(c, s.parent)) {
    seen.add(s.code);
    path.unshift(s);
  }
  return path;
}

/** Codes of subjects that have children: the groups of the tree. */
export function groupCodes(c: Catalogue): ReadonlySet<string> {
  return new Set(c.subjects.flatMap((s) => (s.parent === null ? [] : [s.parent])));
}
