/**
 * Case store benchmark: builds a store of BENCH_CASES cases (default 1 000 000) and
 * BENCH_CITIZENS citizens (default a tenth of that) in a temp file, then times what an operator
 * waits for:
 *   - phone lookup (casesByPhone)                                  target p99 ≤ 2 ms
 *   - full-text search for one word (searchCases)                  target p99 ≤ 30 ms
 *   - screen-pop data (findCitizenByPhone + casesByPhone + recentCasesByPhone)
 *                                                                  target p99 ≤ 10 ms
 * next to a primary-key lookup as the baseline, so runs on noisy machines compare by ratio,
 * and other searches and insertCase for information. Prints a table and appends it to
 * bench/RESULTS.md.
 *
 *   npm run bench:store                       # the full 1M run (~3 min here)
 *   BENCH_CASES=50000 npm run bench:store     # a quick run (~15 s)
 *   BENCH_QUERIES=2000      timed queries per row
 *   BENCH_FILE=/tmp/s.db    build the store there and keep it; reuse it when it exists
 *   BENCH_NO_RESULTS=1      print only, do not append to RESULTS.md
 *
 * The store is written the way the app writes it (migrations; the app's triggers keep the
 * full-text index and its vocabulary; the app's functions for every timed query), but in big
 * transactions and without scrypt: every generated case gets the same precomputed security
 * code hash, since hashing a million codes would take seven hours and says nothing about
 * reads. No case events are generated; none of the timed queries reads them.
 * The text is deliberately repetitive (124 words, two years of cases): a one-word search
 * matches about 12% of all cases, the hard case for counting matches. */
import { appendFileSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';
import { formatApplicationNo, generateSecurityCode } from '../core/applicationNumber.js';
import { CaseSearchQuery, NewCaseInput } from '../core/case.js';
import type { CaseStatus, Channel, PreparedCase } from '../core/case.js';
import { prepareCase } from '../core/caseRules.js';
import { defaultCatalogue } from '../core/catalogue/defaultCatalogue.js';
import { phoneSearchKey } from '../core/phone.js';
import {
  casesByPhone,
  findCitizenByPhone,
  insertCase,
  listCases,
  recentCasesByPhone,
  searchCases,
} from '../db/caseRepository.js';
import { openDatabase } from '../db/openDatabase.js';
import { hashSecurityCode } from '../core/securityCode.js';
import { istanbulYear } from '../db/sqlFunctions.js';
import { machine, percentile, seededRandom } from './benchSupport.js';

const CASES = intFromEnv('BENCH_CASES', 1_000_000);
const CITIZENS = intFromEnv('BENCH_CITIZENS', Math.max(10, Math.round(CASES / 10)));
const QUERIES = intFromEnv('BENCH_QUERIES', 2000);
const WARMUP = Math.min(200, QUERIES);
const BATCH = 50_000;
const NOW = new Date('2026-11-25T09:00:00.000Z');
/** Cases spread over the two years before NOW. */
const SPAN_MS = 2 * 365 * 24 * 3600_000;
const REPEAT_WINDOW_MS = 7 * 24 * 3600_000;
const RESULTS = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
const INSERTS = Math.min(QUERIES, 300);

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
}

// --- Deterministic data ------------------------------------------------------------------------

const rnd = seededRandom(153);
const int = (n: number) => Math.floor(rnd() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
function weighted<T>(entries: readonly (readonly [T, number])[]): () => T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  return () => {
    let r = rnd() * total;
    for (const [value, w] of entries) if ((r -= w) < 0) return value;
    return entries.at(-1)![0];
  };
}

