import { describe, expect, it } from 'vitest';
import { addressLine, callbackOverdueAt, DEFAULT_CALLBACK_GRACE_MINUTES, isCallbackOverdue } from './callback.js';

const HOUR = 60 * 60 * 1000;
const DUE = '2026-11-20T08:00:00.000Z';
const due = Date.parse(DUE);

describe('when a call-back is late', () => {
  it('is not late when it comes due, only once the grace the server gave has passed', () => {
    const item = { kind: 'resolution' as const, dueAt: DUE, overdueAt: '2026-11-20T16:00:00.000Z' };
    expect(isCallbackOverdue(item, due)).toBe(false);
    expect(isCallbackOverdue(item, due + 8 * HOUR)).toBe(false);
    expect(isCallbackOverdue(item, due + 8 * HOUR + 1)).toBe(true);
    expect(callbackOverdueAt(item)).toBe(due + 8 * HOUR);
  });

  it('takes the default grace for its kind when the server does not say: a day for a resolution notice, an hour for a requested time', () => {
    expect(DEFAULT_CALLBACK_GRACE_MINUTES).toEqual({ resolution: 24 * 60, requested: 60 });
    const resolution = { kind: 'resolution' as const, dueAt: DUE, overdueAt: null };
    const requested = { kind: 'requested' as const, dueAt: DUE, overdueAt: null };
    expect(isCallbackOverdue(resolution, due + 23 * HOUR)).toBe(false);
    expect(isCallbackOverdue(resolution, due + 25 * HOUR)).toBe(true);
    expect(isCallbackOverdue(requested, due + 0.5 * HOUR)).toBe(false);
    expect(isCallbackOverdue(requested, due + 1.5 * HOUR)).toBe(true);
    // A garbled overdueAt falls back to the default too; a garbled due time is never late.
    expect(callbackOverdueAt({ ...requested, overdueAt: 'soon' })).toBe(due + HOUR);
    expect(isCallbackOverdue({ ...requested, dueAt: 'soon' }, due + 1000 * HOUR)).toBe(false);
  });
});

describe('addressLine', () => {
  it('puts the parts the case has on one line, as the case detail shows them', () => {
    expect(addressLine({ district: 'Kadıköy', neighbourhood: 'Caferağa', street: 'Çınar Sk.', detail: 'No 14' })).toBe('Kadıköy, Caferağa, Çınar Sk., No 14');
    expect(addressLine({ district: 'Kadıköy', neighbourhood: null, street: ' ', detail: 'No 14' })).toBe('Kadıköy, No 14');
    expect(addressLine({ district: null, neighbourhood: null, street: null, detail: null })).toBeNull();
    expect(addressLine(null)).toBeNull();
  });
});
