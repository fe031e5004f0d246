import { describe, expect, it } from 'vitest';
import { Catalogue } from '../catalogue.js';
import { findDistrict, findNeighbourhood, surgeRuleOf } from './lookup.js';

/** A centre's catalogue.json as written before mass incidents: no districts, no surge rules. */
const override = {
  version: 'eski-2025',
  units: [{ code: 'u', name: 'Birim', kind: 'directorate' }],
  subjects: [
    { code: 'su', name: 'Su', parent: null, resolutionDays: 1, priority: 'normal', confidential: false, defaultUnit: 'u', urgent: false, defaultType: 'complaint' },
    { code: 'su.kesinti', name: 'Su kesintisi', parent: 'su', resolutionDays: 1, priority: 'normal', confidential: false, defaultUnit: 'u', urgent: false, defaultType: 'complaint' },
  ],
  cannedAnswers: [],
};

describe('a catalogue override without districts or surge rules', () => {
  it('still loads, with none of the former and the default surge rule', () => {
    const c = Catalogue.parse(override);
    expect(c.districts).toEqual([]);
    expect(c.surgeDefault).toEqual({ cases: 10, minutes: 60 });
    expect(c.subjects.map((s) => s.surge)).toEqual([null, null]);
    expect(surgeRuleOf(c, 'su.kesinti')).toEqual({ cases: 10, minutes: 60 });
    expect(findDistrict(c, 'Kadıköy')).toBeNull();
  });

  it('refuses a surge rule that could never or would always fire', () => {
    expect(() => Catalogue.parse({ ...override, surgeDefault: { cases: 1, minutes: 60 } })).toThrow();
    expect(() => Catalogue.parse({ ...override, surgeDefault: { cases: 10, minutes: 0 } })).toThrow();
  });
});

describe('surgeRuleOf', () => {
  const [group, leaf] = override.subjects;
  const c = Catalogue.parse({
    ...override,
    surgeDefault: { cases: 20, minutes: 90 },
    subjects: [
      { ...group, surge: { cases: 6, minutes: 45 } },
      leaf,
      { ...leaf, code: 'su.ariza', surge: { cases: 3, minutes: 15 } },
      { ...leaf, code: 'yol', parent: null },
    ],
  });

  it("takes the subject's own rule, else its parent's, else the catalogue's default", () => {
    expect(surgeRuleOf(c, 'su.ariza')).toEqual({ cases: 3, minutes: 15 });
    expect(surgeRuleOf(c, 'su.kesinti')).toEqual({ cases: 6, minutes: 45 });
    expect(surgeRuleOf(c, 'yol')).toEqual({ cases: 20, minutes: 90 });
    expect(surgeRuleOf(c, 'no.such')).toEqual({ cases: 20, minutes: 90 });
  });
});

describe('findDistrict / findNeighbourhood', () => {
  const c = Catalogue.parse({
    ...override,
    districts: [
      { name: 'Üsküdar', neighbourhoods: ['Valide-i Atik', 'Kısıklı'] },
      { name: 'Pendik', neighbourhoods: ['Yeni', 'Yenişehir'] },
      { name: 'Bağcılar', neighbourhoods: ['Yenimahalle', '100. Yıl'] },
    ],
  });

  it('folds Turkish letters both ways', () => {
    expect(findDistrict(c, 'USKUDAR ILCESI')?.name).toBe('Üsküdar');
    expect(findDistrict(c, 'üsküdar')?.name).toBe('Üsküdar');
    expect(findNeighbourhood(findDistrict(c, 'Üsküdar')!, 'KISIKLI MAH.')).toBe('Kısıklı');
    expect(findNeighbourhood(findDistrict(c, 'Üsküdar')!, 'valide-i atik mahallesi')).toBe('Valide-i Atik');
  });

  it('meets the spellings of a "new neighbourhood" whichever way it is written', () => {
    const pendik = findDistrict(c, 'Pendik')!;
    for (const typed of ['Yeni', 'Yeni Mahallesi', 'Yeni Mah.', 'Yeni Mahalle', 'Yenimahalle']) expect(findNeighbourhood(pendik, typed), typed).toBe('Yeni');
    expect(findNeighbourhood(pendik, 'Yenişehir Mahallesi')).toBe('Yenişehir');
    const bagcilar = findDistrict(c, 'Bağcılar')!;
    expect(findNeighbourhood(bagcilar, 'Yeni Mahallesi')).toBe('Yenimahalle');
    expect(findNeighbourhood(bagcilar, '100. YIL MAHALLESİ')).toBe('100. Yıl');
  });

  it('does not guess', () => {
    expect(findDistrict(c, 'Kadıköy')).toBeNull();
    expect(findDistrict(c, '')).toBeNull();
    expect(findNeighbourhood(findDistrict(c, 'Pendik')!, 'Mahallesi')).toBeNull();
    expect(findNeighbourhood(findDistrict(c, 'Pendik')!, 'Yenişehi')).toBeNull();
  });
});
