import type { Catalogue, District, Subject, SurgeRule, Unit } from '../catalogue.js';
import { foldTurkish } from '../turkishText.js';

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

/** The subject's own surge rule, else the nearest parent's, else the catalogue's default. */
export function surgeRuleOf(c: Catalogue, subjectCode: string): SurgeRule {
  return subjectPath(c, subjectCode).reverse().find((s) => s.surge)?.surge ?? c.surgeDefault;
}

/**
 * Place names as callers, addresses and other systems write them: any case, with or without the
 * Turkish letters, spaced or not ("Aşıkveysel", "Aşık Veysel"), with the official suffix or
 * without, so "Yeni Mahallesi", "Yeni Mah." and "Yenimahalle" all meet.
 */
function placeKey(name: string, suffix: RegExp): string {
  return foldTurkish(name).trim().replace(suffix, '').replace(/[^\p{L}\p{N}]+/gu, '');
}

const DISTRICT_SUFFIX = /\s+ilcesi$/;
const NEIGHBOURHOOD_SUFFIX = /\s+mah\.?$|\s*mahalle(si)?$/;

/** A district's name as a key: two spellings of one district give the same key. */
export const districtKey = (name: string): string => placeKey(name, DISTRICT_SUFFIX);
/** A neighbourhood's name as a key, likewise. */
export const neighbourhoodKey = (name: string): string => placeKey(name, NEIGHBOURHOOD_SUFFIX);

function findPlace<T>(places: readonly T[], nameOf: (place: T) => string, name: string, suffix: RegExp): T | null {
  const key = placeKey(name, suffix);
  if (key === '') return null;
  return places.find((p) => placeKey(nameOf(p), suffix) === key) ?? null;
}

export function findDistrict(c: Catalogue, name: string): District | null {
  return findPlace(c.districts, (d) => d.name, name, DISTRICT_SUFFIX);
}

/** The neighbourhood's name as the catalogue writes it. */
export function findNeighbourhood(district: District, name: string): string | null {
  return findPlace(district.neighbourhoods, (n) => n, name, NEIGHBOURHOOD_SUFFIX);
}
