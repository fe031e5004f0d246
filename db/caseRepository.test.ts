import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatApplicationNo, parseApplicationNo } from '../core/applicationNumber.js';
import {
  appendNote,
  CaseNotFoundError,
  caseEvents,
  caseRepositorySql,
  casesByPhone,
  countCases,
  countCasesByPhone,
  findCitizenByPhone,
  getCase,
  insertCase,
  listCases,
  openCasesByPhone,
  recentCasesByPhone,
  verifySecurityCode,
} from './caseRepository.js';
import { saveDraft, latestDraft } from './draftRepository.js';
import { openDatabase } from './openDatabase.js';
import { deskIdentity } from './syncMeta.js';
import {
  ACTOR,
  minutesAfter,
  preparedCase,
  queryPlan,
  T0,
  TC_A,
  tempStore,
} from './testSupport.js';

let store: ReturnType<typeof tempStore>;
let db: Database;

beforeEach(() => {
  store = tempStore();
  db = store.open();
});

afterEach(() => store.close());

const ctx = (now = T0, securityCode = 'K7M2P9RT') => ({ now, actor: ACTOR, securityCode });
/** This desk's provisional number (no numbers reserved by the server in these tests). */
const provisional = (sequence: number, year = 2025) => formatApplicationNo(year, sequence, deskIdentity(db).prefix);

