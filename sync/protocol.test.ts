import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CaseChange, compareCursors, cursorPosition, DeskFields, formatCursor, MAX_PUSH_CHANGES, PullQuery, PushRequest, PushResponse, ServerCase } from './protocol.js';

const note = (deskId = 'D12') => ({
  changeId: randomUUID(),
  deskId,
  caseKey: 'D12-2026-0000042-3',
  kind: 'note' as const,
  clientAt: '2026-11-25T10:00:00.000Z',
  payload: { text: 'Aranacak' },
});

describe('sync protocol', () => {
  it('accepts a note change and refuses an unknown kind', () => {
    expect(CaseChange.safeParse(note()).success).toBe(true);
    expect(CaseChange.safeParse({ ...note(), kind: 'delete' }).success).toBe(false);
  });

  it('accepts a callback-request with an ISO due time and a note or null', () => {
    const request = (payload: unknown) => ({ ...note(), kind: 'callback-request', payload });
    expect(CaseChange.safeParse(request({ dueAt: '2026-11-25T18:00:00+03:00', note: 'Akşam arayın' })).success).toBe(true);
    expect(CaseChange.safeParse(request({ dueAt: '2026-11-25T15:00:00.000Z', note: null })).success).toBe(true);
    expect(CaseChange.safeParse(request({ dueAt: '2026-11-25 18:00', note: null })).success).toBe(false);
    expect(CaseChange.safeParse(request({ dueAt: '2026-11-25T15:00:00.000Z' })).success).toBe(false);
  });

  it('refuses an empty fields change', () => {
    expect(CaseChange.safeParse({ ...note(), kind: 'fields', payload: {} }).success).toBe(false);
  });

  it('limits a push to 500 changes, all from the pushing desk', () => {
    const many = Array.from({ length: MAX_PUSH_CHANGES + 1 }, () => note());
    expect(PushRequest.safeParse({ deskId: 'D12', changes: many.slice(1) }).success).toBe(true);
    expect(PushRequest.safeParse({ deskId: 'D12', changes: many }).success).toBe(false);
    expect(PushRequest.safeParse({ deskId: 'D12', changes: [note('D13')] }).success).toBe(false);
  });

  it('takes a masked T.C. kimlik no from the server only, never from a desk', () => {
    const tc = (value: string) => ServerCase.shape.tcKimlikNo.safeParse(value).success;
    expect([tc('12345678950'), tc('123******50'), tc('123*****950'), tc('12*******50')]).toEqual([true, true, false, false]);
    expect(DeskFields.shape.tcKimlikNo.safeParse('123******50').success).toBe(false);
  });

  it('reads a refusal code it does not know as a refusal, not as a broken answer', () => {
    const changeId = randomUUID();
    const answer = PushResponse.parse({ accepted: [], duplicates: [], rejected: [{ changeId, code: 'some-later-reason' }] });
    expect(answer.rejected).toEqual([{ changeId, code: 'some-later-reason' }]);
    expect(PushResponse.safeParse({ accepted: [], duplicates: [], rejected: [{ changeId, code: 'Bad Code\u0000' }] }).success).toBe(false);
  });

  it('takes cursors as a transaction id and a seq, or the seq alone that desks kept from before', () => {
    expect(PullQuery.parse({}).cursor).toBe('');
    expect(PullQuery.parse({ cursor: '42', limit: '10' })).toEqual({ cursor: '42', limit: 10 });
    expect(PullQuery.parse({ cursor: '8812.1043' }).cursor).toBe('8812.1043');
    expect(PullQuery.parse({ cursor: '0.7' }).cursor).toBe('0.7');
    // Each part within PostgreSQL's xid8 and bigint, so no valid cursor can make the query fail.
    expect(PullQuery.safeParse({ cursor: `${'9'.repeat(19)}.${'9'.repeat(18)}` }).success).toBe(true);
    for (const cursor of ['-1', '01', '1.', '.1', '1.2.3', '01.2', '1.02', `${'9'.repeat(20)}.1`, `1.${'9'.repeat(19)}`, '1 .2', 'x']) {
      expect(PullQuery.safeParse({ cursor }).success, cursor).toBe(false);
    }
  });

  it('orders cursors of both forms: a seq from before comes before every transaction since', () => {
    const ordered = ['', '0', '0.5', '41', '0.42', '7.1', '7.9', '12.3', `${'9'.repeat(19)}.1`];
    const sorted = [...ordered].reverse().sort(compareCursors);
    expect(sorted.map((c) => cursorPosition(c))).toEqual(ordered.map((c) => cursorPosition(c)));
    expect(compareCursors('41', '0.41')).toBe(0);
    expect(compareCursors('', '0')).toBe(0);
    expect(compareCursors('7.10', '7.9')).toBeGreaterThan(0);
    expect(formatCursor(cursorPosition('8812.1043'))).toBe('8812.1043');
  });
});
