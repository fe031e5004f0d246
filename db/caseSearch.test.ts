import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatApplicationNo } from '../core/applicationNumber.js';
import { CaseSearchQuery } from '../core/case.js';
import type { CaseRecord, CaseSearchFilters, CaseStatus } from '../core/case.js';
import { slaState } from '../core/sla.js';
import { getCase, insertCase } from './caseRepository.js';
import { caseSearchSql, parseSearchText, searchCases } from './caseSearch.js';
import { facetToken } from './searchTokens.js';
import { ACTOR, minutesAfter, preparedCase, queryPlan, T0, TC_A, TC_B, tempStore } from './testSupport.js';

let store: ReturnType<typeof tempStore>;
let db: Database;
const c: Record<string, CaseRecord> = {};

const NOW = minutesAfter(60 * 24 * 3);

function search(text: string, filters: Partial<CaseSearchFilters> = {}, page: { offset?: number; limit?: number } = {}) {
  return searchCases(db, CaseSearchQuery.parse({ text, filters, ...page }), NOW);
}
const ids = (text: string, filters: Partial<CaseSearchFilters> = {}) => search(text, filters).rows.map((r) => r.id);
const idsOf = (...names: string[]) => names.map((n) => c[n]!.id);

beforeAll(() => {
  store = tempStore();
  db = store.open();
  const add = (name: string, at: Date, ...args: Parameters<typeof preparedCase>) => {
    c[name] = insertCase(db, preparedCase(...args), { now: at, actor: ACTOR, securityCode: 'ABCD2345' });
  };
  // In recording order; ids ascend with it.
  add('light', T0, { subject: 'Işıklandırma arızası', description: 'Parktaki lambalar yanmıyor.', citizenName: 'Ayşe Yılmaz', phone: '905321112233', tcKimlikNo: TC_A, subjectCode: 'aydinlatma' }, { unitCode: 'fen-isleri', dueAt: minutesAfter(60 * 24 * 10) });
  add('izmit', minutesAfter(10), { subject: 'Otobüs seferi', description: 'İzmit yönüne giden 12 numaralı hat gelmedi.', citizenName: 'Mehmet Öztürk', phone: '05427654321', subjectCode: 'ulasim', channel: 'whatsapp' }, { unitCode: 'ulasim-daire', dueAt: minutesAfter(60 * 24 * 3 + 60 * 5) });
  add('curb', minutesAfter(20), { subject: 'Kaldırım bozuk', description: 'Şehitler Caddesi’nde kaldırım taşları kırık; yaşlılar düşüyor.', citizenName: 'İbrahim Işık', phone: '+90 505 999 88 77', tcKimlikNo: TC_B, subjectCode: 'yol-kaldirim' }, { unitCode: 'fen-isleri', dueAt: minutesAfter(60 * 24 * 2) });
  add('water', minutesAfter(30), { outcome: 'resolved', subject: 'Su kesintisi bilgisi', description: 'Planlı kesinti saat 17.00’de bitecek.', citizenName: 'Fatma Şahin', phone: '902125550142', subjectCode: 'su' });
  add('noPhone', minutesAfter(40), { subject: 'Park bankı kırık', description: 'Moda sahilindeki bank kırık.', citizenName: null, phone: null, channel: 'walk-in', subjectCode: 'park-bahce' }, { unitCode: 'park-bahceler', dueAt: null, status: 'new' });
  add('rejected', minutesAfter(50), { subject: 'Kaldırım işgali', description: 'Dükkan önüne masa koymuşlar.', phone: '905321112233', citizenName: 'Ayşe Yılmaz', subjectCode: 'zabita' }, { unitCode: 'zabita', status: 'rejected', dueAt: minutesAfter(60) });
  // 21:30 UTC on 12 March is already 13 March in Istanbul.
  add('lateNight', new Date('2025-03-12T21:30:00.000Z'), { subject: 'Gürültü şikâyeti', description: 'Gece yarısı inşaat çalışması.', phone: '905321112233', citizenName: 'Ayşe Yılmaz', subjectCode: 'zabita' }, { unitCode: 'zabita', dueAt: minutesAfter(60 * 24 * 3 - 30) });
});

afterAll(() => store.close());

