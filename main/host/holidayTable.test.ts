import { afterEach, describe, expect, it } from 'vitest';
import { clockFrom } from '../../core/clock.js';
import type { CaseRecord } from '../../core/case.js';
import type { DeskSnapshot } from '../../core/contract.js';
import { dueAtUnchecked } from '../../core/sla.js';
import { invokeValue as call, startTestDesk, type Cleanups } from './testing/testDesk.js';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

const roadCase = {
  subject: 'Yol ve Kaldırım',
  subjectCode: 'yol',
  description: 'Kaldırım taşları yerinden çıkmış',
  outcome: 'forwarded' as const,
  phone: '05321112233',
  citizenName: 'Ali Vatandaş',
  linkedid: null,
};

describe('the bayram table running out', () => {
  it('says so at start, still records cases, and marks their due dates unchecked', async () => {
    const lines: string[] = [];
    const desk = await startTestDesk(cleanups, {}, { now: clockFrom('2032-12-20T09:00:00+03:00'), log: (l) => lines.push(l) });

    const snapshot = await call<DeskSnapshot>(desk, 'desk.snapshot');
    expect(snapshot.holidayTable).toEqual({ lastYear: 2032, uncheckedYear: 2033 });
    expect(lines.some((l) => /holiday table: no Ramazan\/Kurban Bayramı dates for 2033 .*core\/holidays\.ts/.test(l))).toBe(true);

    const { case: saved } = await call<{ case: CaseRecord }>(desk, 'cases.create', roadCase);
    expect(saved.dueAt).not.toBeNull();
    // Ten working days from 20 December 2032 end in January 2033, counted without its bayrams.
    expect(saved.dueAt!.startsWith('2033-01')).toBe(true);
    expect(dueAtUnchecked(saved)).toBe(true);
  });

  it('is silent while every deadline falls inside the table', async () => {
    const lines: string[] = [];
    const desk = await startTestDesk(cleanups, {}, { now: clockFrom('2026-12-03T09:00:00+03:00'), log: (l) => lines.push(l) });
    expect((await call<DeskSnapshot>(desk, 'desk.snapshot')).holidayTable).toEqual({ lastYear: 2032, uncheckedYear: null });
    expect(lines.some((l) => l.startsWith('holiday table'))).toBe(false);
    const { case: saved } = await call<{ case: CaseRecord }>(desk, 'cases.create', roadCase);
    expect(dueAtUnchecked(saved)).toBe(false);
  });
});
