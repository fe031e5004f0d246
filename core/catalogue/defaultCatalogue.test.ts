import { describe, expect, it } from 'vitest';
import { Catalogue } from '../catalogue.js';
import data from './defaultCatalogue.json' with { type: 'json' };
import { defaultCatalogue, findDistrict, findNeighbourhood, findSubject, findUnit, subjectPath, surgeRuleOf } from './defaultCatalogue.js';
import districts from './istanbulDistricts.json' with { type: 'json' };

const c = defaultCatalogue;
const parents = new Set(c.subjects.flatMap((s) => (s.parent === null ? [] : [s.parent])));
const leaves = c.subjects.filter((s) => !parents.has(s.code));

describe('default catalogue', () => {
  it('parses with the schema, and a broken edit would not', () => {
    expect(Catalogue.parse({ ...data, districts })).toEqual(c);
    expect(() => Catalogue.parse({ ...data, subjects: [{ code: 'x' }] })).toThrow();
  });

  it('has unique codes and only references that resolve', () => {
    for (const list of [c.units, c.subjects, c.cannedAnswers]) {
      expect(new Set(list.map((x) => x.code)).size).toBe(list.length);
    }
    for (const s of c.subjects) {
      if (s.parent !== null) expect(findSubject(c, s.parent), s.code).toBeDefined();
      if (s.defaultUnit !== null) expect(findUnit(c, s.defaultUnit), s.code).toBeDefined();
      expect(subjectPath(c, s.code).at(0)?.parent, s.code).toBeNull();
    }
    for (const a of c.cannedAnswers) if (a.subjectCode !== null) expect(findSubject(c, a.subjectCode), a.code).toBeDefined();
  });

  it('is big enough to work with: 40+ leaves, 8+ canned answers, all three kinds of unit', () => {
    expect(leaves.length).toBeGreaterThanOrEqual(40);
    expect(c.cannedAnswers.length).toBeGreaterThanOrEqual(8);
    expect(new Set(c.units.map((u) => u.kind))).toEqual(new Set(['directorate', 'district', 'external']));
    expect(findUnit(c, 'su-idaresi')?.kind).toBe('external');
  });

  it('marks the urgent calls of the domain urgent, and only with urgent priority', () => {
    for (const code of ['cenaze.vefat', 'saglik.ambulans', 'saglik.doktor', 'saglik.hasta-nakil', 'hayvan.yarali']) {
      expect(findSubject(c, code)?.urgent, code).toBe(true);
    }
    for (const s of c.subjects) expect(s.urgent, s.code).toBe(s.priority === 'urgent');
  });

  it('keeps social aid confidential and routes water to the water utility', () => {
    for (const s of leaves.filter((l) => l.parent === 'sosyal')) expect(s.confidential, s.code).toBe(true);
    for (const s of leaves.filter((l) => l.parent === 'su')) expect(s.defaultUnit, s.code).toBe('su-idaresi');
    expect(findSubject(c, 'bilgi.4982')?.defaultType).toBe('information');
  });

  it('gives every leaf a unit to forward to', () => {
    for (const s of leaves) expect(s.defaultUnit, s.code).not.toBeNull();
  });
});

describe('surge rules', () => {
  it('gives the subjects where outages come in bulk their own rule, and the rest the default', () => {
    expect(surgeRuleOf(c, 'su.kesinti')).toEqual({ cases: 8, minutes: 30 });
    expect(surgeRuleOf(c, 'enerji.dogalgaz')).toEqual({ cases: 3, minutes: 30 });
    expect(surgeRuleOf(c, 'aydinlatma.sokak-lambasi')).toEqual(findSubject(c, 'aydinlatma')?.surge);
    expect(surgeRuleOf(c, 'tesekkur.personel')).toEqual({ cases: 10, minutes: 60 });
  });
});

