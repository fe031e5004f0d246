import { describe, expect, it } from 'vitest';
import { DUE_SOON_MS, caseDueAt, dueAtUnchecked, forwardedNoticeAt, holidaysChecked, informationRequestDeadlines, slaState, uncheckedHolidayYear } from './sla.js';
import { addWorkingDays } from './workingTime.js';

const ist = (local: string): Date => new Date(`${local.replace(' ', 'T')}:00+03:00`);

describe('caseDueAt', () => {
  const created = ist('2026-05-18 10:00');

  it('gives information requests the 15 working days of law 4982, whatever the subject says', () => {
    expect(caseDueAt(created, 'information', 1)).toEqual(addWorkingDays(created, 15));
    expect(caseDueAt(created, 'information', 0)).toEqual(addWorkingDays(created, 15));
  });

  it('takes the subject’s resolution days for other types, and 0 as no SLA', () => {
    expect(caseDueAt(created, 'complaint', 3)).toEqual(addWorkingDays(created, 3));
    expect(caseDueAt(created, 'request', 0)).toBeNull();
    expect(caseDueAt(created, 'thanks', 0)).toBeNull();
  });

  it('refuses a negative resolution time', () => {
    expect(() => caseDueAt(created, 'complaint', -2)).toThrow(RangeError);
  });
});

describe('informationRequestDeadlines', () => {
  it('counts 2, 15 and 30 working days over 19 Mayıs, Kurban Bayramı and weekends', () => {
    // Monday 18 May 2026; 19 May is a holiday, 26 May a half day, 27–30 May the bayram.
    expect(informationRequestDeadlines(ist('2026-05-18 10:00'))).toEqual({
      forwardBy: ist('2026-05-21 17:30'),
      answerBy: ist('2026-06-12 17:30'),
      answerByExtended: ist('2026-07-03 17:30'),
    });
  });
});

describe('forwardedNoticeAt', () => {
  it('is 48 clock hours later, nights and weekends included', () => {
    expect(forwardedNoticeAt(ist('2026-05-22 16:00'))).toEqual(ist('2026-05-24 16:00'));
  });
});

describe('slaState', () => {
  const due = ist('2026-06-10 17:30');
  const at = (offsetMs: number) => new Date(due.getTime() + offsetMs);

  it('is done for resolved, closed and rejected cases, even past due', () => {
    for (const status of ['resolved', 'closed', 'rejected'] as const) {
      expect(slaState(due, status, at(DUE_SOON_MS * 10))).toBe('done');
      expect(slaState(null, status, due)).toBe('done');
    }
  });

  it('keeps an open case without a due time on time', () => {
    for (const status of ['new', 'forwarded', 'in-progress', 'reopened'] as const) expect(slaState(null, status, due)).toBe('on-time');
  });

  it('moves from on time to due soon to overdue at the exact edges', () => {
    expect(slaState(due, 'forwarded', at(-DUE_SOON_MS - 1))).toBe('on-time');
    expect(slaState(due, 'forwarded', at(-DUE_SOON_MS))).toBe('due-soon');
    expect(slaState(due, 'in-progress', at(-1))).toBe('due-soon');
    expect(slaState(due, 'reopened', at(0))).toBe('due-soon');
    expect(slaState(due, 'forwarded', at(1))).toBe('overdue');
    expect(slaState(due, 'new', at(DUE_SOON_MS * 30))).toBe('overdue');
  });
});

describe('uncheckedHolidayYear', () => {
  it('is null while every deadline a case can get falls in the table, and names the first year past it once one can reach it', () => {
    expect(uncheckedHolidayYear(new Date('2026-12-03T09:00:00+03:00'))).toBeNull();
    expect(uncheckedHolidayYear(new Date('2032-10-01T09:00:00+03:00'))).toBeNull();
    // 30 working days from 1 December 2032 end in January 2033.
    expect(uncheckedHolidayYear(new Date('2032-12-01T09:00:00+03:00'))).toBe(2033);
    expect(uncheckedHolidayYear(new Date('2032-12-01T09:00:00+03:00'), 5)).toBeNull();
    expect(uncheckedHolidayYear(new Date('2035-06-01T09:00:00+03:00'))).toBe(2035);
  });

  it('gives a due date past the table all the same, over weekends and fixed holidays, and marks it unchecked', () => {
    const createdAt = new Date('2033-03-01T10:00:00+03:00');
    const due = caseDueAt(createdAt, 'complaint', 10)!;
    expect(due.toISOString()).toBe(new Date('2033-03-15T17:30:00+03:00').toISOString());
    expect(holidaysChecked(createdAt, due)).toBe(false);
    const inTable = new Date('2032-03-01T10:00:00+03:00');
    expect(holidaysChecked(inTable, caseDueAt(inTable, 'complaint', 10)!)).toBe(true);
    expect(dueAtUnchecked({ createdAt: createdAt.toISOString(), dueAt: due.toISOString() })).toBe(true);
    expect(dueAtUnchecked({ createdAt: inTable.toISOString(), dueAt: caseDueAt(inTable, 'complaint', 10)!.toISOString() })).toBe(false);
    expect(dueAtUnchecked({ createdAt: createdAt.toISOString(), dueAt: null })).toBe(false);
  });
});