describe('insertCase', () => {
  it('stores the case as prepared and returns it', () => {
    const saved = insertCase(
      db,
      preparedCase({ tcKimlikNo: TC_A, address: { district: 'Kadıköy', neighbourhood: 'Moda', street: 'Çınar Sk.', detail: 'No 14' } }),
      ctx(),
    );
    expect(saved).toEqual({
      id: expect.any(Number),
      applicationNo: provisional(1),
      type: 'complaint',
      subject: 'Sokak lambası yanmıyor',
      subjectCode: 'aydinlatma',
      channel: 'phone',
      priority: 'normal',
      confidential: false,
      urgent: false,
      status: 'forwarded',
      unitCode: 'fen-isleri',
      description: 'Çınar Sokak 14 önündeki direk üç gündür yanmıyor.',
      resolution: null,
      firstContactResolution: false,
      phone: '905321112233',
      citizenName: 'Ali Vatandaş',
      tcKimlikNo: '100******46',
      address: { district: 'Kadıköy', neighbourhood: 'Moda', street: 'Çınar Sk.', detail: 'No 14' },
      linkedid: '1741593600.42',
      incidentId: null,
      attachmentCount: 0,
      createdAt: '2025-03-10T08:00:00.000Z',
      updatedAt: '2025-03-10T08:00:00.000Z',
      dueAt: '2025-03-13T14:30:00.000Z',
      sla: 'on-time',
    });
    expect(listCases(db, 10, T0)).toEqual([saved]);
    expect(getCase(db, saved.id, T0)).toEqual(saved);
    expect(countCases(db)).toBe(1);
  });

  it('masks the T.C. kimlik no unless getCase is asked to reveal it', () => {
    const saved = insertCase(db, preparedCase({ tcKimlikNo: TC_A }), ctx());
    expect(saved.tcKimlikNo).toBe('100******46');
    expect(casesByPhone(db, '905321112233', 5, T0)[0]?.tcKimlikNo).toBe('100******46');
    expect(getCase(db, saved.id, T0, { revealTcKimlikNo: true })?.tcKimlikNo).toBe(TC_A);
    expect(getCase(db, saved.id, T0, { revealTcKimlikNo: false })?.tcKimlikNo).toBe('100******46');
  });

  it('computes sla from due_at, status and now', () => {
    const forwarded = insertCase(db, preparedCase({}, { dueAt: minutesAfter(60 * 48) }), ctx());
    const closed = insertCase(db, preparedCase({ outcome: 'resolved' }), ctx());
    expect(getCase(db, forwarded.id, T0)?.sla).toBe('on-time');
    expect(getCase(db, forwarded.id, minutesAfter(60 * 30))?.sla).toBe('due-soon');
    expect(getCase(db, forwarded.id, minutesAfter(60 * 49))?.sla).toBe('overdue');
    expect(getCase(db, closed.id, minutesAfter(60 * 49))?.sla).toBe('done');
  });

  it('creates the citizen with name, T.C. no and address, and keeps what a later case leaves out', () => {
    const address = { district: 'Üsküdar', neighbourhood: null, street: null, detail: null };
    insertCase(db, preparedCase({ citizenName: 'Ali V.', tcKimlikNo: TC_A, address }), ctx());
    const first = findCitizenByPhone(db, '905321112233', { revealTcKimlikNo: true });
    expect(first).toEqual({ id: expect.any(Number), phone: '905321112233', name: 'Ali V.', tcKimlikNo: TC_A, address });

    insertCase(db, preparedCase({ citizenName: 'Ali Vatandaş' }), ctx(minutesAfter(5)));
    expect(findCitizenByPhone(db, '905321112233', { revealTcKimlikNo: true })).toEqual({ ...first, name: 'Ali Vatandaş' });
    expect(findCitizenByPhone(db, '905321112233')?.tcKimlikNo).toBe('100******46');

    insertCase(db, preparedCase({ citizenName: null }), ctx(minutesAfter(10)));
    expect(findCitizenByPhone(db, '905321112233')?.name).toBe('Ali Vatandaş');
    expect(db.prepare('SELECT count(*) FROM citizens').pluck().get()).toBe(1);
  });

  it('treats 0532…, 90532… and +90 532… as one caller', () => {
    const a = insertCase(db, preparedCase({ phone: '905321112233' }), ctx());
    const b = insertCase(db, preparedCase({ phone: '05321112233' }), ctx(minutesAfter(1)));
    const c = insertCase(db, preparedCase({ phone: '+90 532 111 22 33' }), ctx(minutesAfter(2)));
    expect(db.prepare('SELECT count(*) FROM citizens').pluck().get()).toBe(1);
    for (const phone of ['905321112233', '05321112233', '5321112233', '+90 (532) 111 22 33']) {
      expect(casesByPhone(db, phone, 10, T0).map((x) => x.id)).toEqual([c.id, b.id, a.id]);
      expect(findCitizenByPhone(db, phone)?.phone).toBe('905321112233');
    }
  });

  it('records a case without a phone and without a citizen', () => {
    const saved = insertCase(db, preparedCase({ phone: null, citizenName: null }), ctx());
    expect(saved.phone).toBeNull();
    expect(db.prepare('SELECT citizen_id FROM cases WHERE id = ?').pluck().get(saved.id)).toBeNull();
    expect(db.prepare('SELECT count(*) FROM citizens').pluck().get()).toBe(0);
  });

  it('writes a created event with what was decided, then forwarded with the unit', () => {
    const saved = insertCase(db, preparedCase(), ctx());
    const citizenId = findCitizenByPhone(db, '905321112233')!.id;
    expect(caseEvents(db, saved.id)).toEqual([
      {
        at: '2025-03-10T08:00:00.000Z',
        actor: ACTOR,
        kind: 'created',
        detail: {
          applicationNo: provisional(1),
          citizenId,
          linkedid: '1741593600.42',
          type: 'complaint',
          subjectCode: 'aydinlatma',
          channel: 'phone',
          priority: 'normal',
          confidential: false,
          urgent: false,
          status: 'forwarded',
          unitCode: 'fen-isleri',
          firstContactResolution: false,
          dueAt: '2025-03-13T14:30:00.000Z',
        },
      },
      { at: '2025-03-10T08:00:00.000Z', actor: ACTOR, kind: 'forwarded', detail: { unitCode: 'fen-isleri' } },
    ]);
  });

  it('closes a case answered on the call (first-contact resolution)', () => {
    const saved = insertCase(
      db,
      preparedCase({ outcome: 'resolved', resolution: 'Kesinti 17.00’de bitecek.' }),
      ctx(),
    );
    expect(saved).toMatchObject({ status: 'closed', firstContactResolution: true, resolution: 'Kesinti 17.00’de bitecek.', sla: 'done' });
    const events = caseEvents(db, saved.id);
    expect(events.map((e) => e.kind)).toEqual(['created', 'closed']);
    expect(events[1]?.detail).toEqual({ firstContactResolution: true, resolution: 'Kesinti 17.00’de bitecek.' });
  });

  it('deletes the draft the case was written in, in the same transaction', () => {
    const draftId = '3f1c2a4e-8b7d-4c1a-9e2f-0a1b2c3d4e5f';
    saveDraft(db, { draftId, content: '{"subject":"Sokak"}', linkedid: null }, T0);
    expect(latestDraft(db)?.draftId).toBe(draftId);
    insertCase(db, preparedCase({ draftId }), ctx(minutesAfter(1)));
    expect(latestDraft(db)).toBeNull();
  });

  it('leaves nothing behind when the transaction fails midway', () => {
    const draftId = '3f1c2a4e-8b7d-4c1a-9e2f-0a1b2c3d4e5f';
    saveDraft(db, { draftId, content: '{}', linkedid: null }, T0);
    // Fails the last event of insertCase, after the citizen, the number, the case and 'created'.
    db.exec(`
      CREATE TEMP TRIGGER fail_outcome_event BEFORE INSERT ON main.case_events
      WHEN NEW.kind = 'forwarded'
      BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;`);

    expect(() => insertCase(db, preparedCase({ draftId }), ctx())).toThrow(/disk on fire/);
    expect(countCases(db)).toBe(0);
    expect(findCitizenByPhone(db, '905321112233')).toBeNull();
    expect(db.prepare('SELECT count(*) FROM case_events').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM application_sequences').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM cases_fts').pluck().get()).toBe(0);
    expect(latestDraft(db)?.draftId).toBe(draftId);

    // The connection is usable afterwards and the same input goes through once the cause is gone.
    db.exec('DROP TRIGGER temp.fail_outcome_event');
    expect(insertCase(db, preparedCase({ draftId }), ctx()).applicationNo).toBe(provisional(1));
    expect(countCases(db)).toBe(1);
  });

  it('round-trips Turkish text', () => {
    const text = 'ğüşıöçİ ĞÜŞIÖÇ — Şehitler Caddesi’nde çukur; İçişleri, ılık, Ilgaz';
    const saved = insertCase(
      db,
      preparedCase({ subject: text, description: `${text}\nikinci satır`, citizenName: 'İbrahim Işık' }),
      ctx(),
    );
    db.close();
    db = store.open();
    const [reloaded] = casesByPhone(db, '905321112233', 1, T0);
    expect(reloaded).toEqual(saved);
    expect(reloaded?.subject).toBe(text);
    expect(findCitizenByPhone(db, '905321112233')?.name).toBe('İbrahim Işık');
  });

  it('keeps cases and events after the file is closed and opened again', () => {
    const a = insertCase(db, preparedCase({ outcome: 'resolved' }), ctx());
    const b = insertCase(db, preparedCase({ phone: '905427654321' }), ctx(minutesAfter(1)));
    db.close();

    db = store.open();
    expect(listCases(db, 10, T0)).toEqual([b, a]);
    expect(caseEvents(db, a.id).map((e) => e.kind)).toEqual(['created', 'closed']);
    expect(countCases(db)).toBe(2);
  });
});