describe('Istanbul districts', () => {
  const names = c.districts.map((d) => d.name);

  it('has all 39 districts, each once, each with its neighbourhoods once', () => {
    expect(names).toHaveLength(39);
    expect(new Set(names).size).toBe(39);
    for (const d of c.districts) {
      expect(d.neighbourhoods.length, d.name).toBeGreaterThan(0);
      expect(new Set(d.neighbourhoods).size, d.name).toBe(d.neighbourhoods.length);
    }
    expect(c.districts.reduce((n, d) => n + d.neighbourhoods.length, 0)).toBeGreaterThan(900);
  });

  it('names them as written in Turkish, without "Mahallesi"', () => {
    expect(names).toEqual(expect.arrayContaining(['Kadıköy', 'Üsküdar', 'Eyüpsultan', 'Şişli', 'Çatalca', 'Ümraniye']));
    for (const d of c.districts) {
      for (const n of d.neighbourhoods) expect(n, d.name).not.toMatch(/\s(mahallesi|mah\.?)$/i);
    }
  });

  it('finds every district and neighbourhood by its own name, none hiding another', () => {
    for (const d of c.districts) {
      expect(findDistrict(c, d.name), d.name).toBe(d);
      for (const n of d.neighbourhoods) expect(findNeighbourhood(d, n), `${d.name}/${n}`).toBe(n);
    }
  });

  it('lists the 21 neighbourhoods of Kadıköy', () => {
    const kadikoy = [
      'Acıbadem', 'Bostancı', 'Caddebostan', 'Caferağa', 'Dumlupınar', 'Eğitim', 'Erenköy', 'Fenerbahçe', 'Feneryolu', 'Fikirtepe', '19 Mayıs',
      'Göztepe', 'Hasanpaşa', 'Koşuyolu', 'Kozyatağı', 'Merdivenköy', 'Osmanağa', 'Rasimpaşa', 'Sahrayıcedit', 'Suadiye', 'Zühtüpaşa',
    ];
    expect(findDistrict(c, 'Kadıköy')?.neighbourhoods.toSorted()).toEqual(kadikoy.toSorted());
  });

  it('matches a district name in any case, with or without "İlçesi"', () => {
    for (const typed of ['KADIKÖY', 'kadıköy ilçesi', ' Kadıköy İlçesi ', 'kadikoy']) expect(findDistrict(c, typed)?.name, typed).toBe('Kadıköy');
    for (const typed of ['ÜSKÜDAR', 'Üsküdar', 'uskudar']) expect(findDistrict(c, typed)?.name, typed).toBe('Üsküdar');
    expect(findDistrict(c, 'Ankara')).toBeNull();
    expect(findDistrict(c, ' ')).toBeNull();
  });

  it('matches a neighbourhood name in any case, with or without "Mahallesi" or "Mah."', () => {
    const kadikoy = findDistrict(c, 'Kadıköy')!;
    for (const typed of ['Caferağa Mahallesi', 'CAFERAĞA MAH.', 'caferaga mah.', 'Caferağa']) expect(findNeighbourhood(kadikoy, typed), typed).toBe('Caferağa');
    expect(findNeighbourhood(kadikoy, '19 Mayıs Mahallesi')).toBe('19 Mayıs');
    expect(findNeighbourhood(kadikoy, 'Moda')).toBeNull();
    const atasehir = findDistrict(c, 'Ataşehir')!;
    expect(findNeighbourhood(atasehir, 'Aşıkveysel Mah.')).toBe('Aşık Veysel');
  });
});

describe('subjectPath', () => {
  it('runs from the root to the leaf', () => {
    expect(subjectPath(c, 'hayvan.yarali').map((s) => s.code)).toEqual(['hayvan', 'hayvan.yarali']);
    expect(subjectPath(c, 'hayvan').map((s) => s.code)).toEqual(['hayvan']);
    expect(subjectPath(c, 'no.such')).toEqual([]);
  });

  it('stops at a parent cycle in a hand-edited file', () => {
    const looped: Catalogue = {
      ...c,
      subjects: [
        { ...c.subjects[0]!, code: 'a', parent: 'b' },
        { ...c.subjects[0]!, code: 'b', parent: 'a' },
      ],
    };
    expect(subjectPath(looped, 'a').map((s) => s.code)).toEqual(['b', 'a']);
  });
});
