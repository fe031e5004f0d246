import type { CaseStatus, CaseType, SlaState } from './case.js';
import { holidaysChecked, holidayTableCovers } from './holidays.js';
import { civilDate, istanbulDayOf } from './istanbulTime.js';
import { addWorkingDays } from './workingTime.js';

export { addWorkingDays, addWorkingHours, isWorkingDay } from './workingTime.js';
export { holidaysChecked } from './holidays.js';

/** Law 4982 (Bilgi Edinme): forward within 2 working days, answer within 15, or 30 when other units must supply the information. */
const INFORMATION_FORWARD_DAYS = 2;
const INFORMATION_ANSWER_DAYS = 15;
const INFORMATION_ANSWER_EXTENDED_DAYS = 30;
/** VİYS: a case not solved within 48 hours triggers the "forwarded to the unit" SMS/e-mail. */
const FORWARDED_NOTICE_MS = 48 * 60 * 60 * 1000;

/** An open case this close to its due time shows as due soon (wall-clock time, not office hours). */
export const DUE_SOON_MS = 24 * 60 * 60 * 1000;

const DONE: ReadonlySet<CaseStatus> = new Set<CaseStatus>(['resolved', 'closed', 'rejected']);

/**
 * When a new case is due: information requests have the law's 15 working days whatever the
 * subject says; other types take the subject's resolution time, where 0 means no SLA.
 */
export function caseDueAt(createdAt: Date, type: CaseType, resolutionDays: number): Date | null {
  if (type === 'information') return addWorkingDays(createdAt, INFORMATION_ANSWER_DAYS);
  if (!Number.isInteger(resolutionDays) || resolutionDays < 0) throw new RangeError(`resolutionDays must be a non-negative integer: ${resolutionDays}`);
  return resolutionDays === 0 ? null : addWorkingDays(createdAt, resolutionDays);
}

/** The longest deadline the law gives any case (an information request that needs other units). */
export const LONGEST_DEADLINE_DAYS = INFORMATION_ANSWER_EXTENDED_DAYS;

/**
 * The first year without bayram dates that a case recorded at `now` could reach with a deadline
 * of up to `longestDays` working days, or null when the table covers them all. The desk says so
 * at start, and such due dates are shown as unchecked (holidaysChecked).
 */
export function uncheckedHolidayYear(now: Date, longestDays: number = LONGEST_DEADLINE_DAYS): number | null {
  const first = civilDate(istanbulDayOf(now)).year;
  const last = civilDate(istanbulDayOf(addWorkingDays(now, longestDays))).year;
  for (let year = first; year <= last; year++) if (!holidayTableCovers(year)) return year;
  return null;
}

/** A case's due date whose span reaches a year without bayram dates was computed without them. */
export function dueAtUnchecked(record: { createdAt: string; dueAt: string | null }): boolean {
  if (record.dueAt === null) return false;
  const created = new Date(record.createdAt);
  const due = new Date(record.dueAt);
  return !Number.isNaN(created.getTime()) && !Number.isNaN(due.getTime()) && !holidaysChecked(created, due);
}

export function informationRequestDeadlines(createdAt: Date): { forwardBy: Date; answerBy: Date; answerByExtended: Date } {
  return {
    forwardBy: addWorkingDays(createdAt, INFORMATION_FORWARD_DAYS),
    answerBy: addWorkingDays(createdAt, INFORMATION_ANSWER_DAYS),
    answerByExtended: addWorkingDays(createdAt, INFORMATION_ANSWER_EXTENDED_DAYS),
  };
}

/** 48 hours of wall-clock time: the citizen's promise counts nights and weekends too. */
export function forwardedNoticeAt(createdAt: Date): Date {
  return new Date(createdAt.getTime() + FORWARDED_NOTICE_MS);
}

export function slaState(dueAt: Date | null, status: CaseStatus, now: Date): SlaState {
  if (DONE.has(status)) return 'done';
  if (dueAt === null) return 'on-time';
  const left = dueAt.getTime() - now.getTime();
  if (left < 0) return 'overdue';
  return left <= DUE_SOON_MS ? 'due-soon' : 'on-time';
}
