/**
 * Case store benchmark: builds a store of BENCH_CASES cases (default 1 000 000) and
 * BENCH_CITIZENS citizens (default a tenth of that) in a temp file (bench/caseStoreData.ts says
 * what is in it), then times what an operator waits for:
 *   - phone lookup (casesByPhone)                                  target p99 ≤ 2 ms
 *   - search as typed: 1 letter, 2 letters, 3 letters, a whole word, every prefix of a word
 *     as it is typed (searchCases, total + first page)             target p99 ≤ 30 ms each
 *   - screen-pop data (as main/host/screenPop.ts assembles it)     target p99 ≤ 10 ms
 * next to a primary-key lookup as the baseline, so runs on noisy machines compare by ratio,
 * and other searches and insertCase for information. Prints a table and appends it to
 * bench/RESULTS.md.
 *
 * Queries are drawn (seeded) from the whole vocabulary, names and streets, not cycled over a
 * few words: most are met once, so their index pages are as cold as a real operator's; the
 * letters and prefixes include rare ones and ones that match nothing.
 *
 *   npm run bench:store                       # the full 1M run (~4 min here)
 *   BENCH_CASES=50000 npm run bench:store     # a quick run (~20 s)
 *   BENCH_QUERIES=2000      timed queries per row
 *   BENCH_FILE=/tmp/s.db    build the store there and keep it; reuse it when it exists (the
 *                           AMI screen-pop benchmark opens the same file in a desk)
 *   BENCH_NO_RESULTS=1      print only, do not append to RESULTS.md
 */
import { appendFileSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSecurityCode } from '../core/applicationNumber.js';
import { CaseSearchQuery, NewCaseInput } from '../core/case.js';
import type { PreparedCase } from '../core/case.js';
import { prepareCase } from '../core/caseRules.js';
import { defaultCatalogue } from '../core/catalogue/defaultCatalogue.js';
import { foldTurkish } from '../core/turkishText.js';
import {
  casesByPhone,
  insertCase,
  listCases,
  searchCases,
} from '../db/caseRepository.js';
import { screenPopOf } from '../main/host/screenPop.js';
import { COUNT_AHEAD } from '../db/caseSearch.js';
import { openDatabase } from '../db/openDatabase.js';
import { machine, percentile, seededRandom } from './benchSupport.js';
import { BENCH_UNITS, bulkLoadPragmas, callersByHistory, FIRST_NAMES, generateStore, LAST_NAMES, STORE_NOW, STREETS, WORD_FORMS } from './caseStoreData.js';

const CASES = intFromEnv('BENCH_CASES', 1_000_000);
const CITIZENS = intFromEnv('BENCH_CITIZENS', Math.max(10, Math.round(CASES / 10)));
const QUERIES = intFromEnv('BENCH_QUERIES', 2000);
const WARMUP = Math.min(200, QUERIES);
const NOW = STORE_NOW;
const RESULTS = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
const INSERTS = Math.min(QUERIES, 300);

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
}

// --- Queries -------------------------------------------------------------------------------------

/**
 * What operators type, drawn from a generator of its own (the store's stays untouched): every
 * word the store's text can hold, uniformly, so rare words weigh as much as common ones.
 */
const qrnd = seededRandom(2026);
const qint = (n: number) => Math.floor(qrnd() * n);
const VOCABULARY: readonly string[] = [
  ...WORD_FORMS,
  ...FIRST_NAMES,
  ...LAST_NAMES,
  ...STREETS.flatMap((s) => s.split(' ')),
];
/** Letters an operator may start with (Turkish ones typed either way) and digits (house numbers). */
const FIRST_LETTERS = [...'abcçdefgğhıijklmnoöprsştuüvyz0123456789'];
const anyWord = () => VOCABULARY[qint(VOCABULARY.length)]!;
const prefixOf = (word: string, n: number) => [...word].slice(0, n).join('');
/** A few letters nobody's text starts with: a search that finds nothing must be fast too. */
const randomLetters = (n: number) => Array.from({ length: n }, () => 'bcdfghjklmnprstvyz'[qint(18)]).join('');

