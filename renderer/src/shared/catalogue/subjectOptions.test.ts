import { describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../../../../core/catalogue/defaultCatalogue.js';
import { smallCatalogue } from '../testing/fixtures.js';
import { subjectOptions, subjectPathText, triageUnit } from './subjectOptions.js';

const names = (query: string, catalogue = smallCatalogue) => subjectOptions(catalogue, query).map((o) => o.subject.name);

describe('subjectOptions (the picker\'s type-ahead)', () => {
  it('folds Turkish letters both ways: "isik" finds Işık, "IZMIT" finds İzmit', () => {
    expect(names('isik')).toEqual(['Sokak lambası yanmıyor', 'Aydınlatma (Işıklandırma)']);
    expect(names('IZMIT')).toEqual(['İzmit yolu bakımı']);
    expect(names('kopek')).toEqual(expect.arrayContaining(['Saldırgan köpek', 'Yaralı sokak hayvanı']));
  });

  it('puts leaves before their groups, and urgent subjects before routine ones of the same match', () => {
    expect(names('isik')[0]).toBe('Sokak lambası yanmıyor');
    expect(names('kopek')[0]).toBe('Yaralı sokak hayvanı');
  });

  it('gives each option the path it sits under', () => {
    const [lamp] = subjectOptions(smallCatalogue, 'lamba');
    expect(lamp).toMatchObject({ subject: { code: 'aydinlatma.lamba' }, parents: ['Aydınlatma (Işıklandırma)'] });
    expect(subjectPathText(smallCatalogue, 'aydinlatma.lamba')).toBe('Aydınlatma (Işıklandırma) › Sokak lambası yanmıyor');
  });

  it('offers nothing for empty text, no catalogue, or words no subject has (free text stays possible)', () => {
    expect(subjectOptions(smallCatalogue, '  ')).toEqual([]);
    expect(subjectOptions(null, 'lamba')).toEqual([]);
    expect(subjectOptions(defaultCatalogue, 'Kaldırım çökmüş 1732')).toEqual([]);
  });

  it('brings the right leaf to the top of the built-in catalogue from a few letters', () => {
    expect(names('su kesin', defaultCatalogue)[0]).toBe('Su kesintisi');
    expect(names('yarali', defaultCatalogue)[0]).toMatch(/^Yaralı/);
    expect(subjectOptions(defaultCatalogue, 'cenaze')[0]?.subject.urgent).toBe(true);
    expect(subjectOptions(defaultCatalogue, 'kaldirim').length).toBeLessThanOrEqual(8);
  });

  it('finds the catalogue\'s triage unit', () => {
    expect(triageUnit(smallCatalogue)?.code).toBe('halkla-iliskiler');
    expect(triageUnit({ ...smallCatalogue, triageUnit: null })).toBeNull();
    expect(triageUnit(null)).toBeNull();
  });
});