describe('application numbers', () => {
  it('run 1, 2, 3, … per Istanbul year, restarting at the year boundary', () => {
    const numbers = [
      // 20:59 UTC on 31 December is 23:59 in Istanbul: still 2024.
      insertCase(db, preparedCase(), ctx(new Date('2024-12-31T20:59:00.000Z'))),
      // 21:00 UTC is midnight in Istanbul: 2025 begins.
      insertCase(db, preparedCase(), ctx(new Date('2024-12-31T21:00:00.000Z'))),
      insertCase(db, preparedCase(), ctx(new Date('2025-06-01T10:00:00.000Z'))),
      insertCase(db, preparedCase(), ctx(new Date('2024-12-31T20:59:30.000Z'))),
    ].map((c) => c.applicationNo);
    expect(numbers).toEqual([provisional(1, 2024), provisional(1), provisional(2), provisional(2, 2024)]);
    const prefix = deskIdentity(db).prefix;
    expect(numbers.map((n) => parseApplicationNo(n))).toEqual([
      { prefix, year: 2024, sequence: 1 },
      { prefix, year: 2025, sequence: 1 },
      { prefix, year: 2025, sequence: 2 },
      { prefix, year: 2024, sequence: 2 },
    ]);
  });

  it('stay unique and gapless when two connections insert in turn', () => {
    const other = store.open();
    const inserted: string[] = [];
    for (let i = 0; i < 100; i++) {
      const conn = i % 2 === 0 ? db : other;
      inserted.push(insertCase(conn, preparedCase({ phone: `90532000${String(i).padStart(4, '0')}` }), ctx(minutesAfter(i))).applicationNo);
    }
    const sequences = inserted.map((n) => parseApplicationNo(n)!.sequence);
    expect(sequences).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(new Set(inserted).size).toBe(100);
    expect(db.prepare('SELECT count(DISTINCT application_no) FROM cases').pluck().get()).toBe(100);
    expect(() =>
      db.prepare(`UPDATE cases SET application_no = ? WHERE id = 2`).run(inserted[0]),
    ).toThrow(/UNIQUE/);
  });
});