const FIRST = ['Ayşe', 'Fatma', 'Emine', 'Hatice', 'Zeynep', 'Elif', 'Meryem', 'Şerife', 'Sultan', 'Zehra', 'Hanife', 'Merve', 'Özlem', 'Gülşen', 'Büşra', 'İlknur', 'Mehmet', 'Mustafa', 'Ahmet', 'Ali', 'Hüseyin', 'Hasan', 'İbrahim', 'İsmail', 'Osman', 'Yusuf', 'Murat', 'Ömer', 'Ramazan', 'Halil', 'Süleyman', 'Abdullah', 'Mahmut', 'Recep', 'Salih', 'Kadir', 'Çağrı', 'Uğur', 'Işıl', 'Gökhan'];
const LAST = ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Yıldırım', 'Öztürk', 'Aydın', 'Özdemir', 'Arslan', 'Doğan', 'Kılıç', 'Aslan', 'Çetin', 'Kara', 'Koç', 'Kurt', 'Özkan', 'Şimşek', 'Polat', 'Özer', 'Erdoğan', 'Güneş', 'Işık', 'Aksoy', 'Avcı', 'Tekin', 'Bulut', 'Ünal', 'Güler', 'Acar', 'Turan', 'Bozkurt', 'Uçar', 'Sarı', 'Ateş', 'Keskin', 'Gündüz', 'Çakır'];
const STREETS = ['Atatürk Caddesi', 'Cumhuriyet Caddesi', 'İstiklal Caddesi', 'Gazi Mustafa Kemal Bulvarı', 'Şehitler Caddesi', 'Çınar Sokak', 'Lale Sokak', 'Menekşe Sokak', 'Papatya Sokak', 'Ihlamur Sokak', 'Değirmen Sokak', 'Okul Sokak', 'Cami Sokak', 'Pınarbaşı Sokak', 'Gül Sokak', 'Söğütlü Çeşme Caddesi'];
const WORDS = [
  'kaldırım', 'kaldırımda', 'lamba', 'lambası', 'direk', 'aydınlatma', 'karanlık', 'çöp', 'konteyner', 'koku',
  'su', 'kesinti', 'boru', 'patlak', 'kanalizasyon', 'rögar', 'kapak', 'yol', 'çukur', 'asfalt',
  'ağaç', 'dal', 'budama', 'park', 'bank', 'oyun', 'köpek', 'kedi', 'yaralı', 'hayvan',
  'otobüs', 'durak', 'sefer', 'şoför', 'gecikme', 'trafik', 'ışık', 'gürültü', 'inşaat', 'gece',
  'komşu', 'işgal', 'seyyar', 'satıcı', 'zabıta', 'moloz', 'hafriyat', 'yaşlı', 'engelli', 'rampa',
  'merdiven', 'korkuluk', 'duvar', 'çatı', 'bina', 'metruk', 'yangın', 'tehlike', 'çocuk', 'okul',
  'mahalle', 'sokak', 'cadde', 'önünde', 'karşısında', 'yanında', 'arkasında', 'köşesinde', 'üç', 'gündür',
  'haftadır', 'aydır', 'yine', 'hâlâ', 'acil', 'lütfen', 'şikâyet', 'talep', 'bilgi', 'rica',
  'vatandaş', 'ekip', 'gelmedi', 'yapılmadı', 'bozuk', 'kırık', 'yanmıyor', 'akıyor', 'taşıyor', 'tıkalı',
  'dolu', 'alınmadı', 'temizlenmedi', 'sulama', 'çim', 'ilaçlama', 'sivrisinek', 'fare', 'haşere', 'pazar',
  'esnaf', 'fiyat', 'etiket', 'ruhsatsız', 'kaçak', 'yapı', 'imar', 'cenaze', 'nakil', 'ambulans',
  'hastane', 'doktor', 'yardım', 'erzak', 'fatura', 'kart', 'indirim', 'taksi', 'dolmuş', 'otopark',
  'Kadıköy', 'Üsküdar', 'Esenyurt', 'Beşiktaş', 'Bağcılar', 'Pendik', 'Şişli', 'Fatih', 'Ümraniye', 'Maltepe',
];
const SEARCH_WORDS = WORDS.filter((w) => w.length >= 4);
const UNITS = ['fen-isleri', 'temizlik', 'zabita', 'su-idaresi', 'park-bahce', 'veteriner'];
const SUBJECTS = defaultCatalogue.subjects.filter((s) => s.parent !== null);
/** Recent cases are still being worked on; older ones are mostly done, a few are chased for months. */
const recentStatus = weighted<CaseStatus>([['closed', 45], ['forwarded', 20], ['in-progress', 12], ['resolved', 12], ['new', 3], ['reopened', 2], ['rejected', 6]]);
const oldStatus = weighted<CaseStatus>([['closed', 70], ['resolved', 15], ['rejected', 9], ['in-progress', 3], ['forwarded', 2], ['reopened', 1]]);
const RECENT_MS = 60 * 24 * 3600_000;
const channelOf = weighted<Channel>([['phone', 80], ['whatsapp', 8], ['web-form', 5], ['sms', 2], ['email', 2], ['cimer', 1], ['walk-in', 1], ['field-team', 1]]);

