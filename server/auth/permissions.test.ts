import { describe, expect, it } from 'vitest';
import type { ServerCase } from '../../sync/protocol.js';
import { CREATED_AT, createPayload } from '../testSupport.js';
import { caseSeenBy, detailSeenBy, mayMakeChange, mayWorkCase, maySeeWholeTcKimlikNo, worksCases } from './permissions.js';
import { mayPush, type Account, type Role } from './roles.js';

const account = (role: Role, unitCode: string | null = null): Account => ({ id: '1', username: role, displayName: role, role, unitCode });
const operator = account('operator');
const feedback = account('feedback-operator');
const lead = account('team-lead');
const fen = account('department', 'fen-isleri');
const zabita = account('department', 'zabita');
const admin = account('admin');
const everyone = { operator, feedback, lead, fen, zabita, admin };

const TC = '12345678950';
// The case createChange's payload makes, as the server holds it (the security code hash stays there).
const { securityCodeHash: _, ...created } = createPayload({ tcKimlikNo: TC });
const base: ServerCase = { applicationNo: 'D12-2026-0000001-3', ...created, version: 1, updatedAt: CREATED_AT };
const secret: ServerCase = { ...base, confidential: true };

/** Who, among everyone, passes `check`. */
const who = (check: (a: Account) => boolean) =>
  Object.entries(everyone)
    .filter(([, a]) => check(a))
    .map(([name]) => name);

describe('desk changes (sync push)', () => {
  it('lets every desk role create, note, request a call-back and edit desk fields of a case it sees; department users push nothing', () => {
    expect(who((a) => mayMakeChange(a, 'create', null))).toEqual(['operator', 'feedback', 'lead', 'admin']);
    for (const kind of ['note', 'callback-request'] as const) {
      expect(who((a) => mayMakeChange(a, kind, base)), kind).toEqual(['operator', 'feedback', 'lead', 'admin']);
    }
    expect(who((a) => mayMakeChange(a, 'fields', base, ['description', 'citizenName', 'tcKimlikNo']))).toEqual(['operator', 'feedback', 'lead', 'admin']);
    // The route's gate (roles.ts mayPush) lets in exactly those.
    expect(who(mayPush)).toEqual(['operator', 'feedback', 'lead', 'admin']);
  });

  it('lets only a team lead (and, by the rule, the owning unit) change confidentiality, either way', () => {
    expect(who((a) => mayMakeChange(a, 'fields', base, ['confidential']))).toEqual(['lead']);
    expect(who((a) => mayMakeChange(a, 'fields', secret, ['confidential']))).toEqual(['lead']);
    // One forbidden field refuses the whole change.
    expect(mayMakeChange(operator, 'fields', base, ['description', 'confidential'])).toBe(false);
    // A change that sends the flag as it already is changes nothing of it (merge.ts leaves it out).
    expect(mayMakeChange(operator, 'fields', base, [])).toBe(true);
  });

  it('refuses every change to a case the account may not see, and fields no one may set from a desk', () => {
    for (const kind of ['note', 'callback-request', 'fields'] as const) {
      expect(who((a) => mayMakeChange(a, kind, secret)), kind).toEqual(['lead']);
    }
    expect(who((a) => mayMakeChange(a, 'fields', base, ['status']))).toEqual([]);
    expect(who((a) => mayMakeChange(a, 'fields', base, ['no-such-field']))).toEqual([]);
  });
});

describe('department workflow', () => {
  it('is for the owning unit, team leads and admins; another unit and the desk roles may not', () => {
    expect(who((a) => mayWorkCase(a, 'resolve', base))).toEqual(['lead', 'fen', 'admin']);
    expect(who(worksCases)).toEqual(['lead', 'fen', 'zabita', 'admin']);
    // Nobody works a case they may not see: an admin sees no confidential case.
    expect(who((a) => mayWorkCase(a, 'note', secret))).toEqual(['lead', 'fen']);
  });
});

describe('the T.C. kimlik no', () => {
  it('goes whole to team leads and the owning unit, masked to everyone else', () => {
    expect(who((a) => maySeeWholeTcKimlikNo(a, base))).toEqual(['lead', 'fen']);
    expect(caseSeenBy(operator, base).tcKimlikNo).toBe('123******50');
    expect(caseSeenBy(admin, base).tcKimlikNo).toBe('123******50');
    expect(caseSeenBy(lead, base)).toBe(base);
    expect(caseSeenBy(fen, base).tcKimlikNo).toBe(TC);
    expect(caseSeenBy(operator, { ...base, tcKimlikNo: null }).tcKimlikNo).toBeNull();
  });

  it('is masked in a fields change detail too, old and new value', () => {
    const detail = { changed: { tcKimlikNo: { from: TC, to: '10000000146' }, citizenName: { from: 'Ali', to: 'Ali Veli' } }, ignored: {} };
    expect(detailSeenBy(operator, 'fields', detail, base)).toEqual({
      changed: { tcKimlikNo: { from: '123******50', to: '100******46' }, citizenName: { from: 'Ali', to: 'Ali Veli' } },
      ignored: {},
    });
    expect(detailSeenBy(lead, 'fields', detail, base)).toEqual(detail);
    expect(detailSeenBy(operator, 'note', { text: TC }, base)).toEqual({ text: TC });
  });
});

describe('a change that made a confidential case public', () => {
  const detail = { changed: { confidential: { from: true, to: false }, description: { from: 'Asıl şikâyet', to: 'Yol çökmesi' } }, ignored: {} };

  it('reaches those who could not see the confidential version without its old values', () => {
    for (const a of [operator, feedback, admin]) {
      expect(detailSeenBy(a, 'fields', detail, base)).toEqual({ changed: { confidential: { to: false }, description: { to: 'Yol çökmesi' } }, ignored: {} });
    }
  });

  it('reaches team leads and the owning unit whole', () => {
    expect(detailSeenBy(lead, 'fields', detail, base)).toEqual(detail);
    expect(detailSeenBy(fen, 'fields', detail, base)).toEqual(detail);
  });
});