describe('security codes', () => {
  it('are stored only as salt$hash, and verify against the application number', () => {
    const a = insertCase(db, preparedCase(), ctx(T0, 'K7M2P9RT'));
    const b = insertCase(db, preparedCase(), ctx(T0, 'K7M2P9RT'));
    const stored = db.prepare<[], string>('SELECT security_code_hash FROM cases ORDER BY id').pluck().all();
    expect(stored[0]).toMatch(/^[0-9a-f]{32}\$[0-9a-f]{64}$/);
    // Per-case salt: the same code gives two different hashes.
    expect(stored[0]).not.toBe(stored[1]);
    const everything = JSON.stringify(db.prepare('SELECT * FROM cases').all()) + JSON.stringify(db.prepare('SELECT * FROM case_events').all());
    expect(everything).not.toContain('K7M2P9RT');

    expect(verifySecurityCode(db, a.applicationNo, 'K7M2P9RT')).toBe(true);
    expect(verifySecurityCode(db, b.applicationNo, 'K7M2P9RT')).toBe(true);
    // As citizens type it: spaces and lower case in both.
    expect(verifySecurityCode(db, `${deskIdentity(db).prefix.toLowerCase()}-2025 0000001 4`, 'k7m2 p9rt')).toBe(true);
    expect(verifySecurityCode(db, a.applicationNo, 'K7M2P9RX')).toBe(false);
    expect(verifySecurityCode(db, a.applicationNo, '')).toBe(false);
    expect(verifySecurityCode(db, provisional(9), 'K7M2P9RT')).toBe(false);
    expect(verifySecurityCode(db, '2025-0000001-4', 'K7M2P9RT')).toBe(false);
    expect(verifySecurityCode(db, 'not a number', 'K7M2P9RT')).toBe(false);
  });
  it('take a precomputed salt$hash instead of hashing the code again', () => {
    const hash = `${'a'.repeat(32)}$${'b'.repeat(64)}`;
    const saved = insertCase(db, preparedCase(), { now: T0, actor: ACTOR, securityCode: '', securityCodeHash: hash });
    expect(db.prepare('SELECT security_code_hash FROM cases WHERE id = ?').pluck().get(saved.id)).toBe(hash);
  });
});