describe('parseSearchText', () => {
  it('recognises whole application numbers, phones and T.C. kimlik numbers', () => {
    expect(parseSearchText('')).toEqual({ kind: 'all' });
    expect(parseSearchText('  ')).toEqual({ kind: 'all' });
    expect(parseSearchText('2025-0000001-4')).toEqual({ kind: 'applicationNo', applicationNo: '2025-0000001-4' });
    expect(parseSearchText('2025 0000001 4')).toEqual({ kind: 'applicationNo', applicationNo: '2025-0000001-4' });
    expect(parseSearchText('202500000014')).toEqual({ kind: 'applicationNo', applicationNo: '2025-0000001-4' });
    expect(parseSearchText('0532 111 22 33')).toEqual({ kind: 'phone', phoneKey: '5321112233' });
    expect(parseSearchText('+90 (532) 111-22-33')).toEqual({ kind: 'phone', phoneKey: '5321112233' });
    expect(parseSearchText('5321112233')).toEqual({ kind: 'phone', phoneKey: '5321112233' });
    expect(parseSearchText(TC_A)).toEqual({ kind: 'tcKimlikNo', tcKimlikNo: TC_A });
  });

  it('takes digits that start with a year for the start of an application number', () => {
    expect(parseSearchText('20250000001')).toEqual({ kind: 'applicationNoPrefix', prefix: '2025-0000001' });
    expect(parseSearchText('2025000')).toEqual({ kind: 'words', words: [['2025000']] });
    expect(parseSearchText('20250000')).toEqual({ kind: 'applicationNoPrefix', prefix: '2025-0000' });
    // A valid T.C. kimlik no that happens to start with 20 stays one.
    expect(parseSearchText('20000000046')).toEqual({ kind: 'tcKimlikNo', tcKimlikNo: '20000000046' });
    // Phone numbers never start with 20.
    expect(parseSearchText('0212 555 01 42')).toEqual({ kind: 'phone', phoneKey: '2125550142' });
  });

  it('turns anything else into folded words', () => {
    expect(parseSearchText('Işıklandırma İZMİT')).toEqual({ kind: 'words', words: [['isiklandirma'], ['izmit']] });
    expect(parseSearchText('0532 111')).toEqual({ kind: 'words', words: [['0532111', '532111']] });
    expect(parseSearchText('2025-00000')).toEqual({ kind: 'words', words: [['2025'], ['00000', '0000']] });
    expect(parseSearchText('A blok a')).toEqual({ kind: 'words', words: [['a'], ['blok']] });
  });

  it('keeps only letters and digits, so no FTS5 syntax gets through', () => {
    expect(parseSearchText('"kaldırım" OR NEAR(a b) -x: *')).toEqual({
      kind: 'words',
      words: [['kaldirim'], ['or'], ['near'], ['a'], ['b'], ['x']],
    });
    expect(parseSearchText('"*:^-()')).toEqual({ kind: 'all' });
    expect(parseSearchText('\uE000s6e6577')).toEqual({ kind: 'words', words: [['s6e6577']] });
  });
});

