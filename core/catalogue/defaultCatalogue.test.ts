import { describe, expect, it } from 'vitest';
import { Catalogue } from '../catalogue.js';
import data from './defaultCatalogue.json' with { type: 'json' };
import { defaultCatalogue, findSubject, findUnit, subjectPath } from './defaultCatalogue.js';

const c = defaultCatalogue;
const parents = new Set(c.subjects.flatMap((s) => (s.parent === null ? [] : [s.parent])));
const leaves = c.subjects.filter((s) => !parents.has(s.code));

describe('default catalogue', () => {
  it('parses with the schema, and a broken edit would not', () => {
    expect(Catalogue.parse(data)).toEqual(c);
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