// --- Generation --------------------------------------------------------------------------------

interface Citizen {
  phone: string;
  name: string | null;
  tc: string | null;
}

function tcKimlikNo(): string {
  const d = [1 + int(9), ...Array.from({ length: 8 }, () => int(10))];
  const odd = d[0]! + d[2]! + d[4]! + d[6]! + d[8]!;
  const even = d[1]! + d[3]! + d[5]! + d[7]!;
  const tenth = (((odd * 7 - even) % 10) + 10) % 10;
  return [...d, tenth, (odd + even + tenth) % 10].join('');
}

/** Writes the store; returns the seconds it took. */
function generate(db: Database): number {
  const started = process.hrtime.bigint();
  const citizens: Citizen[] = [];
  const phones = new Set<string>();
  while (citizens.length < CITIZENS) {
    const head = rnd() < 0.85 ? pick(['530', '532', '533', '535', '505', '506', '542', '543', '544', '555']) : pick(['212', '216']);
    const phone = `90${head}${String(int(10_000_000)).padStart(7, '0')}`;
    if (phones.has(phone)) continue;
    phones.add(phone);
    citizens.push({ phone, name: rnd() < 0.9 ? `${pick(FIRST)} ${pick(LAST)}` : null, tc: rnd() < 0.3 ? tcKimlikNo() : null });
  }

  const insertCitizen = db.prepare(`
    INSERT INTO citizens (id, phone, phone_key, name, tc_kimlik_no, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  // Rows go to a staging table first and into cases with one INSERT … SELECT per batch. Row by
  // row, every INSERT INTO cases is a statement of its own, which makes FTS5 write its pending
  // index data to disk at each one (it must be able to roll a statement back): a segment per
  // case and merges that grow with the index. One statement per batch keeps the triggers that
  // the app uses and lets FTS5 buffer as it does for a migration.
  const CASE_COLUMNS = `id, application_no, security_code_hash, citizen_id, type, subject_code, subject,
      description, channel, priority, confidential, urgent, status, unit_code, resolution,
      first_contact_resolution, phone, citizen_name, tc_kimlik_no, linkedid, created_at, updated_at, due_at`;
  db.exec(`CREATE TEMP TABLE case_staging AS SELECT ${CASE_COLUMNS} FROM cases WHERE 0`);
  const insertCase = db.prepare(`
    INSERT INTO temp.case_staging (${CASE_COLUMNS})
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const moveStaged = db.prepare(`INSERT INTO cases (${CASE_COLUMNS}) SELECT ${CASE_COLUMNS} FROM temp.case_staging ORDER BY id`);
  const clearStaged = db.prepare(`DELETE FROM temp.case_staging`);
  const attachments: [number, string][] = [];
  const insertAttachment = db.prepare(`
    INSERT INTO attachments (case_id, file_name, mime_type, size_bytes, sha256, stored_name, added_at)
    VALUES (?, 'foto.jpg', 'image/jpeg', 120000, ?, ?, ?)`);
  const setSequence = db.prepare(`INSERT INTO application_sequences (year, last_sequence) VALUES (?, ?)`);

  const start = NOW.getTime() - SPAN_MS;
  db.transaction(() => {
    citizens.forEach((c, i) =>
      insertCitizen.run(i + 1, c.phone, phoneSearchKey(c.phone), c.name, c.tc, new Date(start).toISOString(), new Date(start).toISOString()),
    );
  })();

  const securityCodeHash = hashSecurityCode('BENCH234');
  const sequences = new Map<number, number>();
  const sha = 'c'.repeat(64);
  for (let from = 1; from <= CASES; from += BATCH) {
    db.transaction(() => {
      for (let id = from; id < Math.min(from + BATCH, CASES + 1); id++) {
        const created = new Date(start + Math.floor(((id - 1) / CASES) * SPAN_MS) + int(60_000));
        const year = istanbulYear(created);
        const sequence = (sequences.get(year) ?? 0) + 1;
        sequences.set(year, sequence);
        // A few callers call a lot (a quarter of the cases come from 2% of the citizens).
        const citizenIndex = rnd() < 0.05 ? null : rnd() < 0.25 ? int(Math.ceil(CITIZENS / 50)) : int(CITIZENS);
        const citizen = citizenIndex === null ? null : citizens[citizenIndex]!;
        const subject = pick(SUBJECTS);
        const status = NOW.getTime() - created.getTime() < RECENT_MS ? recentStatus() : oldStatus();
        const fcr = status === 'closed' && rnd() < 0.7;
        const description = Array.from({ length: 8 + int(13) }, () => pick(WORDS)).join(' ') + `. ${pick(STREETS)} No ${1 + int(120)}.`;
        const dueAt = fcr || subject.resolutionDays === 0 ? null : new Date(created.getTime() + (1 + subject.resolutionDays * 1.4) * 86_400_000).toISOString();
        const at = created.toISOString();
        insertCase.run(
          id,
          formatApplicationNo(year, sequence),
          securityCodeHash,
          citizenIndex === null ? null : citizenIndex + 1,
          subject.defaultType,
          subject.code,
          subject.name,
          description,
          channelOf(),
          subject.priority,
          subject.confidential ? 1 : 0,
          subject.urgent ? 1 : 0,
          status,
          fcr ? null : subject.defaultUnit,
          fcr ? 'Bilgi verildi.' : null,
          fcr ? 1 : 0,
          citizen?.phone ?? null,
          citizen?.name ?? null,
          citizen !== null && rnd() < 0.5 ? citizen.tc : null,
          `${Math.floor(created.getTime() / 1000)}.${id}`,
          at,
          at,
          dueAt,
        );
        if (rnd() < 0.02) attachments.push([id, at]);
      }
      moveStaged.run();
      clearStaged.run();
      for (const [id, at] of attachments.splice(0)) insertAttachment.run(id, sha, `${sha}.jpg`, at);
    })();
    const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    process.stdout.write(`\r  generated ${Math.min(from + BATCH - 1, CASES).toLocaleString('en')} / ${CASES.toLocaleString('en')} cases (${elapsed.toFixed(0)} s)`);
  }
  db.transaction(() => {
    for (const [year, last] of sequences) setSequence.run(year, last);
  })();
  process.stdout.write('\n');

  return Number(process.hrtime.bigint() - started) / 1e9;
}

// --- Measurement -------------------------------------------------------------------------------

interface Row {
  name: string;
  target: number | null;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  detail: string;
}

function measure(name: string, target: number | null, op: (i: number) => unknown, detail = '', count = QUERIES): Row {
  for (let i = 0; i < Math.min(WARMUP, count); i++) op(i);
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const t0 = process.hrtime.bigint();
    op(i + WARMUP);
    times[i] = Number(process.hrtime.bigint() - t0) / 1e6;
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { name, target, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1)!, detail };
}

