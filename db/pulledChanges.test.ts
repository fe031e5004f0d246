import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatApplicationNo } from '../core/applicationNumber.js';
import { CaseSearchQuery } from '../core/case.js';
import { caseEvents, casesByPhone, countCases, findCitizenByPhone, getCase, insertCase } from './caseRepository.js';
import { searchCases } from './caseSearch.js';
import { addReservedNumbers, reservedNumberCount } from './numberPool.js';
import { applyPulledChanges } from './pulledChanges.js';
import type { PulledCase, PulledChange } from './pulledChanges.js';
import { deskIdentity, readCursor, readLastSyncAt } from './syncMeta.js';
import { ACTOR, minutesAfter, preparedCase, T0, TC_A, TC_B, tempStore } from './testSupport.js';

vi.mock('../core/securityCode.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../core/securityCode.js')>()),
  hashSecurityCode: () => `${'a'.repeat(32)}$${'b'.repeat(64)}`,
}));

let store: ReturnType<typeof tempStore>;
let db: Database;
let own: string;

beforeEach(() => {
  store = tempStore();
  db = store.open();
  own = deskIdentity(db).deskId;
});

afterEach(() => store.close());

const OTHER_DESK = 'desk-00112233445566ff';
const NOW = minutesAfter(600);

/** A case as the server sends it (sync/protocol.ts ServerCase). */
function serverCase(overrides: Partial<PulledCase> = {}): PulledCase {
  return {
    applicationNo: 'DK7QXM-2025-0000001-4',
    type: 'complaint',
    subject: 'Kaldırım bozuk',
    subjectCode: 'kaldirim',
    channel: 'phone',
    priority: 'normal',
    confidential: false,
    urgent: false,
    description: 'Bağdat Caddesi kaldırım taşları yerinden çıkmış.',
    phone: '905551112233',
    citizenName: 'Zeynep Kaya',
    tcKimlikNo: TC_B,
    address: { district: 'Kadıköy', neighbourhood: 'Suadiye', street: 'Bağdat Cd.', detail: null },
    linkedid: null,
    dueAt: '2025-03-14T14:30:00.000Z',
    status: 'forwarded',
    unitCode: 'fen-isleri',
    resolution: null,
    firstContactResolution: false,
    version: 1,
    // Offsets as the server may write them: stored as UTC with milliseconds.
    createdAt: '2025-03-10T12:00:00+03:00',
    updatedAt: '2025-03-10T12:00:00+03:00',
    ...overrides,
  };
}

let seq = 0;
function change(kind: PulledChange['kind'], c: PulledCase, deskId: string | null, detail: unknown = {}): PulledChange & { seq: string; changeId: null; caseKey: string } {
  seq++;
  return { seq: String(seq), changeId: null, deskId, kind, caseKey: c.applicationNo, detail, at: minutesAfter(seq).toISOString(), case: c };
}

const found = (text: string) => searchCases(db, CaseSearchQuery.parse({ text }), NOW).rows.map((c) => c.id);
const idOf = (applicationNo: string) =>
  db.prepare<[string], number>('SELECT id FROM cases WHERE application_no = ?').pluck().get(applicationNo);