function queries(count: number, make: (i: number) => string): string[] {
  return Array.from({ length: count }, (_, i) => make(i));
}
/** Each word typed a letter at a time: what the search box sends as the operator slows down. */
function typedPrefixes(count: number): string[] {
  const out: string[] = [];
  while (out.length < count) {
    const word = anyWord();
    for (let n = 1; n <= [...word].length && out.length < count; n++) out.push(prefixOf(word, n));
  }
  return out;
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
  /** Average `total` a search answered with (a lower bound when not exact); null for other rows. */
  matches: number | null;
  /** Average of the exact match counts of a sample of the row's queries, counted untimed. */
  exactMatches: number | null;
  /** 1-minute load average when the row finished (other sessions share the machine). */
  load: number;
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
  return {
    name,
    target,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1)!,
    detail,
    matches: null,
    exactMatches: null,
    load: loadavg()[0]!,
  };
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
      bulkLoadPragmas(db);
      generation = generateStore(db, { cases: CASES, citizens: CITIZENS }, (line) => process.stdout.write(`\r  ${line}`)).seconds;
      process.stdout.write('\n');
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
    const sampleNo = db.prepare<[number], string>('SELECT application_no FROM cases WHERE id = ?').pluck();
    const applicationNos = Array.from({ length: 500 }, (_, i) => sampleNo.get(1 + ((i * 104_729) % cases))!);
    const query = (text: string, filters: object = {}) => CaseSearchQuery.parse({ text, filters });
    const n = QUERIES + WARMUP;
    const EXACT_SAMPLE = 50;
    const searchRow = (name: string, texts: readonly string[], detail: string, target: number | null = 30, filters: object = {}): Row => {
      let totals = 0;
      let answers = 0;
      const row = measure(name, target, (i) => {
        totals += searchCases(db, query(texts[i % texts.length]!, filters), NOW).total;
        answers++;
      }, detail);
      // How many the queries really match, for the record: what a type-ahead must not wait for.
      let exact = 0;
      for (let i = 0; i < EXACT_SAMPLE; i++) exact += searchCases(db, { ...query(texts[(WARMUP + i) % texts.length]!, filters), exactTotal: true }, NOW).total;
      return { ...row, matches: totals / answers, exactMatches: exact / EXACT_SAMPLE };
    };
    const { heavy, ordinary } = callersByHistory(db);
    // Every other pop for a caller with 130–160 cases, as in the AMI screen-pop benchmark.
    const popCaller = (i: number) => (i % 2 === 0 ? heavy[(i / 2) % heavy.length] : ordinary[((i - 1) / 2) % ordinary.length]) ?? caller(i).phone;
    const ringing = (phone: string, i: number) => ({
      linkedid: `1764061200.${i}`,
      queue: 'alo153',
      callerNumber: phone,
      callerName: null,
      phase: 'ringing' as const,
      ringingSince: NOW.getTime(),
      answeredAt: null,
      endedAt: null,
      queueWaitSec: null,
      talkSec: null,
    });
    const words = queries(n, anyWord);

    const rows: Row[] = [
      measure('baseline: SELECT * FROM cases WHERE id = ?', null, (i) => byId.get(1 + ((i * 104_729) % cases))),
      measure('phone lookup: casesByPhone(phone, 20)', 2, (i) => casesByPhone(db, phoneForm(caller(i).phone, i), 20, NOW), 'phone in 3 shapes'),
      measure(
        'screen-pop: citizen, latest and open cases, counts, repeat calls',
        10,
        (i) => screenPopOf(db, ringing(popCaller(i), i), NOW),
        'main/host/screenPop.ts; every other caller has 130–160 cases',
      ),
      searchRow('search: 1 letter', queries(n, () => FIRST_LETTERS[qint(FIRST_LETTERS.length)]!), `${FIRST_LETTERS.length} letters and digits`),
      searchRow('search: 2 letters', queries(n, () => prefixOf(anyWord(), 2)), 'first 2 letters of any word'),
      searchRow('search: 3 letters', queries(n, () => prefixOf(anyWord(), 3)), 'type-ahead'),
      searchRow('search: every prefix of a word as typed', typedPrefixes(n), '1, 2, 3 … letters'),
      searchRow('full-text: one whole word', words, `${VOCABULARY.length.toLocaleString('en')} words, drawn evenly`),
      searchRow('search: letters that start no word', queries(n, (i) => randomLetters(2 + (i % 3))), '2–4 letters, mostly nothing found'),
      searchRow('search: two words', queries(n, () => `${anyWord()} ${prefixOf(anyWord(), 4)}`), 'a word and a 4-letter prefix'),
      searchRow('search: name', queries(n, () => `${foldTurkish(FIRST_NAMES[qint(FIRST_NAMES.length)]!)} ${prefixOf(LAST_NAMES[qint(LAST_NAMES.length)]!, 3)}`), 'first name and 3 letters of a surname'),
      measure('search: application number', null, (i) => searchCases(db, query(applicationNos[i % applicationNos.length]!), NOW)),
      measure(
        'search: exact count on request, 2 letters',
        null,
        (i) => searchCases(db, { ...query(prefixOf(VOCABULARY[(i * 7) % VOCABULARY.length]!, 2)), limit: 1, exactTotal: true }, NOW),
        '"Tam sayıyı göster"',
        Math.min(QUERIES, 200),
      ),
      searchRow('search: word + status filter', words, '', null, { status: ['forwarded', 'in-progress'] }),
      measure('search: no text, status + unit', null, (i) => searchCases(db, query('', { status: ['forwarded'], unitCode: BENCH_UNITS[i % BENCH_UNITS.length]! }), NOW)),
      measure('search: no text, SLA overdue', null, () => searchCases(db, query('', { sla: 'overdue' }), NOW)),
      measure('search: no text, last 7 days', null, () => searchCases(db, query('', { from: '2026-11-18', to: '2026-11-25' }), NOW)),
      searchRow('search: word + last 30 days', words, '', null, { from: '2026-10-26', to: '2026-11-25' }),
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
    report(rows, { cases, citizens: citizens.length, generation, openSeconds, sizeMb });
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
}