function newCase(phone: string): PreparedCase {
  const input = NewCaseInput.parse({
    subject: 'Sokak lambası yanmıyor',
    subjectCode: 'aydinlatma.sokak-lambasi',
    description: 'Çınar Sokak 14 önündeki direk üç gündür yanmıyor.',
    outcome: 'forwarded',
    phone,
    citizenName: 'Ayşe Yılmaz',
    linkedid: '1764061200.1',
  });
  return prepareCase(input, defaultCatalogue, NOW);
}

/** The shapes a number reaches the desk in: Asterisk, an operator, a web form. */
function phoneForm(phone: string, i: number): string {
  const national = phone.slice(2);
  switch (i % 3) {
    case 0:
      return phone;
    case 1:
      return `0${national}`;
    default:
      return `+90 ${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6, 8)} ${national.slice(8)}`;
  }
}

function run(): void {
  const reuse = process.env.BENCH_FILE;
  const dir = reuse === undefined ? mkdtempSync(join(tmpdir(), 'alo153-bench-')) : null;
  const file = reuse ?? join(dir!, 'cases.sqlite');
  try {
    let generation: number | null = null;
    if (!existsSync(file)) {
      console.log(`case store benchmark: building ${CASES.toLocaleString('en')} cases, ${CITIZENS.toLocaleString('en')} citizens in ${file}`);
      const db = openDatabase(file);
      // Bulk load only: no journal, no fsync, a cache that holds the indexes being built.
      db.pragma('journal_mode = OFF');
      db.pragma('synchronous = OFF');
      db.pragma('cache_size = -2000000');
      generation = generate(db);
      db.close();
    }

    // Opened as the app opens it: WAL, migrations checked, the planner's statistics gathered.
    const opening = process.hrtime.bigint();
    const db = openDatabase(file);
    const openSeconds = Number(process.hrtime.bigint() - opening) / 1e9;
    const sizeMb = statSync(file).size / 1024 / 1024;
    const cases = db.prepare<[], number>('SELECT max(id) FROM cases').pluck().get()!;
    const citizens = db.prepare<[], { phone: string }>('SELECT phone FROM citizens ORDER BY id').all();
    console.log(
      `  ${cases.toLocaleString('en')} cases, ${citizens.length.toLocaleString('en')} citizens, ${sizeMb.toFixed(0)} MiB` +
        `${generation === null ? ' (reused)' : `, generated in ${generation.toFixed(1)} s`}; opened in ${openSeconds.toFixed(2)} s; ` +
        `${QUERIES} timed queries per row`,
    );

    const byId = db.prepare('SELECT * FROM cases WHERE id = ?');
    const caller = (i: number) => citizens[(i * 7919) % citizens.length]!;
    const word = (i: number) => SEARCH_WORDS[i % SEARCH_WORDS.length]!;
    const sampleNo = db.prepare<[number], string>('SELECT application_no FROM cases WHERE id = ?').pluck();
    const applicationNos = Array.from({ length: 500 }, (_, i) => sampleNo.get(1 + ((i * 104_729) % cases))!);
    const query = (text: string, filters: object = {}) => CaseSearchQuery.parse({ text, filters });
    let matches = 0;

    const rows: Row[] = [
      measure('baseline: SELECT * FROM cases WHERE id = ?', null, (i) => byId.get(1 + ((i * 104_729) % cases))),
      measure('phone lookup: casesByPhone(phone, 20)', 2, (i) => casesByPhone(db, phoneForm(caller(i).phone, i), 20, NOW), 'phone in 3 shapes'),
      measure(
        'full-text: searchCases(one word)',
        30,
        (i) => (matches += searchCases(db, query(word(i)), NOW).total),
        `${SEARCH_WORDS.length} words, total + first 100`,
      ),
      measure(
        'screen-pop: citizen + 20 cases + repeat calls',
        10,
        (i) => {
          const phone = caller(i).phone;
          findCitizenByPhone(db, phone);
          casesByPhone(db, phone, 20, NOW);
          recentCasesByPhone(db, phone, new Date(NOW.getTime() - REPEAT_WINDOW_MS), NOW);
        },
        'as main/host/host.ts',
      ),
      measure('search: application number', null, (i) => searchCases(db, query(applicationNos[i % applicationNos.length]!), NOW)),
      measure('search: two words', null, (i) => searchCases(db, query(`${word(i)} ${word(i * 31 + 7)}`), NOW)),
      measure('search: 3-letter prefix', null, (i) => searchCases(db, query(word(i).slice(0, 3)), NOW), 'type-ahead'),
      measure('search: word + status filter', null, (i) => searchCases(db, query(word(i), { status: ['forwarded', 'in-progress'] }), NOW)),
      measure('search: no text, status + unit', null, (i) => searchCases(db, query('', { status: ['forwarded'], unitCode: UNITS[i % UNITS.length]! }), NOW)),
      measure('search: no text, SLA overdue', null, () => searchCases(db, query('', { sla: 'overdue' }), NOW)),
      measure('search: no text, last 7 days', null, () => searchCases(db, query('', { from: '2026-11-18', to: '2026-11-25' }), NOW)),
      measure('search: word + last 30 days', null, (i) => searchCases(db, query(word(i), { from: '2026-10-26', to: '2026-11-25' }), NOW)),
      measure('listCases(100)', null, () => listCases(db, 100, NOW)),
      // Last: it adds cases. Dominated by scrypt (the security code hash), by design.
      measure(
        'insertCase (scrypt + one transaction)',
        null,
        (i) => insertCase(db, newCase(caller(i).phone), { now: NOW, actor: 'PJSIP/1001', securityCode: generateSecurityCode() }),
        `${INSERTS} inserts`,
        INSERTS,
      ),
    ];
    db.close();
    report(rows, { cases, citizens: citizens.length, generation, openSeconds, sizeMb, averageMatches: matches / (QUERIES + WARMUP) });
  } finally {
    if (dir !== null) rmSync(dir, { recursive: true, force: true });
  }
}

