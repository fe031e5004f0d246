import { describe, expect, it } from 'vitest';
import type { CaseStatus } from '../../core/case.js';
import { formatPhone as deskPhone } from '../../core/phone.js';
import { slaState } from '../../core/sla.js';
import {
  arrangeInbox,
  dueBucket,
  dueCounts,
  formatAddress,
  formatClock,
  formatDateTime,
  formatDue,
  formatPhone,
  serverMessage,
  slaOf,
  validateAction,
} from './page/logic.js';

// The department page's own logic (page/logic.js, served to the browser as it is), on fixed instants.
const NOW = new Date('2026-11-25T08:26:00.000Z'); // 11:26 in Istanbul
const item = (no: string, status: string, dueAt: string | null, createdAt = '2026-11-20T09:00:00.000Z') => ({ no, case: { status, dueAt, createdAt } });

describe('department page logic', () => {
  it('shows times in Istanbul whatever zone the computer has', () => {
    expect(formatDateTime('2026-11-25T08:26:00.000Z')).toBe('25.11.2026 11:26');
    // 22:30 UTC is already the next day in Istanbul.
    expect(formatDateTime('2026-11-25T22:30:00.000Z')).toBe('26.11.2026 01:30');
    expect(formatClock(NOW)).toBe('11:26');
    expect(formatDateTime(null)).toBe('');
    expect(formatDue('2026-11-25T14:00:00.000Z', NOW)).toBe('Bugün 17:00');
    expect(formatDue('2026-11-26T06:00:00.000Z', NOW)).toBe('26.11.2026 09:00');
  });

  it('writes phone numbers as the desk does, from any form', () => {
    for (const raw of ['905321112233', '05321112233', '+90 532 111 22 33', '5321112233', '0090 532 111 2233']) expect(formatPhone(raw)).toBe('0532 111 22 33');
    expect(formatPhone('2125550000')).toBe('0212 555 00 00');
    expect(formatPhone('1001')).toBe('1001');
    expect(formatPhone('+4915112345678')).toBe('+4915112345678');
    expect(formatPhone('+441234567890')).toBe('+441234567890');
    expect(formatPhone('90532***2233')).toBe('0532 *** 22 33');
    expect(formatPhone(null)).toBe('');
  });

  it('writes the address as it is read out, without empty parts', () => {
    expect(formatAddress({ district: 'Kadıköy', neighbourhood: 'Moda', street: 'Işıklı Sokak', detail: 'No 4' })).toBe('Moda, Işıklı Sokak, No 4, Kadıköy');
    expect(formatAddress({ district: 'Kadıköy', neighbourhood: null, street: ' ', detail: null })).toBe('Kadıköy');
    expect(formatAddress(null)).toBe('');
  });

  it('puts each open case in one due bucket by the Istanbul calendar, and finished cases in none', () => {
    const late = new Date('2026-11-25T20:30:00.000Z'); // 23:30 in Istanbul
    expect(dueBucket({ status: 'forwarded', dueAt: '2026-11-25T20:00:00.000Z', createdAt: '' }, late)).toBe('overdue');
    expect(dueBucket({ status: 'forwarded', dueAt: '2026-11-25T20:50:00.000Z', createdAt: '' }, late)).toBe('today');
    // 00:30 next day in Istanbul, though still 25 November in UTC.
    expect(dueBucket({ status: 'in-progress', dueAt: '2026-11-25T21:30:00.000Z', createdAt: '' }, late)).toBe('later');
    expect(dueBucket({ status: 'resolved', dueAt: '2026-11-25T20:00:00.000Z', createdAt: '' }, late)).toBeNull();
    expect(dueBucket({ status: 'forwarded', dueAt: null, createdAt: '' }, late)).toBeNull();
  });

  it('names the SLA as of now, in the desk\'s words', () => {
    expect(slaOf({ status: 'forwarded', dueAt: '2026-11-25T08:00:00.000Z', createdAt: '' }, NOW)).toBe('overdue');
    expect(slaOf({ status: 'forwarded', dueAt: '2026-11-26T08:00:00.000Z', createdAt: '' }, NOW)).toBe('due-soon');
    expect(slaOf({ status: 'forwarded', dueAt: '2026-11-30T08:00:00.000Z', createdAt: '' }, NOW)).toBe('on-time');
    expect(slaOf({ status: 'rejected', dueAt: '2026-11-25T08:00:00.000Z', createdAt: '' }, NOW)).toBe('done');
  });

  it('sorts by due date (soonest first, no due date then finished last) or newest first, and filters by bucket', () => {
    const items = [
      item('later', 'forwarded', '2026-11-28T08:00:00.000Z', '2026-11-24T09:00:00.000Z'),
      item('done', 'resolved', '2026-11-20T08:00:00.000Z', '2026-11-25T07:00:00.000Z'),
      item('none', 'forwarded', null, '2026-11-23T09:00:00.000Z'),
      item('overdue', 'in-progress', '2026-11-24T08:00:00.000Z', '2026-11-18T09:00:00.000Z'),
      item('today', 'reopened', '2026-11-25T13:00:00.000Z', '2026-11-21T09:00:00.000Z'),
    ];
    const names = (list: typeof items) => list.map((i) => i.no);
    expect(names(arrangeInbox(items, { sort: 'due' }, NOW))).toEqual(['overdue', 'today', 'later', 'none', 'done']);
    expect(names(arrangeInbox(items, { sort: 'created' }, NOW))).toEqual(['done', 'later', 'none', 'today', 'overdue']);
    expect(names(arrangeInbox(items, { due: 'overdue', sort: 'due' }, NOW))).toEqual(['overdue']);
    expect(names(arrangeInbox(items, { due: 'today', sort: 'due' }, NOW))).toEqual(['today']);
    expect(names(arrangeInbox(items, { due: 'later', sort: 'due' }, NOW))).toEqual(['later']);
    expect(dueCounts(items, NOW)).toEqual({ all: 5, overdue: 1, today: 1, later: 1 });
  });

  it('checks a form before sending it and says why in Turkish', () => {
    expect(validateAction('resolve', '   ')).toBe('Bu alan boş bırakılamaz.');
    expect(validateAction('assign', 'x'.repeat(121))).toBe('En fazla 120 karakter yazılabilir.');
    expect(validateAction('assign', 'Ahmet Usta')).toBeNull();
    expect(validateAction('redirect', '', 'fen-isleri')).toBe('Bir birim seçin.');
    expect(validateAction('redirect', 'fen-isleri', 'fen-isleri')).toBe('Başvuru zaten bu birimde; başka bir birim seçin.');
    expect(validateAction('redirect', 'zabita', 'fen-isleri')).toBeNull();
  });

  it('says the server\'s refusals in Turkish', () => {
    expect(serverMessage('unitCode: unit.unknown')).toBe('Bu birim sistemde yok; başka bir birim seçin.');
    expect(serverMessage('status: case.closed')).toBe('Kapatılmış bir başvuruya yalnızca not eklenebilir.');
    expect(serverMessage('unauthorized')).toBe('Kullanıcı adı ya da parola hatalı.');
    expect(serverMessage('HTTP 502')).toMatch(/^İşlem yapılamadı/);
  });

  // The page cannot import TypeScript: its copies of the desk's rules must not drift from them.
  it('formats phones and names the SLA exactly as the desk does', () => {
    for (const raw of ['905321112233', '0532 111 22 33', '(0532) 111-22-33', '+90 532 111 2233', '+4915112345678', '1001', '153', '90532***2233', 'bilinmiyor', '0123 456 78 90']) {
      expect(formatPhone(raw), raw).toBe(deskPhone(raw));
    }
    const statuses: CaseStatus[] = ['new', 'forwarded', 'in-progress', 'reopened', 'resolved', 'closed', 'rejected'];
    for (const status of statuses) {
      for (const dueAt of [null, '2026-11-25T08:25:59.000Z', '2026-11-26T08:26:00.000Z', '2026-11-26T08:26:01.000Z']) {
        expect(slaOf({ status, dueAt, createdAt: '' }, NOW), `${status} ${dueAt}`).toBe(slaState(dueAt === null ? null : new Date(dueAt), status, NOW));
      }
    }
  });
});
