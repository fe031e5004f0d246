import { z } from 'zod';
import type { Catalogue } from './catalogue.js';
import { districtKey, findDistrict, findSubject, surgeRuleOf } from './catalogue/lookup.js';
import { isActive, type Incident } from './incident.js';

/*
 * Surge detection: many citizens reporting the same thing in the same district within minutes is
 * how a mass incident first shows. The rule (how many, within how long) is the catalogue's, per
 * subject (core/catalogue/lookup.ts surgeRuleOf); a team lead is offered to declare an incident
 * from the cases in one step.
 */

/** A recent case as surge detection reads it. */
export interface SurgeCase {
  applicationNo: string;
  subjectCode: string | null;
  district: string | null;
  createdAt: string;
  incidentId: string | null;
}

export const Surge = z.object({
  subjectCode: z.string(),
  subjectName: z.string(),
  /** The catalogue's name of the district when it knows it, else as the cases wrote it. */
  district: z.string(),
  /** Every case of the window, oldest first: they are attached when the incident is declared from the surge. */
  caseNumbers: z.array(z.string()),
  firstAt: z.string(),
  lastAt: z.string(),
  rule: z.object({ cases: z.number().int(), minutes: z.number().int() }),
});
export type Surge = z.infer<typeof Surge>;

export const SurgeList = z.object({ surges: z.array(Surge) });
export type SurgeList = z.infer<typeof SurgeList>;

/** One spelling per district: the catalogue's name when it knows the place, else the text as written. */
const districtOf = (catalogue: Catalogue, name: string) => findDistrict(catalogue, name)?.name ?? name.trim();

const covers = (catalogue: Catalogue, incident: Incident, subjectCode: string, district: string) =>
  (subjectCode === incident.subjectCode || subjectCode.startsWith(`${incident.subjectCode}.`)) &&
  incident.districts.some((d) => districtKey(districtOf(catalogue, d)) === districtKey(district));

/** The longest window any subject's rule looks back over, so a caller reads only that much. */
export function longestSurgeWindowMinutes(catalogue: Catalogue): number {
  return Math.max(catalogue.surgeDefault.minutes, ...catalogue.subjects.map((s) => s.surge?.minutes ?? 0));
}

/**
 * Surges now: for each subject and district, the cases not attached to any incident within the
 * subject's window ending now, when they reach its count; none where an active incident already
 * covers that subject and district. Most cases first.
 */
export function detectSurges(cases: readonly SurgeCase[], catalogue: Catalogue, incidents: readonly Incident[], now: Date): Surge[] {
  const groups = new Map<string, { subjectCode: string; district: string; cases: SurgeCase[] }>();
  for (const c of cases) {
    if (c.incidentId !== null || c.subjectCode === null || c.district === null || c.district.trim() === '') continue;
    const district = districtOf(catalogue, c.district);
    const key = `${c.subjectCode}\u0000${districtKey(district)}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { subjectCode: c.subjectCode, district, cases: [] }));
    group.cases.push(c);
  }
  const active = incidents.filter((i) => isActive(i, now));
  const surges: Surge[] = [];
  for (const { subjectCode, district, cases: all } of groups.values()) {
    const rule = surgeRuleOf(catalogue, subjectCode);
    const since = now.getTime() - rule.minutes * 60_000;
    const recent = all.filter((c) => Date.parse(c.createdAt) >= since && Date.parse(c.createdAt) <= now.getTime());
    if (recent.length < rule.cases || active.some((i) => covers(catalogue, i, subjectCode, district))) continue;
    recent.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
    surges.push({
      subjectCode,
      subjectName: findSubject(catalogue, subjectCode)?.name ?? subjectCode,
      district,
      caseNumbers: recent.map((c) => c.applicationNo),
      firstAt: recent[0]!.createdAt,
      lastAt: recent.at(-1)!.createdAt,
      rule: { cases: rule.cases, minutes: rule.minutes },
    });
  }
  return surges.sort((a, b) => b.caseNumbers.length - a.caseNumbers.length || a.district.localeCompare(b.district, 'tr'));
}
