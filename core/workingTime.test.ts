import { describe, expect, it } from 'vitest';
import { KURBAN_FIRST_DAY, RAMAZAN_FIRST_DAY, holidayKind, holidaysChecked, holidayTableCovers } from './holidays.js';
import { istanbulDay } from './istanbulTime.js';
import { addWorkingDays, addWorkingHours, isWorkingDay } from './workingTime.js';

/** An Istanbul wall-clock time, e.g. ist('2026-05-22 10:00'). */
const ist = (local: string): Date => new Date(`${local.replace(' ', 'T')}:00+03:00`);
const day = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return istanbulDay(y, m, d);
};

describe('Turkish public holidays', () => {
  it('knows the fixed holidays and the 28 October half day', () => {
    for (const d of ['2026-01-01', '2026-04-23', '2026-05-01', '2026-05-19', '2026-07-15', '2026-08-30', '2026-10-29']) {
      expect(holidayKind(day(d)), d).toBe('holiday');
    }
    expect(holidayKind(day('2026-10-28'))).toBe('half-day');
    expect(holidayKind(day('2026-12-31'))).toBe('none');
  });

  it('knows both bayrams and their arife half days', () => {
    expect(holidayKind(day('2026-03-19'))).toBe('half-day');
    for (const d of ['2026-03-20', '2026-03-21', '2026-03-22']) expect(holidayKind(day(d)), d).toBe('holiday');
    expect(holidayKind(day('2026-03-23'))).toBe('none');
    expect(holidayKind(day('2026-05-26'))).toBe('half-day');
    for (const d of ['2026-05-27', '2026-05-28', '2026-05-29', '2026-05-30']) expect(holidayKind(day(d)), d).toBe('holiday');
    expect(holidayKind(day('2026-05-31'))).toBe('none');
  });

  it('lets a holiday win over an arife on the same day', () => {
    // Kurban Bayramı 2029 starts on 24 April: its arife is 23 Nisan, a full holiday.
    expect(holidayKind(day('2029-04-23'))).toBe('holiday');
    // Kurban Bayramı 2027 runs 16–19 May, over 19 Mayıs.
    expect(holidayKind(day('2027-05-19'))).toBe('holiday');
    expect(holidayKind(day('2027-05-15'))).toBe('half-day');
  });

  it('has a bayram table that moves like the Hijri calendar (a typo check for yearly edits)', () => {
    for (let year = 2024; year <= 2032; year++) {
      const ramazan = RAMAZAN_FIRST_DAY[year]!;
      const kurban = KURBAN_FIRST_DAY[year]!;
      expect(ramazan.startsWith(`${year}-`) && kurban.startsWith(`${year}-`), `${year}`).toBe(true);
      // 1 Şevval to 10 Zilhicce: two lunar months and ten days.
      expect(day(kurban) - day(ramazan), `${year}`).toBeGreaterThanOrEqual(66);
      expect(day(kurban) - day(ramazan), `${year}`).toBeLessThanOrEqual(71);
      if (year > 2024) {
        // A lunar year is about 354 days: each bayram comes 10–12 days earlier than the year before.
        const shift = day(RAMAZAN_FIRST_DAY[year - 1]!) - day(`${year - 1}${ramazan.slice(4)}`);
        expect(shift, `${year}`).toBeGreaterThanOrEqual(10);
        expect(shift, `${year}`).toBeLessThanOrEqual(12);
      }
    }
  });

  it('has every table year from 2024 to 2032; around it only the fixed holidays are known, and it says so', () => {
    for (let year = 2024; year <= 2032; year++) expect(holidayTableCovers(year), `${year}`).toBe(true);
    expect(holidayTableCovers(2023)).toBe(false);
    expect(holidayTableCovers(2033)).toBe(false);
    // 2033: 1 January and 23 April are still holidays; no bayram is guessed.
    expect(holidayKind(day('2033-01-01'))).toBe('holiday');
    expect(holidayKind(day('2033-04-23'))).toBe('holiday');
    expect(isWorkingDay(ist('2033-01-03 10:00'))).toBe(true);
    expect(holidaysChecked(ist('2032-12-01 10:00'), ist('2032-12-31 23:59'))).toBe(true);
    // A span that reaches Istanbul's 2033 (21:00 UTC on 31 December) is not checked.
    expect(holidaysChecked(ist('2032-12-20 10:00'), ist('2033-01-01 00:00'))).toBe(false);
    expect(holidaysChecked(ist('2023-12-29 10:00'), ist('2024-01-10 10:00'))).toBe(false);
  });
});