describe('searchCases: text', () => {
  it('folds Turkish on both sides', () => {
    expect(ids('isiklandirma')).toEqual(idsOf('light'));
    expect(ids('IŞIKLANDIRMA')).toEqual(idsOf('light'));
    expect(ids('IZMIT')).toEqual(idsOf('izmit'));
    expect(ids('izmit')).toEqual(idsOf('izmit'));
    expect(ids('şehitler')).toEqual(idsOf('curb'));
    expect(ids('sehitler caddesi')).toEqual(idsOf('curb'));
    expect(ids('gurultu sikayeti')).toEqual(idsOf('lateNight'));
  });

  it('matches word prefixes, all words required, newest first', () => {
    expect(ids('kaldır')).toEqual(idsOf('rejected', 'curb'));
    expect(ids('kaldır taş')).toEqual(idsOf('curb'));
    expect(ids('kaldır lamba')).toEqual([]);
    expect(ids('lamba')).toEqual(idsOf('light'));
  });

  it('finds a citizen by name', () => {
    expect(ids('ayse yilmaz')).toEqual(idsOf('lateNight', 'rejected', 'light'));
    expect(ids('İBRAHİM IŞIK')).toEqual(idsOf('curb'));
    expect(ids('ozturk')).toEqual(idsOf('izmit'));
  });

  it('finds a case by its application number, however it is typed, through the unique index', () => {
    const no = c.curb!.applicationNo;
    expect(ids(no)).toEqual(idsOf('curb'));
    expect(ids(no.replace(/-/g, ' '))).toEqual(idsOf('curb'));
    expect(ids(no.replace(/-/g, ''))).toEqual(idsOf('curb'));
    // Without its check digit: the words year and sequence.
    expect(ids(no.slice(0, -2))).toEqual(idsOf('curb'));
  });

  it('finds a caller’s cases by phone in any form', () => {
    for (const phone of ['905321112233', '05321112233', '0 532 111 22 33', '+90 532 111 22 33', '5321112233']) {
      expect(ids(phone)).toEqual(idsOf('lateNight', 'rejected', 'light'));
    }
    expect(ids('0505 999 88 77')).toEqual(idsOf('curb'));
    expect(ids('905059998877')).toEqual(idsOf('curb'));
    // The beginning of a number: the full-text index has every phone's national form.
    expect(ids('0542 765')).toEqual(idsOf('izmit'));
    expect(ids('542765')).toEqual(idsOf('izmit'));
  });

  it('finds a case by T.C. kimlik no, and still shows it masked', () => {
    const { rows } = search(TC_B);
    expect(rows.map((r) => r.id)).toEqual(idsOf('curb'));
    expect(rows[0]?.tcKimlikNo).toBe('123******50');
    expect(ids(TC_A)).toEqual(idsOf('light'));
    expect(ids(`${TC_A.slice(0, 3)} ${TC_A.slice(3, 7)} ${TC_A.slice(7)}`)).toEqual(idsOf('light'));
  });

  it('finds a case by its T.C. kimlik no only whole: no prefix of it finds the case', () => {
    // A masked number (100******46) must not be rebuilt digit by digit from search results.
    for (const [name, tc] of [['light', TC_A], ['curb', TC_B]] as const) {
      for (let n = 1; n < 11; n++) {
        expect(ids(tc.slice(0, n)), tc.slice(0, n)).not.toContain(c[name]!.id);
        expect(ids(`${tc.slice(0, n)}*`), `${tc.slice(0, n)}*`).not.toContain(c[name]!.id);
      }
      expect(ids(tc.slice(1)), tc.slice(1)).not.toContain(c[name]!.id);
    }
    // The words of the index do not hold it, nor does the vocabulary prefixes expand into.
    expect(db.prepare(`SELECT count(*) FROM search_terms WHERE term IN (?, ?)`).pluck().get(TC_A, TC_B)).toBe(0);
    // Phones and application numbers, digits too, are still found by their beginnings.
    expect(ids('0532 111')).toEqual(idsOf('lateNight', 'rejected', 'light'));
    expect(ids(c.curb!.applicationNo.slice(0, -2))).toEqual(idsOf('curb'));
  });

  it('follows the cases table: updated text is found, the old text is not, deleted cases vanish', () => {
    const extra = insertCase(db, preparedCase({ subject: 'Ağaç budama', description: 'Çınar ağacı dalları tellere değiyor.' }), { now: minutesAfter(70), actor: ACTOR, securityCode: 'X2345678' });
    expect(ids('cinar agaci')).toEqual([extra.id]);
    db.prepare(`UPDATE cases SET description = 'Ihlamur dalları tellere değiyor.' WHERE id = ?`).run(extra.id);
    expect(ids('cinar agaci')).toEqual([]);
    expect(ids('ıhlamur')).toEqual([extra.id]);
    // A note changes updated_at only: the index is not touched, the case still found.
    db.prepare(`UPDATE cases SET updated_at = ? WHERE id = ?`).run(minutesAfter(80).toISOString(), extra.id);
    expect(ids('ihlamur')).toEqual([extra.id]);
    db.pragma('foreign_keys = OFF');
    db.prepare('DELETE FROM cases WHERE id = ?').run(extra.id);
    db.pragma('foreign_keys = ON');
    expect(ids('ihlamur')).toEqual([]);
    expect(db.prepare(`SELECT count(*) FROM cases_fts WHERE cases_fts MATCH '"ihlamur"*'`).pluck().get()).toBe(0);
  });

  it('expands a typed prefix into the indexed words that start with it', () => {
    const match = (text: string) => caseSearchSql(db, parseSearchText(text), CaseSearchQuery.parse({}).filters, NOW).params.match;
    expect(match('kaldır')).toBe('"kaldirim"');
    expect(match('yanm')).toBe('"yanmiyor"');
    expect(match('şehit cad')).toBe('"sehitler" AND "cad"*');
    // Two or three letters: the prefix index. One: that word only.
    expect(match('ka')).toBe('"ka"*');
    expect(match('k')).toBe('"k"');
    expect(ids('kal')).toEqual(idsOf('rejected', 'curb'));
    expect(ids('ka')).toEqual(idsOf('rejected', 'curb'));
    // No indexed word starts with it: FTS5 finds that out itself, cheaply.
    expect(match('kaldırxyz')).toBe('"kaldirxyz"*');
    expect(search('kaldırxyz lamba')).toEqual({ total: 0, totalExact: true, rows: [] });
  });

  it('ORs the expansions, and lets FTS5 merge a prefix itself when it stands for too many words', () => {
    const probe = tempStore();
    const probeDb = probe.open();
    try {
      const add = (description: string) =>
        insertCase(probeDb, preparedCase({ subject: 'Tabela', description }), { now: T0, actor: ACTOR, securityCode: 'ABCD2345' }).id;
      const a = add('Tabelası düşmek üzere.');
      const b = add('Tabelalar kırık.');
      const match = (text: string) => caseSearchSql(probeDb, parseSearchText(text), CaseSearchQuery.parse({}).filters, NOW).params.match;
      expect(match('tabelala')).toBe('"tabelalar"');
      expect(match('tabel')).toBe('("tabela" OR "tabelalar" OR "tabelasi")');
      const many = add(Array.from({ length: 45 }, (_, i) => `tabela${String.fromCharCode(97 + (i % 26))}${i}`).join(' '));
      expect(match('tabel')).toBe('"tabel"*');
      const found = searchCases(probeDb, CaseSearchQuery.parse({ text: 'tabel' }), NOW).rows.map((r) => r.id);
      expect(found).toEqual([many, b, a]);
    } finally {
      probe.close();
    }
  });

  it('takes hostile text as plain words', () => {
    expect(() => search('"kaldırım" OR NEAR(a b) -x: *')).not.toThrow();
    expect(search('"*:^-()')).toMatchObject({ total: 7 });
  });
});