describe('listCases, casesByPhone and recentCasesByPhone', () => {
  it('list newest first, ties broken by id, up to the limit', () => {
    const early = insertCase(db, preparedCase(), ctx(T0));
    const tieA = insertCase(db, preparedCase({ phone: '905427654321' }), ctx(minutesAfter(10)));
    const tieB = insertCase(db, preparedCase(), ctx(minutesAfter(10)));
    const late = insertCase(db, preparedCase({ phone: '905427654321' }), ctx(minutesAfter(20)));

    expect(listCases(db, 10, T0).map((c) => c.id)).toEqual([late.id, tieB.id, tieA.id, early.id]);
    expect(listCases(db, 2, T0).map((c) => c.id)).toEqual([late.id, tieB.id]);
    expect(casesByPhone(db, '905321112233', 10, T0).map((c) => c.id)).toEqual([tieB.id, early.id]);
    expect(casesByPhone(db, '905427654321', 1, T0).map((c) => c.id)).toEqual([late.id]);
    expect(casesByPhone(db, '900000000000', 10, T0)).toEqual([]);
    expect(casesByPhone(db, 'anonymous', 10, T0)).toEqual([]);
  });

  it('recentCasesByPhone returns the caller’s cases since the given instant', () => {
    const old = insertCase(db, preparedCase(), ctx(T0));
    const recent = insertCase(db, preparedCase(), ctx(minutesAfter(60 * 24 * 6)));
    insertCase(db, preparedCase({ phone: '905427654321' }), ctx(minutesAfter(60 * 24 * 6)));
    const now = minutesAfter(60 * 24 * 7);
    const since = new Date(now.getTime() - 3 * 24 * 3600_000);
    expect(recentCasesByPhone(db, '0532 111 22 33', since, now).map((c) => c.id)).toEqual([recent.id]);
    expect(recentCasesByPhone(db, '905321112233', T0, now).map((c) => c.id)).toEqual([recent.id, old.id]);
    expect(recentCasesByPhone(db, '905551234567', T0, now)).toEqual([]);
  });

  it('refuses a negative limit instead of reading it as "no limit"', () => {
    expect(() => listCases(db, -1, T0)).toThrow(RangeError);
    expect(() => casesByPhone(db, '905321112233', 1.5, T0)).toThrow(RangeError);
    expect(() => casesByPhone(db, '905321112233', 5, T0, -5)).toThrow(RangeError);
  });

  it('pages through a caller’s history, newest first, with the count of all and of the open ones', () => {
    // Oldest first: closed, forwarded (open), closed, closed, in progress (open).
    const statuses = ['closed', 'forwarded', 'closed', 'closed', 'in-progress'] as const;
    const made = statuses.map((status, i) =>
      insertCase(db, preparedCase({ outcome: status === 'closed' ? 'resolved' : 'forwarded' }, { status }), ctx(minutesAfter(i))),
    );
    insertCase(db, preparedCase({ phone: '905427654321' }), ctx(minutesAfter(9)));
    const newestFirst = made.map((c) => c.id).reverse();

    expect(casesByPhone(db, '0532 111 22 33', 2, T0, 0).map((c) => c.id)).toEqual(newestFirst.slice(0, 2));
    expect(casesByPhone(db, '0532 111 22 33', 2, T0, 2).map((c) => c.id)).toEqual(newestFirst.slice(2, 4));
    expect(casesByPhone(db, '0532 111 22 33', 2, T0, 4).map((c) => c.id)).toEqual(newestFirst.slice(4));
    expect(openCasesByPhone(db, '+90 532 111 22 33', 10, T0).map((c) => c.status)).toEqual(['in-progress', 'forwarded']);
    expect(openCasesByPhone(db, '905321112233', 1, T0).map((c) => c.id)).toEqual([made[4]!.id]);
    expect(countCasesByPhone(db, '05321112233')).toEqual({ all: 5, open: 2 });
    expect(countCasesByPhone(db, '905551234567')).toEqual({ all: 0, open: 0 });
    expect(countCasesByPhone(db, 'anonymous')).toEqual({ all: 0, open: 0 });
    expect(openCasesByPhone(db, 'anonymous', 10, T0)).toEqual([]);
  });
});

describe('appendNote', () => {
  it('adds a note event and moves updated_at; a closed case stays closed', () => {
    const closed = insertCase(db, preparedCase({ outcome: 'resolved' }), ctx());
    const noted = appendNote(db, closed.id, 'Vatandaş tekrar aradı: lamba yine yanmıyor.', {
      now: minutesAfter(90),
      actor: 'PJSIP/1002',
      linkedid: '1741599000.7',
    });
    expect(noted).toEqual({ ...closed, updatedAt: minutesAfter(90).toISOString() });
    expect(noted.status).toBe('closed');

    appendNote(db, closed.id, 'Üçüncü arama.', { now: minutesAfter(120), actor: ACTOR, linkedid: null });
    const history = caseEvents(db, closed.id);
    expect(history.map((e) => e.kind)).toEqual(['created', 'closed', 'note', 'note']);
    expect(history[2]).toEqual({
      at: minutesAfter(90).toISOString(),
      actor: 'PJSIP/1002',
      kind: 'note',
      detail: { text: 'Vatandaş tekrar aradı: lamba yine yanmıyor.', linkedid: '1741599000.7' },
    });
    expect(history[3]?.detail).toEqual({ text: 'Üçüncü arama.', linkedid: null });
  });

  it('throws CaseNotFoundError for an unknown case and writes nothing', () => {
    expect(() => appendNote(db, 999, 'x', { now: T0, actor: ACTOR, linkedid: null })).toThrow(CaseNotFoundError);
    expect(db.prepare('SELECT count(*) FROM case_events').pluck().get()).toBe(0);
  });
});

