import { describe, expect, it } from 'vitest';
import type { Catalogue, Subject } from '../catalogue.js';
import { defaultCatalogue } from './defaultCatalogue.js';
import { searchSubjects } from './search.js';

const codes = (subjects: Subject[]) => subjects.map((s) => s.code);

function subject(code: string, name: string, extra: Partial<Subject> = {}): Subject {
  return {
    code,
    name,
    parent: null,
    resolutionDays: 5,
    priority: 'normal',
    confidential: false,
    defaultUnit: 'u',
    urgent: false,
    defaultType: 'request',
    keywords: [],
    surge: null,
    ...extra,
  };
}

function catalogue(subjects: Subject[]): Catalogue {
  return { version: 'test', triageUnit: null, units: [{ code: 'u', name: 'Birim', kind: 'directorate' }], subjects, cannedAnswers: [], districts: [], surgeDefault: { cases: 10, minutes: 60 } };
}

describe('searchSubjects: Turkish folding', () => {
  it('finds Işık… from "isik" and İzmit… from "IZMIT"', () => {
    const found = searchSubjects(defaultCatalogue, 'isik');
    expect(found.length).toBeGreaterThan(0);
    expect(found.map((s) => s.name).some((n) => /ışı/i.test(n))).toBe(true);

    const c = catalogue([subject('izmit', 'İzmit yolu bakımı'), subject('ismet', 'İsmetpaşa Caddesi')]);
    expect(codes(searchSubjects(c, 'IZMIT'))).toEqual(['izmit']);
    expect(codes(searchSubjects(c, 'izmit'))).toEqual(['izmit']);
    expect(codes(searchSubjects(c, 'İZMİT'))).toEqual(['izmit']);
  });

  it('matches folded text the other way round too', () => {
    expect(codes(searchSubjects(defaultCatalogue, 'IMAR DURUMU'))[0]).toBe('imar.imar-durumu');
    expect(codes(searchSubjects(defaultCatalogue, 'cop'))[0]).toBe('temizlik.cop');
    expect(codes(searchSubjects(defaultCatalogue, 'gurultu')).every((code) => code.startsWith('cevre'))).toBe(true);
  });
});

describe('searchSubjects: what it matches', () => {
  it('matches keywords and parents’ names, every typed word somewhere', () => {
    expect(codes(searchSubjects(defaultCatalogue, 'lağım'))).toContain('su.kanal');
    expect(codes(searchSubjects(defaultCatalogue, 'sosyal erzak'))).toEqual(['sosyal.gida']);
    expect(codes(searchSubjects(defaultCatalogue, 'sokak lambası'))[0]).toBe('aydinlatma.sokak-lambasi');
    expect(codes(searchSubjects(defaultCatalogue, 'su kesintisi'))[0]).toBe('su.kesinti');
    expect(searchSubjects(defaultCatalogue, 'lamba zzzz')).toEqual([]);
  });

  it('gives nothing for an empty query and respects the limit', () => {
    expect(searchSubjects(defaultCatalogue, '   ')).toEqual([]);
    expect(searchSubjects(defaultCatalogue, 'su', 3)).toHaveLength(3);
    expect(searchSubjects(defaultCatalogue, 'su', 0)).toEqual([]);
    expect(searchSubjects(defaultCatalogue, 'a').length).toBeLessThanOrEqual(10);
  });
});

describe('searchSubjects: order', () => {
  it('puts word-start matches before matches inside a word', () => {
    const c = catalogue([subject('park', 'Park bakımı'), subject('arka', 'Arka sokak temizliği')]);
    expect(codes(searchSubjects(c, 'ark'))).toEqual(['arka', 'park']);
  });

  it('puts leaves before groups', () => {
    const c = catalogue([subject('park', 'Park'), subject('park.bank', 'Park bankı kırık', { parent: 'park' })]);
    expect(codes(searchSubjects(c, 'park'))).toEqual(['park.bank', 'park']);
  });

  it('never lets an urgent subject fall behind routine ones of the same match', () => {
    expect(codes(searchSubjects(defaultCatalogue, 'hayvan', 1))).toEqual(['hayvan.yarali']);
    expect(codes(searchSubjects(defaultCatalogue, 'köpek', 1))).toEqual(['hayvan.yarali']);
    const cenaze = searchSubjects(defaultCatalogue, 'cenaze', 3);
    expect(cenaze.every((s) => s.urgent)).toBe(true);
  });

  it('prefers names that begin with what was typed', () => {
    expect(codes(searchSubjects(defaultCatalogue, 'su', 4)).every((code) => code.startsWith('su.'))).toBe(true);
  });
});