// --- Report ------------------------------------------------------------------------------------

interface RunInfo {
  cases: number;
  citizens: number;
  /** Null when an existing store was reused. */
  generation: number | null;
  openSeconds: number;
  sizeMb: number;
  averageMatches: number;
}

function report(rows: readonly Row[], info: RunInfo): void {
  const base = rows[0]!;
  const ms = (v: number) => (v >= 10 ? v.toFixed(1) : v.toFixed(3));
  // Ratios against the baseline's median: its p99 is a few microseconds and mostly noise.
  const header = '| query | p50 ms | p95 ms | p99 ms | max ms | p50 ÷ base p50 | p99 ÷ base p50 | target p99 | |';
  const lines = [
    header,
    '|---|--:|--:|--:|--:|--:|--:|--:|---|',
    ...rows.map((r) => {
      const verdict = r.target === null ? '' : r.p99 <= r.target ? 'ok' : '**over**';
      return `| ${r.name}${r.detail ? ` (${r.detail})` : ''} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${ms(r.max)} | ${(r.p50 / base.p50).toFixed(0)}× | ${(r.p99 / base.p50).toFixed(0)}× | ${r.target === null ? '' : `≤ ${r.target}`} | ${verdict} |`;
    }),
  ];
  const summary =
    `${info.cases.toLocaleString('en')} cases, ${info.citizens.toLocaleString('en')} citizens, ${QUERIES} timed queries per row after ${WARMUP} warm-up; ` +
    `store ${info.sizeMb.toFixed(0)} MiB${info.generation === null ? ' (reused)' : `, generated in ${info.generation.toFixed(0)} s`}; opened (with PRAGMA optimize) in ${info.openSeconds.toFixed(2)} s; ` +
    `a one-word search matched ${Math.round(info.averageMatches).toLocaleString('en')} cases on average.`;
  console.log(`\n${summary}\n\n${lines.join('\n')}\n`);

  if (process.env.BENCH_NO_RESULTS === '1') return;
  if (!existsSync(RESULTS)) {
    writeFileSync(RESULTS, '# Benchmark results\n\nEach section is appended by its benchmark; newest run last.\n');
  }
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  appendFileSync(
    RESULTS,
    `\n## Case store (bench/caseStore.bench.ts), ${when} UTC\n\nMachine: ${machine()}.\n\n${summary}\n\n${lines.join('\n')}\n`,
  );
  console.log(`appended to ${RESULTS}`);
}

run();