describe('query plans', () => {
  it('casesByPhone searches the citizen and case indexes without sorting', () => {
    const plan = queryPlan(db, caseRepositorySql.casesByPhone, { phoneKey: '5321112233', limit: 5, offset: 0 });
    expect(plan).toMatch(/SEARCH c USING INDEX cases_citizen_id_created_at \(citizen_id=\?\)/);
    expect(plan).toMatch(/SEARCH citizens USING COVERING INDEX sqlite_autoindex_citizens_1 \(phone_key=\?\)/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    expect(plan).not.toMatch(/SCAN/);
  });

  it('the repeat-call query searches the same index with the time range', () => {
    const plan = queryPlan(db, caseRepositorySql.recentCasesByPhone, { phoneKey: '5321112233', since: T0.toISOString(), limit: 5 });
    expect(plan).toMatch(/SEARCH c USING INDEX cases_citizen_id_created_at \(citizen_id=\? AND created_at>\?\)/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    expect(plan).not.toMatch(/SCAN/);
  });

  it('a caller’s open cases and their count come from the open-case index, not from their closed rows', () => {
    const open = queryPlan(db, caseRepositorySql.openCasesByPhone, { phoneKey: '5321112233', limit: 5 });
    expect(open).toMatch(/SEARCH c USING INDEX cases_citizen_open \(citizen_id=\?\)/);
    expect(open).not.toMatch(/TEMP B-TREE/);
    const counts = queryPlan(db, caseRepositorySql.countCasesByPhone, { phoneKey: '5321112233' });
    // Open cases are counted by reading their rows only (a few), never the caller's closed ones.
    expect(counts).toMatch(/SEARCH c USING INDEX cases_citizen_open \(citizen_id=\?\)/);
    expect(counts).toMatch(/SEARCH c USING COVERING INDEX cases_citizen_id_created_at \(citizen_id=\?\)/);
    expect(counts).not.toMatch(/SCAN/);
  });

  it('listCases reads the created_at index in order without sorting', () => {
    const plan = queryPlan(db, caseRepositorySql.listCases, { limit: 5 });
    expect(plan).toMatch(/SCAN c USING INDEX cases_created_at/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });

  it('the attachment count of each row is an index search', () => {
    const plan = queryPlan(db, caseRepositorySql.getCase, { id: 1 });
    expect(plan).toMatch(/SEARCH c USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    expect(plan).toMatch(/SEARCH a USING COVERING INDEX attachments_case_id \(case_id=\?\)/);
  });

  it('the security code lookup uses the application number index', () => {
    const plan = queryPlan(db, caseRepositorySql.securityCodeHash, { applicationNo: '2025-0000001-4' });
    expect(plan).toMatch(/SEARCH cases USING INDEX sqlite_autoindex_cases_1 \(application_no=\?\)/);
  });
});

describe('case_events', () => {
  it('is append-only: UPDATE and DELETE are rejected', () => {
    const saved = insertCase(db, preparedCase(), ctx());
    appendNote(db, saved.id, 'not', { now: minutesAfter(1), actor: ACTOR, linkedid: null });
    expect(() => db.prepare(`UPDATE case_events SET actor = 'someone else'`).run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM case_events').run()).toThrow(/append-only/);
    expect(caseEvents(db, saved.id)).toHaveLength(3);
    expect(caseEvents(db, saved.id)[0]?.actor).toBe(ACTOR);
  });

  it('refuses events for a case that does not exist', () => {
    expect(() =>
      db
        .prepare(
          `INSERT INTO case_events (case_id, at, actor, kind) VALUES (999, '2025-01-01T00:00:00.000Z', 'x', 'created')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });
});

describe('statement cache', () => {
  it('prepares each statement once per database', () => {
    insertCase(db, preparedCase(), ctx());
    appendNote(db, 1, 'x', { now: T0, actor: ACTOR, linkedid: null });
    findCitizenByPhone(db, '905321112233');
    recentCasesByPhone(db, '905321112233', T0, T0);
    const prepare = db.prepare.bind(db);
    let prepared = 0;
    db.prepare = ((sql: string) => {
      prepared += 1;
      return prepare(sql);
    }) as typeof db.prepare;
    insertCase(db, preparedCase(), ctx(minutesAfter(1)));
    listCases(db, 5, T0);
    casesByPhone(db, '905321112233', 5, T0);
    recentCasesByPhone(db, '905321112233', T0, T0);
    findCitizenByPhone(db, '905321112233');
    getCase(db, 1, T0);
    appendNote(db, 1, 'y', { now: T0, actor: ACTOR, linkedid: null });
    countCases(db);
    expect(prepared).toBe(0);
  });

  it('keeps statements apart per database', () => {
    const other = openDatabase(':memory:');
    try {
      insertCase(db, preparedCase(), ctx());
      expect(countCases(other)).toBe(0);
      expect(listCases(other, 5, T0)).toEqual([]);
    } finally {
      other.close();
    }
  });
});
