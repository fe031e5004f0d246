import type { CallbackItem } from '../../../core/callback.js';

export function aCallback(overrides: Partial<CallbackItem> = {}): CallbackItem {
  return {
    id: 'cb-1',
    kind: 'resolution',
    applicationNo: '2026-0000123-4',
    subject: 'Sokak lambası yanmıyor',
    unitCode: 'aydinlatma',
    resolution: 'Lamba 19 Kasım’da değiştirildi.',
    citizenName: 'Ayşe Yılmaz',
    phone: '905321112233',
    dueAt: '2026-11-20T08:00:00.000Z',
    attempts: 0,
    maxAttempts: 3,
    claimedBy: null,
    claimedUntil: null,
    note: null,
    description: 'Çınar Sokak 14 önündeki direk üç gündür yanmıyor.',
    address: 'Kadıköy, Caferağa, Çınar Sk., No 14',
    // As the server says it by default: a day after the due time (core/callback.ts).
    overdueAt: new Date(Date.parse(overrides.dueAt ?? '2026-11-20T08:00:00.000Z') + 24 * 60 * 60 * 1000).toISOString(),
    ...overrides,
  };
}