describe('searchCases: filters and paging', () => {
  it('lists everything newest first with the total when there is no text', () => {
    const result = search('');
    expect(result.total).toBe(7);
    expect(result.rows.map((r) => r.id)).toEqual(idsOf('lateNight', 'rejected', 'noPhone', 'water', 'curb', 'izmit', 'light'));
  });

  it('pages with offset and limit, the total counting every match', () => {
    expect(search('', {}, { offset: 0, limit: 3 }).rows.map((r) => r.id)).toEqual(idsOf('lateNight', 'rejected', 'noPhone'));
    expect(search('', {}, { offset: 3, limit: 3 }).rows.map((r) => r.id)).toEqual(idsOf('water', 'curb', 'izmit'));
    expect(search('', {}, { offset: 6, limit: 3 })).toMatchObject({ total: 7, rows: [{ id: c.light!.id }] });
    expect(search('', {}, { offset: 9, limit: 3 })).toEqual({ total: 7, totalExact: true, rows: [] });
    expect(search('ayse', {}, { offset: 1, limit: 1 })).toMatchObject({ total: 3, rows: [{ id: c.rejected!.id }] });
  });

  it('counts only so far past the page, and says the total is a lower bound; every match only when asked', () => {
    const ahead = (text: string, page: { offset?: number; limit?: number; exactTotal?: boolean }, countAhead: number) =>
      searchCases(db, CaseSearchQuery.parse({ text, ...page }), NOW, { countAhead });
    // 7 cases; page of 2 plus 3 ahead: "at least 5".
    expect(ahead('', { limit: 2 }, 3)).toMatchObject({ total: 5, totalExact: false, rows: idsOf('lateNight', 'rejected').map((id) => ({ id })) });
    // Further down the list the bound moves with it, until the matches run out and the count is exact.
    expect(ahead('', { offset: 2, limit: 2 }, 1)).toMatchObject({ total: 5, totalExact: false });
    expect(ahead('', { offset: 4, limit: 2 }, 1)).toMatchObject({ total: 7, totalExact: true, rows: idsOf('curb', 'izmit').map((id) => ({ id })) });
    // Exactly as many as the bound is still exact: the count looks one past it.
    expect(ahead('', { limit: 4 }, 3)).toMatchObject({ total: 7, totalExact: true });
    // Full text and filters alike.
    expect(ahead('ayse', { limit: 1 }, 1)).toMatchObject({ total: 2, totalExact: false, rows: [{ id: c.lateNight!.id }] });
    expect(ahead('ayse', { limit: 1, exactTotal: true }, 1)).toMatchObject({ total: 3, totalExact: true });
    expect(ahead('', { limit: 1, exactTotal: true }, 0)).toMatchObject({ total: 7, totalExact: true });
  });

  it('filters by status (any of several)', () => {
    expect(ids('', { status: ['closed'] })).toEqual(idsOf('water'));
    expect(ids('', { status: ['new', 'rejected'] })).toEqual(idsOf('rejected', 'noPhone'));
    expect(ids('kaldır', { status: ['forwarded'] })).toEqual(idsOf('curb'));
    expect(ids('5321112233', { status: ['rejected', 'rejected'] })).toEqual(idsOf('rejected'));
  });

  it('filters by unit, subject and channel', () => {
    expect(ids('', { unitCode: 'fen-isleri' })).toEqual(idsOf('curb', 'light'));
    expect(ids('', { subjectCode: 'zabita' })).toEqual(idsOf('lateNight', 'rejected'));
    expect(ids('', { channel: 'whatsapp' })).toEqual(idsOf('izmit'));
    expect(ids('', { channel: 'walk-in', unitCode: 'park-bahceler' })).toEqual(idsOf('noPhone'));
    expect(ids('ayse', { subjectCode: 'aydinlatma' })).toEqual(idsOf('light'));
    expect(ids(TC_A, { unitCode: 'zabita' })).toEqual([]);
  });

  it('filters by Istanbul dates, both ends inclusive', () => {
    expect(ids('', { from: '2025-03-13' })).toEqual(idsOf('lateNight'));
    expect(ids('', { to: '2025-03-12' })).toEqual(idsOf('rejected', 'noPhone', 'water', 'curb', 'izmit', 'light'));
    expect(ids('', { from: '2025-03-10', to: '2025-03-10' })).toHaveLength(6);
    expect(ids('', { from: '2025-03-11', to: '2025-03-12' })).toEqual([]);
    expect(ids('ayse', { from: '2025-03-13', to: '2025-03-13' })).toEqual(idsOf('lateNight'));
  });

  it('filters by SLA state exactly as CaseRecord.sla reports it', () => {
    // NOW = T0 + 3 days. light: due in 7 days; izmit: due in 5 h; curb: a day overdue;
    // water: closed; noPhone: no due time; rejected: done; lateNight: due 30 min ago.
    expect(ids('', { sla: 'on-time' })).toEqual(idsOf('noPhone', 'light'));
    expect(ids('', { sla: 'due-soon' })).toEqual(idsOf('izmit'));
    expect(ids('', { sla: 'overdue' })).toEqual(idsOf('lateNight', 'curb'));
    expect(ids('', { sla: 'done' })).toEqual(idsOf('rejected', 'water'));
    expect(ids('ayse', { sla: 'overdue' })).toEqual(idsOf('lateNight'));
    for (const row of search('').rows) {
      expect(ids('', { sla: row.sla })).toContain(row.id);
    }
  });

  it('agrees with slaState at the edges of "due soon"', () => {
    const at = (ms: number) => new Date(NOW.getTime() + ms);
    const statuses: CaseStatus[] = ['new', 'forwarded', 'in-progress', 'resolved', 'closed', 'reopened', 'rejected'];
    const edges = [null, at(-1), at(0), at(1), at(86_400_000 - 1), at(86_400_000), at(86_400_000 + 1)];
    const probe = tempStore();
    const probeDb = probe.open();
    try {
      let minute = 0;
      for (const status of statuses) {
        for (const dueAt of edges) {
          insertCase(probeDb, preparedCase({}, { status, dueAt }), { now: minutesAfter(minute++), actor: ACTOR, securityCode: 'ABCD2345' });
        }
      }
      for (const sla of ['on-time', 'due-soon', 'overdue', 'done'] as const) {
        const found = searchCases(probeDb, CaseSearchQuery.parse({ filters: { sla }, limit: 500 }), NOW).rows;
        const expected = searchCases(probeDb, CaseSearchQuery.parse({ limit: 500 }), NOW).rows.filter(
          (row) => slaState(row.dueAt === null ? null : new Date(row.dueAt), row.status, NOW) === sla,
        );
        expect(found.map((r) => r.id)).toEqual(expected.map((r) => r.id));
        expect(found.every((r) => r.sla === sla)).toBe(true);
      }
    } finally {
      probe.close();
    }
  });

  it('intersects filters with the words inside the full-text index (facets)', () => {
    const sql = (text: string, filters: Partial<CaseSearchFilters>) =>
      caseSearchSql(db, parseSearchText(text), CaseSearchQuery.parse({ text, filters }).filters, NOW);
    const withStatus = sql('kaldır', { status: ['forwarded', 'new'], unitCode: 'fen-isleri' });
    expect(withStatus.params.match).toBe(
      `"kaldirim" AND ("${facetToken('status', 'forwarded')}" OR "${facetToken('status', 'new')}") AND "${facetToken('unit', 'fen-isleri')}"`,
    );
    // Answered by the index alone: the count reads no case.
    expect(withStatus.count).toBe('SELECT count(*) FROM cases_fts WHERE cases_fts MATCH $match');
    // Dates narrow by month facets; the rows' created_at decides the edges.
    const withDates = sql('ayse', { from: '2025-02-27', to: '2025-03-12' });
    expect(withDates.params.match).toBe(
      `"ayse" AND ("${facetToken('month', '2025-02')}" OR "${facetToken('month', '2025-03')}")`,
    );
    expect(withDates.count).toMatch(/created_at >= \$fromAt/);
    // Two facet filters without text go through the index too.
    expect(sql('', { status: ['forwarded'], unitCode: 'fen-isleri' }).count).toBe('SELECT count(*) FROM cases_fts WHERE cases_fts MATCH $match');
    expect(ids('', { status: ['forwarded'], unitCode: 'fen-isleri' })).toEqual(idsOf('curb', 'light'));
    expect(ids('', { status: ['forwarded'], channel: 'whatsapp', subjectCode: 'ulasim' })).toEqual(idsOf('izmit'));
  });

  it('re-indexes the facets when a case changes status or unit', () => {
    const probe = tempStore();
    const probeDb = probe.open();
    try {
      const saved = insertCase(probeDb, preparedCase(), { now: T0, actor: ACTOR, securityCode: 'ABCD2345' });
      const found = (filters: Partial<CaseSearchFilters>, text = 'lamba') =>
        searchCases(probeDb, CaseSearchQuery.parse({ text, filters }), NOW).rows.map((r) => r.id);
      expect(found({ status: ['forwarded'], unitCode: 'fen-isleri' })).toEqual([saved.id]);
      probeDb.prepare(`UPDATE cases SET status = 'resolved', unit_code = 'aydinlatma' WHERE id = ?`).run(saved.id);
      expect(found({ status: ['forwarded'] })).toEqual([]);
      expect(found({ unitCode: 'fen-isleri' })).toEqual([]);
      expect(found({ status: ['resolved'], unitCode: 'aydinlatma' })).toEqual([saved.id]);
      expect(found({ status: ['resolved'], unitCode: 'aydinlatma' }, '')).toEqual([saved.id]);
      expect(found({ sla: 'done' })).toEqual([saved.id]);
    } finally {
      probe.close();
    }
  });

  it('does not take a facet token written in a case’s text for the case’s facet', () => {
    const probe = tempStore();
    const probeDb = probe.open();
    try {
      // Forwarded to fen-isleri, with the facet tokens of a closed zabıta case in its text.
      const forged = [facetToken('status', 'closed'), facetToken('unit', 'zabita'), facetToken('channel', 'sms'), facetToken('subject', 'zabita')].join(' ');
      const hostile = insertCase(
        probeDb,
        preparedCase({ description: `Lamba yanmıyor ${forged}`, citizenName: `Ali ${facetToken('status', 'rejected')}`, subject: `Lamba ${forged}` }),
        { now: T0, actor: ACTOR, securityCode: 'ABCD2345' },
      );
      const found = (filters: Partial<CaseSearchFilters>, text = '') =>
        searchCases(probeDb, CaseSearchQuery.parse({ text, filters }), NOW).rows.map((r) => r.id);
      expect(found({ status: ['closed'], unitCode: 'zabita' })).toEqual([]);
      expect(found({ status: ['closed'] }, 'lamba')).toEqual([]);
      expect(found({ unitCode: 'zabita' }, 'lamba')).toEqual([]);
      expect(found({ channel: 'sms', subjectCode: 'zabita' })).toEqual([]);
      expect(found({ status: ['rejected'], unitCode: 'fen-isleri' })).toEqual([]);
      expect(found({ sla: 'done' }, 'lamba')).toEqual([]);
      // Its real facets still find it, and so do its words.
      expect(found({ status: ['forwarded'], unitCode: 'fen-isleri' })).toEqual([hostile.id]);
      expect(found({ status: ['forwarded'] }, 'lamba yanmiyor')).toEqual([hostile.id]);
    } finally {
      probe.close();
    }
  });

  it('cannot reach a facet by typing it', () => {
    expect(ids(facetToken('status', 'forwarded'))).toEqual([]);
    expect(ids(facetToken('status', 'forwarded').slice(1))).toEqual([]);
  });

  it('returns full case records, T.C. kimlik no masked', () => {
    const [row] = search(c.light!.applicationNo).rows;
    expect(row).toEqual({ ...getCase(db, c.light!.id, NOW) });
    expect(row?.tcKimlikNo).toBe('100******46');
  });
});

