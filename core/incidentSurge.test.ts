import { describe, expect, it } from 'vitest';
import { defaultCatalogue } from './catalogue/defaultCatalogue.js';
import type { Incident } from './incident.js';
import { detectSurges, type SurgeCase } from './incidentSurge.js';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000).toISOString();

/** `n` cases of a subject in a district, one a minute up to now. */
const cases = (n: number, subjectCode: string, district: string, from = 0): SurgeCase[] =>
  Array.from({ length: n }, (_, i) => ({ applicationNo: `2026-00${subjectCode.length}${from + i}-1`, subjectCode, district, createdAt: minutesAgo(from + i), incidentId: null }));

const active = (overrides: Partial<Incident>): Incident =>
  ({ id: '00000000-0000-4000-8000-000000000001', subjectCode: 'yol.kaldirim', districts: ['Kadıköy'], status: 'active', startsAt: minutesAgo(120), ...overrides }) as Incident;

describe('detectSurges', () => {
  it("10 cases of one subject in one district within the catalogue's default hour are a surge, with every case to attach", () => {
    const ten = cases(10, 'yol.kaldirim', 'Kadıköy');
    const [surge, ...none] = detectSurges(ten, defaultCatalogue, [], NOW);
    expect(none).toEqual([]);
    expect(surge).toMatchObject({ subjectCode: 'yol.kaldirim', district: 'Kadıköy', rule: { cases: 10, minutes: 60 }, firstAt: minutesAgo(9), lastAt: minutesAgo(0) });
    expect([...surge!.caseNumbers].sort()).toEqual(ten.map((c) => c.applicationNo).sort());
  });

  it('nine are not, nor ten spread over more than the window, nor ten across two districts', () => {
    expect(detectSurges(cases(9, 'yol.kaldirim', 'Kadıköy'), defaultCatalogue, [], NOW)).toEqual([]);
    expect(detectSurges([...cases(5, 'yol.kaldirim', 'Kadıköy'), ...cases(5, 'yol.kaldirim', 'Kadıköy', 61)], defaultCatalogue, [], NOW)).toEqual([]);
    expect(detectSurges([...cases(5, 'yol.kaldirim', 'Kadıköy'), ...cases(5, 'yol.kaldirim', 'Üsküdar', 10)], defaultCatalogue, [], NOW)).toEqual([]);
  });

  it('reads the district as callers write it (KADIKÖY, kadıköy ilçesi) and uses the subject’s own rule (water cuts: 8 in 30 minutes)', () => {
    const mixed = [...cases(4, 'su.kesinti', 'KADIKÖY'), ...cases(4, 'su.kesinti', 'kadıköy ilçesi', 4)];
    expect(detectSurges(mixed, defaultCatalogue, [], NOW)).toMatchObject([{ district: 'Kadıköy', rule: { cases: 8, minutes: 30 } }]);
  });

  it('cases already attached do not count, and an active incident covering the subject and district silences the surge', () => {
    const ten = cases(10, 'yol.kaldirim', 'Kadıköy');
    expect(detectSurges(ten.map((c, i) => (i === 0 ? { ...c, incidentId: 'x' } : c)), defaultCatalogue, [], NOW)).toEqual([]);
    expect(detectSurges(ten, defaultCatalogue, [active({})], NOW)).toEqual([]);
    // A parent subject's incident covers it too; another district's does not; a closed one does not.
    expect(detectSurges(ten, defaultCatalogue, [active({ subjectCode: 'yol' })], NOW)).toEqual([]);
    expect(detectSurges(ten, defaultCatalogue, [active({ districts: ['Üsküdar'] })], NOW)).toHaveLength(1);
    expect(detectSurges(ten, defaultCatalogue, [active({ status: 'closed' })], NOW)).toHaveLength(1);
  });
});