function report(rows: readonly Row[], info: RunInfo): void {
  const base = rows[0]!;
  const ms = (v: number) => (v >= 10 ? v.toFixed(1) : v.toFixed(3));
  // Ratios against the baseline's median: its p99 is a few microseconds and mostly noise.
  const header = '| query | p50 ms | p95 ms | p99 ms | max ms | p50 ÷ base p50 | p99 ÷ base p50 | total answered (avg) | matches, exact (avg of 50) | load | target p99 | |';
  const count = (v: number | null) => (v === null ? '' : Math.round(v).toLocaleString('en'));
  const lines = [
    header,
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|',
    ...rows.map((r) => {
      const verdict = r.target === null ? '' : r.p99 <= r.target ? 'ok' : '**over**';
      return `| ${r.name}${r.detail ? ` (${r.detail})` : ''} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${ms(r.max)} | ${(r.p50 / base.p50).toFixed(0)}× | ${(r.p99 / base.p50).toFixed(0)}× | ${count(r.matches)} | ${count(r.exactMatches)} | ${r.load.toFixed(2)} | ${r.target === null ? '' : `≤ ${r.target}`} | ${verdict} |`;
    }),
  ];
  const summary =
    `${info.cases.toLocaleString('en')} cases, ${info.citizens.toLocaleString('en')} citizens, ${QUERIES} timed queries per row after ${WARMUP} warm-up; ` +
    `store ${info.sizeMb.toFixed(0)} MiB${info.generation === null ? ' (reused)' : `, generated in ${info.generation.toFixed(0)} s`}; opened (with PRAGMA optimize) in ${info.openSeconds.toFixed(2)} s; ` +
    `load is the 1-minute load average as each row finished. A search answers its first page with the matches counted up to ${COUNT_AHEAD.toLocaleString('en')} past it ` +
    `("total answered", a lower bound when there are more: "en az …" on screen); the exact count is the operator's to ask for.`;
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