describe('applyPulledChanges', () => {
  it('inserts a case from another desk, with its citizen, a created event, and search finds it', () => {
    const c = serverCase();
    const { changedCaseIds } = applyPulledChanges(db, [change('create', c, OTHER_DESK)], '17', own, NOW);
    const id = idOf(c.applicationNo)!;
    expect(changedCaseIds).toEqual([id]);
    expect(getCase(db, id, T0, { revealTcKimlikNo: true })).toMatchObject({
      applicationNo: c.applicationNo,
      status: 'forwarded',
      unitCode: 'fen-isleri',
      tcKimlikNo: TC_B,
      address: c.address,
      createdAt: '2025-03-10T09:00:00.000Z',
      updatedAt: '2025-03-10T09:00:00.000Z',
      dueAt: '2025-03-14T14:30:00.000Z',
    });
    expect(db.prepare('SELECT server_version, security_code_hash, draft_id FROM cases WHERE id = ?').get(id)).toEqual({
      server_version: 1,
      security_code_hash: null,
      draft_id: null,
    });
    expect(findCitizenByPhone(db, '0555 111 22 33')?.name).toBe('Zeynep Kaya');
    expect(casesByPhone(db, '05551112233', 10, NOW).map((x) => x.id)).toEqual([id]);
    expect(caseEvents(db, id)).toEqual([
      { at: minutesAfter(seq).toISOString(), actor: OTHER_DESK, kind: 'created', detail: { applicationNo: c.applicationNo, source: 'sync' } },
    ]);
    // Pulled cases are never pushed back.
    expect(db.prepare('SELECT count(*) FROM sync_outbox WHERE case_id = ?').pluck().get(id)).toBe(0);

    expect(found('kaldirim taslari')).toEqual([id]);
    expect(found('0555 111 22 33')).toEqual([id]);
    expect(found(c.applicationNo)).toEqual([id]);
    expect(readCursor(db)).toBe('17');
    expect(readLastSyncAt(db)).toBe(NOW.toISOString());
  });

  it('updates this desk’s case when the department resolves it, with an event', () => {
    const mine = insertCase(db, preparedCase(), { now: T0, actor: ACTOR, securityCode: 'K7M2P9RT' });
    const hash = db.prepare('SELECT security_code_hash FROM cases WHERE id = ?').pluck().get(mine.id);
    const resolved = serverCase({
      applicationNo: mine.applicationNo,
      subject: mine.subject,
      description: mine.description,
      phone: mine.phone,
      citizenName: mine.citizenName,
      tcKimlikNo: null,
      address: null,
      linkedid: mine.linkedid,
      dueAt: mine.dueAt,
      subjectCode: mine.subjectCode,
      status: 'resolved',
      resolution: 'Lamba değiştirildi.',
      version: 3,
      createdAt: mine.createdAt,
      updatedAt: minutesAfter(300).toISOString(),
    });
    const { changedCaseIds } = applyPulledChanges(
      db,
      [change('workflow', resolved, null, { action: 'resolve' })],
      '20',
      own,
      NOW,
    );
    expect(changedCaseIds).toEqual([mine.id]);
    expect(getCase(db, mine.id, NOW)).toMatchObject({
      status: 'resolved',
      resolution: 'Lamba değiştirildi.',
      unitCode: 'fen-isleri',
      updatedAt: minutesAfter(300).toISOString(),
      sla: 'done',
      createdAt: mine.createdAt,
    });
    expect(db.prepare('SELECT server_version, security_code_hash FROM cases WHERE id = ?').get(mine.id)).toEqual({
      server_version: 3,
      security_code_hash: hash,
    });
    const events = caseEvents(db, mine.id);
    expect(events.map((e) => e.kind)).toEqual(['created', 'forwarded', 'workflow']);
    expect(events[2]).toEqual({
      at: minutesAfter(seq).toISOString(),
      actor: 'server',
      kind: 'workflow',
      detail: { action: 'resolve', status: 'resolved', unitCode: 'fen-isleri', resolution: 'Lamba değiştirildi.' },
    });
    // The status facet of the search index follows.
    expect(searchCases(db, CaseSearchQuery.parse({ filters: { status: ['resolved'] } }), NOW).rows.map((c) => c.id)).toEqual([mine.id]);
    expect(searchCases(db, CaseSearchQuery.parse({ filters: { status: ['forwarded'] } }), NOW).rows).toEqual([]);
  });

  it('adds no event for this desk’s own changes, but notes and field edits of others', () => {
    const c = serverCase();
    applyPulledChanges(db, [change('create', c, OTHER_DESK)], '1', own, NOW);
    const id = idOf(c.applicationNo)!;
    const edited = { ...c, description: 'Bağdat Caddesi 200 önünde kaldırım çökmüş.', version: 2 };
    const { changedCaseIds } = applyPulledChanges(
      db,
      [
        change('note', { ...edited, version: 3 }, own, { text: 'benim notum' }),
        change('fields', { ...edited, version: 4 }, OTHER_DESK, { description: { old: c.description, new: edited.description } }),
        change('note', { ...edited, version: 5 }, OTHER_DESK, { text: 'Vatandaş tekrar aradı.' }),
      ],
      '4',
      own,
      NOW,
    );
    expect(changedCaseIds).toEqual([id]);
    expect(caseEvents(db, id).map((e) => [e.kind, e.actor, e.detail])).toEqual([
      ['created', OTHER_DESK, { applicationNo: c.applicationNo, source: 'sync' }],
      [
        'fields',
        OTHER_DESK,
        { description: { old: c.description, new: edited.description }, status: 'forwarded', unitCode: 'fen-isleri', resolution: null },
      ],
      ['note', OTHER_DESK, { text: 'Vatandaş tekrar aradı.' }],
    ]);
    expect(found('cokmus')).toEqual([id]);
    expect(found('yerinden')).toEqual([]);
    expect(db.prepare('SELECT server_version FROM cases WHERE id = ?').pluck().get(id)).toBe(5);
  });

  it('stores a masked T.C. kimlik no only as the whole number it has behind that mask, else none, and never masks the citizen', () => {
    // The server masks it for roles that may not see it whole (server/auth/permissions.ts).
    const masked = (tc: string) => `${tc.slice(0, 3)}******${tc.slice(-2)}`;
    const tcOf = (id: number) => db.prepare('SELECT tc_kimlik_no FROM cases WHERE id = ?').pluck().get(id);
    const citizenTc = (phone: string) => findCitizenByPhone(db, phone, { revealTcKimlikNo: true })?.tcKimlikNo;

    const other = serverCase({ tcKimlikNo: masked(TC_B) });
    applyPulledChanges(db, [change('create', other, OTHER_DESK)], '1', own, NOW);
    expect(tcOf(idOf(other.applicationNo)!)).toBeNull();
    expect(citizenTc(other.phone!)).toBeNull();

    const mine = insertCase(db, preparedCase({ tcKimlikNo: TC_B }), { now: T0, actor: ACTOR, securityCode: 'K7M2P9RT' });
    const pulled = (version: number, tcKimlikNo: string) =>
      change('workflow', serverCase({ applicationNo: mine.applicationNo, phone: mine.phone, createdAt: mine.createdAt, tcKimlikNo, version }), null, {
        action: 'assign',
      });
    applyPulledChanges(db, [pulled(2, masked(TC_B))], '2', own, NOW);
    expect(tcOf(mine.id)).toBe(TC_B);
    expect(citizenTc(mine.phone!)).toBe(TC_B);
    // Someone who may see it whole changed it: the mask no longer fits what this desk has.
    applyPulledChanges(db, [pulled(3, masked(TC_A))], '3', own, NOW);
    expect(tcOf(mine.id)).toBeNull();
    expect(citizenTc(mine.phone!)).toBe(TC_B);
  });

  it('never goes back to an older version', () => {
    const c = serverCase({ status: 'in-progress', version: 5 });
    applyPulledChanges(db, [change('create', c, OTHER_DESK)], '1', own, NOW);
    const id = idOf(c.applicationNo)!;
    const { changedCaseIds } = applyPulledChanges(
      db,
      [change('create', { ...c, status: 'forwarded', description: 'eski metin', version: 2 }, own)],
      '2',
      own,
      NOW,
    );
    expect(changedCaseIds).toEqual([]);
    expect(getCase(db, id, NOW)).toMatchObject({ status: 'in-progress', description: c.description });
    expect(db.prepare('SELECT server_version FROM cases WHERE id = ?').pluck().get(id)).toBe(5);
    expect(readCursor(db)).toBe('2');
  });

  it('stores neither cases nor cursor when the batch fails midway', () => {
    applyPulledChanges(db, [change('create', serverCase(), OTHER_DESK)], '5', own, NOW);
    const before = countCases(db);
    const good = serverCase({ applicationNo: 'DK7QXM-2025-0000002-3', description: 'yepyeni olay' });
    // Not a type the schema allows: the insert fails after the first case went in.
    const bad = serverCase({ applicationNo: 'DK7QXM-2025-0000003-2', type: 'nonsense' as PulledCase['type'] });
    expect(() =>
      applyPulledChanges(db, [change('create', good, OTHER_DESK), change('create', bad, OTHER_DESK)], '9', own, minutesAfter(999)),
    ).toThrow(/CHECK/);
    expect(countCases(db)).toBe(before);
    expect(idOf(good.applicationNo)).toBeUndefined();
    expect(found('yepyeni')).toEqual([]);
    expect(readCursor(db)).toBe('5');
    expect(readLastSyncAt(db)).toBe(NOW.toISOString());
  });

  it('stores the cursor of an empty page, and spends a reserved number the server gave to a case', () => {
    const reserved = formatApplicationNo(2025, 77);
    addReservedNumbers(db, [reserved]);
    expect(applyPulledChanges(db, [], '3', own, NOW)).toEqual({ changedCaseIds: [] });
    expect(readCursor(db)).toBe('3');
    applyPulledChanges(db, [change('create', serverCase({ applicationNo: reserved }), OTHER_DESK)], '4', own, NOW);
    expect(reservedNumberCount(db, 2025)).toBe(0);
  });

  // Volume for correctness across pages (creates, then notes and workflow changes of the same
  // cases); how fast a 100 000-change pull goes is bench/syncServer.bench.ts's question.
  it('applies pages of 1000 changes: every case once, every other desk\'s change in the history, the cursor last', () => {
    const cases = 2_000;
    for (let batch = 0; batch < 10; batch++) {
      const page: PulledChange[] = [];
      for (let i = 0; i < 1000; i++) {
        const n = batch * 1000 + i;
        const k = n % cases;
        page.push(
          change(n < cases ? 'create' : n % 2 === 0 ? 'note' : 'workflow', serverCase({
            applicationNo: formatApplicationNo(2025, k + 1, 'DK7QXM'),
            phone: `90555${String(k % 5000).padStart(7, '0')}`,
            description: `Olay ${k}: kaldırım bozuk, sürüm ${Math.floor(n / cases)}.`,
            status: n < cases ? 'forwarded' : 'in-progress',
            version: Math.floor(n / cases) + 1,
          }), OTHER_DESK, { text: `not ${n}` }),
        );
      }
      applyPulledChanges(db, page, String((batch + 1) * 1000), own, NOW);
    }
    expect(countCases(db)).toBe(cases);
    expect(readCursor(db)).toBe('10000');
    expect(db.prepare('SELECT count(*) FROM case_events').pluck().get()).toBe(10_000);
    expect(found('surum 4').length).toBeGreaterThan(0);
  });
});