describe('searchCases: query plans', () => {
  const plan = (text: string, filters: Partial<CaseSearchFilters> = {}) => {
    const { filters: parsed } = CaseSearchQuery.parse({ text, filters });
    const sql = caseSearchSql(db, parseSearchText(text), parsed, NOW);
    return {
      rows: queryPlan(db, sql.rows, { ...sql.params, limit: 10, offset: 0 }),
      count: queryPlan(db, sql.count, sql.params),
      countUpTo: queryPlan(db, sql.countUpTo, { ...sql.params, countLimit: 10 }),
      match: sql.params.match,
    };
  };

  it('walks the full-text matches in id order and reads each case by its key', () => {
    const { rows, count, countUpTo } = plan('kaldır');
    expect(rows).toMatch(/SCAN f VIRTUAL TABLE INDEX/);
    expect(rows).toMatch(/SEARCH c USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    expect(rows).not.toMatch(/TEMP B-TREE/);
    expect(rows).not.toMatch(/SCAN c\b/);
    expect(count).toMatch(/SCAN cases_fts VIRTUAL TABLE INDEX/);
    expect(count).not.toMatch(/cases\b(?!_fts)/);
    // Counting up to a bound walks the same index and stops.
    expect(countUpTo).toMatch(/SCAN cases_fts VIRTUAL TABLE INDEX/);
    expect(countUpTo).not.toMatch(/cases\b(?!_fts)/);
    // A filter does not take the lead from the full-text index.
    const filtered = plan('kaldır', { status: ['forwarded'], unitCode: 'fen-isleri' });
    expect(filtered.rows).toMatch(/SEARCH c USING INTEGER PRIMARY KEY/);
    expect(filtered.rows).not.toMatch(/TEMP B-TREE/);
  });

  it('looks up an application number, a phone and a T.C. no through their indexes', () => {
    const byNumber = plan(c.curb!.applicationNo, { status: ['forwarded'] });
    expect(byNumber.rows).toMatch(/SEARCH c USING INDEX sqlite_autoindex_cases_1 \(application_no=\?\)/);
    expect(byNumber.count).toMatch(/SEARCH c USING INDEX sqlite_autoindex_cases_1 \(application_no=\?\)/);

    const byPhone = plan('0532 111 22 33', { status: ['forwarded'] });
    expect(byPhone.rows).toMatch(/SEARCH c USING INDEX cases_citizen_id_created_at \(citizen_id=\?\)/);
    expect(byPhone.rows).toMatch(/SEARCH citizens USING COVERING INDEX sqlite_autoindex_citizens_1 \(phone_key=\?\)/);
    expect(byPhone.count).toMatch(/SEARCH c USING INDEX cases_citizen_id_created_at/);

    const byTc = plan(TC_A, { unitCode: 'fen-isleri' });
    expect(byTc.rows).toMatch(/SEARCH c USING INDEX cases_tc_kimlik_no \(tc_kimlik_no=\?\)/);

    const byDigits = plan('20250000001', { status: ['forwarded'] });
    expect(byDigits.rows).toMatch(/SEARCH c USING INDEX sqlite_autoindex_cases_1 \(application_no>\? AND application_no<\?\)/);

    for (const p of [byNumber, byPhone, byTc, byDigits]) {
      expect(p.rows).not.toMatch(/SCAN c\b/);
      expect(p.count).not.toMatch(/SCAN c\b/);
      expect(p.countUpTo).not.toMatch(/SCAN c\b/);
    }
  });

  it('lists without text from the primary key, or a filter’s index, in order', () => {
    // The whole table, newest first: LIMIT stops the walk.
    expect(plan('').rows).toMatch(/SCAN c\b/);
    expect(plan('').rows).not.toMatch(/TEMP B-TREE/);
    // The page's ids come from the filter's index alone, already in id order; then each row.
    const byStatus = plan('', { status: ['forwarded'] });
    expect(byStatus.rows).toMatch(/SEARCH c USING COVERING INDEX cases_status \(status=\?\)/);
    expect(byStatus.rows).toMatch(/SEARCH c USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    expect(byStatus.rows).not.toMatch(/TEMP B-TREE/);
    expect(byStatus.count).toMatch(/SEARCH c USING COVERING INDEX cases_status \(status=\?\)/);
    expect(plan('', { unitCode: 'zabita' }).rows).toMatch(/SEARCH c USING COVERING INDEX cases_unit_code \(unit_code=\?\)/);
    expect(plan('', { subjectCode: 'zabita' }).rows).toMatch(/SEARCH c USING COVERING INDEX cases_subject_code \(subject_code=\?\)/);
    expect(plan('', { channel: 'sms' }).rows).toMatch(/SEARCH c USING COVERING INDEX cases_channel \(channel=\?\)/);
    expect(plan('', { from: '2025-03-01', to: '2025-03-10' }).count).toMatch(/SEARCH c USING COVERING INDEX cases_created_at \(created_at>\? AND created_at<\?\)/);
    expect(plan('', { sla: 'overdue' }).count).toMatch(/SEARCH c USING COVERING INDEX cases_open_due_at \(status=\? AND due_at<\?\)/);
    expect(plan('', { sla: 'due-soon' }).count).toMatch(/SEARCH c USING COVERING INDEX cases_open_due_at \(status=\? AND due_at>\? AND due_at<\?\)/);
  });
});

describe('searchCases: an application number typed without dashes (issue 18)', () => {
  it('finds a case by the start of its number, final or this desk’s provisional one', () => {
    const own = tempStore();
    try {
      const own14 = own.open();
      const add = (subject: string) => insertCase(own14, preparedCase({ subject }), { now: T0, actor: ACTOR, securityCode: 'ABCD2345' });
      const provisional = add('Kaldırım bozuk');
      const other = add('Çöp toplanmadı');
      const final = add('Ağaç budama');
      // As if the server had given it a final number.
      const finalNo = formatApplicationNo(2025, 4711);
      own14.prepare('UPDATE cases SET application_no = ? WHERE id = ?').run(finalNo, final.id);
      const found = (text: string) => searchCases(own14, CaseSearchQuery.parse({ text }), NOW).rows.map((r) => r.id);

      const [, year, sequence, check] = /-(\d{4})-(\d{7})-(\d)$/.exec(provisional.applicationNo)!;
      expect(found(`${year}${sequence}`)).toEqual([provisional.id]);
      expect(found(`${year}${sequence}${check}`)).toEqual([provisional.id]);
      expect(found('20250004711')).toEqual([final.id]);
      expect(found('2025 0004711')).toEqual([final.id]);
      expect(found(finalNo.replace(/-/g, ''))).toEqual([final.id]);
      // A final number equal to this desk's unsent provisional one (but for the prefix) is that case only.
      own14.prepare('UPDATE cases SET application_no = ? WHERE id = ?').run(`${year}-${sequence}-${check}`, other.id);
      expect(found(`${year}-${sequence}-${check}`)).toEqual([other.id]);
      expect(found(`${year}${sequence}${check}`)).toEqual([other.id]);
      own14.prepare('UPDATE cases SET application_no = ? WHERE id = ?').run(formatApplicationNo(2025, 1), other.id);
      // Year and four digits of the sequence: every number that starts so.
      expect(found('20250000')).toEqual([other.id, provisional.id]);
      expect(found('202500047')).toEqual([final.id]);
      expect(found('20250009')).toEqual([]);
    } finally {
      own.close();
    }
  });
});