describe('isWorkingDay', () => {
  it('is Monday to Friday outside holidays, half days included', () => {
    expect(isWorkingDay(ist('2026-05-22 10:00'))).toBe(true);
    expect(isWorkingDay(ist('2026-05-23 10:00'))).toBe(false);
    expect(isWorkingDay(ist('2026-05-24 10:00'))).toBe(false);
    expect(isWorkingDay(ist('2026-05-26 16:00'))).toBe(true);
    expect(isWorkingDay(ist('2026-05-27 10:00'))).toBe(false);
    expect(isWorkingDay(ist('2026-10-28 15:00'))).toBe(true);
  });

  it('uses the Istanbul date, not the machine’s or UTC’s', () => {
    // Friday 22:30 UTC is already Saturday 01:30 in Istanbul.
    expect(isWorkingDay(new Date('2026-05-22T22:30:00Z'))).toBe(false);
    // Sunday 21:30 UTC is Monday 00:30 in Istanbul.
    expect(isWorkingDay(new Date('2026-05-24T21:30:00Z'))).toBe(true);
  });
});

describe('addWorkingDays', () => {
  it('skips a weekend, the Kurban Bayramı arife afternoon and the bayram', () => {
    const friday = ist('2026-05-22 10:00');
    expect(addWorkingDays(friday, 1)).toEqual(ist('2026-05-25 17:30'));
    // The 2nd working day is the arife: the office shuts at 12:30, so the deadline does too.
    expect(addWorkingDays(friday, 2)).toEqual(ist('2026-05-26 12:30'));
    // 27–30 May bayram, 31 May Sunday: the 3rd working day is Monday 1 June.
    expect(addWorkingDays(friday, 3)).toEqual(ist('2026-06-01 17:30'));
  });

  it('starts counting the day after, even when forwarded on a half-day afternoon', () => {
    expect(addWorkingDays(ist('2026-10-28 14:00'), 1)).toEqual(ist('2026-10-30 17:30'));
    expect(addWorkingDays(ist('2026-10-27 09:00'), 1)).toEqual(ist('2026-10-28 12:30'));
    expect(addWorkingDays(ist('2026-06-06 11:00'), 1)).toEqual(ist('2026-06-08 17:30'));
    // 23:59 Friday and 00:01 Saturday are different Istanbul days.
    expect(addWorkingDays(ist('2026-06-05 23:59'), 1)).toEqual(ist('2026-06-08 17:30'));
  });

  it('reads 0 days as the end of the current working day', () => {
    expect(addWorkingDays(ist('2026-06-08 10:00'), 0)).toEqual(ist('2026-06-08 17:30'));
    expect(addWorkingDays(ist('2026-06-08 18:00'), 0)).toEqual(ist('2026-06-09 17:30'));
    expect(addWorkingDays(ist('2026-10-28 13:00'), 0)).toEqual(ist('2026-10-30 17:30'));
  });

  it('refuses a negative or fractional count', () => {
    expect(() => addWorkingDays(ist('2026-06-08 10:00'), -1)).toThrow(RangeError);
    expect(() => addWorkingDays(ist('2026-06-08 10:00'), 1.5)).toThrow(RangeError);
  });
});

describe('addWorkingHours', () => {
  it('carries over nights and weekends', () => {
    expect(addWorkingHours(ist('2026-05-22 16:30'), 2)).toEqual(ist('2026-05-25 09:30'));
    expect(addWorkingHours(ist('2026-06-08 08:30'), 9)).toEqual(ist('2026-06-08 17:30'));
    expect(addWorkingHours(ist('2026-06-08 10:00'), 0.5)).toEqual(ist('2026-06-08 10:30'));
  });

  it('ends exactly at closing time rather than at the next opening', () => {
    expect(addWorkingHours(ist('2026-06-08 16:30'), 1)).toEqual(ist('2026-06-08 17:30'));
  });

  it('counts time outside office hours from the next opening', () => {
    expect(addWorkingHours(ist('2026-06-08 07:00'), 1)).toEqual(ist('2026-06-08 09:30'));
    expect(addWorkingHours(ist('2026-06-06 12:00'), 1)).toEqual(ist('2026-06-08 09:30'));
  });

  it('stops at 12:30 on a half day and skips the holiday after it', () => {
    expect(addWorkingHours(ist('2026-10-28 11:30'), 2)).toEqual(ist('2026-10-30 09:30'));
    expect(addWorkingHours(ist('2026-10-28 14:00'), 2)).toEqual(ist('2026-10-30 10:30'));
    expect(addWorkingHours(ist('2026-05-26 11:30'), 2)).toEqual(ist('2026-06-01 09:30'));
  });

  it('refuses negative hours', () => {
    expect(() => addWorkingHours(ist('2026-06-08 10:00'), -1)).toThrow(RangeError);
  });
});
