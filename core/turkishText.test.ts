import { describe, expect, it } from 'vitest';
import { compareTurkish, foldTurkish, toTurkishUpper } from './turkishText.js';

describe('Turkish folding', () => {
  it('makes dotted and dotless i meet in both directions', () => {
    expect(foldTurkish('Işıklandırma')).toBe('isiklandirma');
    expect(foldTurkish('IZMIT')).toBe(foldTurkish('İzmit'));
    expect(foldTurkish('İSTANBUL')).toBe('istanbul');
    expect(foldTurkish('ıspanak')).toBe('ispanak');
  });

  it('folds the other Turkish letters and circumflexes', () => {
    expect(foldTurkish('Çöp Şikâyeti Ğ Ü')).toBe('cop sikayeti g u');
  });

  it('never produces a combining dot (the locale-free İ.toLowerCase() trap)', () => {
    expect(foldTurkish('İ')).toHaveLength(1);
  });

  it('upper-cases the Turkish way and sorts like a Turkish reader', () => {
    expect(toTurkishUpper('istanbul ılık')).toBe('İSTANBUL ILIK');
    expect(['şeker', 'su', 'çay', 'ceviz', 'ırmak', 'ilaç'].sort(compareTurkish)).toEqual(['ceviz', 'çay', 'ırmak', 'ilaç', 'su', 'şeker']);
  });
});
