/**
 * The benchmark store: BENCH_CASES cases of BENCH_CITIZENS citizens, written the way the app
 * writes them (migrations; the app's triggers keep the full-text index and its vocabulary) but
 * in big transactions and without scrypt. Used by bench/caseStore.bench.ts and by the AMI
 * screen-pop benchmark, which opens it in a real desk (BENCH_FILE: build once, reuse).
 *
 * What makes it a realistic desk store rather than a pile of rows:
 *   - every case is one the central server already has (server_version as an acknowledged or
 *     pulled case has it, nothing in the outbox, a last sync time), so a desk opened on it
 *     does not queue a million creates;
 *   - 2 % of the citizens call a lot: each has 130–160 cases (the screen-pop's hard case),
 *     spread over the two years; the others a handful;
 *   - the text is drawn from ~1 500 word forms (Turkish inflections of 124 complaint words)
 *     plus names and streets, with a Zipf-like skew: a few words are in a tenth of all cases,
 *     most are rare, so searches hit both huge and small match lists.
 *
 * Every generated case gets the same precomputed security code hash: hashing a million codes
 * would take seven hours and says nothing about reads. No case events are generated; none of
 * the timed reads needs them.
 */
import type { Database } from 'better-sqlite3';
import { formatApplicationNo } from '../core/applicationNumber.js';
import type { CaseStatus, Channel } from '../core/case.js';
import { defaultCatalogue } from '../core/catalogue/defaultCatalogue.js';
import { phoneSearchKey } from '../core/phone.js';
import { hashSecurityCode } from '../core/securityCode.js';
import { istanbulYear } from '../db/sqlFunctions.js';
import { writeLastSyncAt } from '../db/syncMeta.js';
import { seededRandom } from './benchSupport.js';

/** The store's "now": cases span the two years before it. */
export const STORE_NOW = new Date('2026-11-25T09:00:00.000Z');
const SPAN_MS = 2 * 365 * 24 * 3600_000;
const BATCH = 50_000;
/** Frequent callers: this share of the citizens, each with HEAVY_MIN…HEAVY_MAX cases. */
const HEAVY_SHARE = 0.02;
export const HEAVY_MIN = 130;
export const HEAVY_MAX = 160;

export interface StoreSize {
  cases: number;
  citizens: number;
}

// --- Vocabulary ----------------------------------------------------------------------------------

export const FIRST_NAMES = ['Ayşe', 'Fatma', 'Emine', 'Hatice', 'Zeynep', 'Elif', 'Meryem', 'Şerife', 'Sultan', 'Zehra', 'Hanife', 'Merve', 'Özlem', 'Gülşen', 'Büşra', 'İlknur', 'Mehmet', 'Mustafa', 'Ahmet', 'Ali', 'Hüseyin', 'Hasan', 'İbrahim', 'İsmail', 'Osman', 'Yusuf', 'Murat', 'Ömer', 'Ramazan', 'Halil', 'Süleyman', 'Abdullah', 'Mahmut', 'Recep', 'Salih', 'Kadir', 'Çağrı', 'Uğur', 'Işıl', 'Gökhan'];
export const LAST_NAMES = ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Yıldırım', 'Öztürk', 'Aydın', 'Özdemir', 'Arslan', 'Doğan', 'Kılıç', 'Aslan', 'Çetin', 'Kara', 'Koç', 'Kurt', 'Özkan', 'Şimşek', 'Polat', 'Özer', 'Erdoğan', 'Güneş', 'Işık', 'Aksoy', 'Avcı', 'Tekin', 'Bulut', 'Ünal', 'Güler', 'Acar', 'Turan', 'Bozkurt', 'Uçar', 'Sarı', 'Ateş', 'Keskin', 'Gündüz', 'Çakır'];
export const STREETS = ['Atatürk Caddesi', 'Cumhuriyet Caddesi', 'İstiklal Caddesi', 'Gazi Mustafa Kemal Bulvarı', 'Şehitler Caddesi', 'Çınar Sokak', 'Lale Sokak', 'Menekşe Sokak', 'Papatya Sokak', 'Ihlamur Sokak', 'Değirmen Sokak', 'Okul Sokak', 'Cami Sokak', 'Pınarbaşı Sokak', 'Gül Sokak', 'Söğütlü Çeşme Caddesi'];
const STEMS = [
  'kaldırım', 'lamba', 'direk', 'aydınlatma', 'karanlık', 'çöp', 'konteyner', 'koku', 'su', 'kesinti',
  'boru', 'patlak', 'kanalizasyon', 'rögar', 'kapak', 'yol', 'çukur', 'asfalt', 'ağaç', 'dal',
  'budama', 'park', 'bank', 'oyun', 'köpek', 'kedi', 'yaralı', 'hayvan', 'otobüs', 'durak',
  'sefer', 'şoför', 'gecikme', 'trafik', 'ışık', 'gürültü', 'inşaat', 'gece', 'komşu', 'işgal',
  'seyyar', 'satıcı', 'zabıta', 'moloz', 'hafriyat', 'yaşlı', 'engelli', 'rampa', 'merdiven', 'korkuluk',
  'duvar', 'çatı', 'bina', 'metruk', 'yangın', 'tehlike', 'çocuk', 'okul', 'mahalle', 'sokak',
  'cadde', 'ön', 'karşı', 'yan', 'arka', 'köşe', 'gün', 'hafta', 'ay', 'şikâyet',
  'talep', 'bilgi', 'rica', 'vatandaş', 'ekip', 'kırık', 'bozuk', 'sulama', 'çim', 'ilaçlama',
  'sivrisinek', 'fare', 'haşere', 'pazar', 'esnaf', 'fiyat', 'etiket', 'kaçak', 'yapı', 'imar',
  'cenaze', 'nakil', 'ambulans', 'hastane', 'doktor', 'yardım', 'erzak', 'fatura', 'kart', 'indirim',
  'taksi', 'dolmuş', 'otopark', 'Kadıköy', 'Üsküdar', 'Esenyurt', 'Beşiktaş', 'Bağcılar', 'Pendik', 'Şişli',
  'Fatih', 'Ümraniye', 'Maltepe', 'kavşak', 'tabela', 'bariyer', 'havuz', 'kütüphane', 'spor', 'salon',
  'mezarlık', 'kurban', 'ruhsat',
];
/** Words that take no suffix here: they carry the sentence. */
const PARTICLES = ['yine', 'hâlâ', 'acil', 'lütfen', 'üç', 'gündür', 'haftadır', 'gelmedi', 'yapılmadı', 'yanmıyor', 'akıyor', 'taşıyor', 'tıkalı', 'dolu', 'alınmadı', 'temizlenmedi', 've', 'ile', 'çok', 'hiç'];

const BACK = 'aıou';
const FRONT = 'eiöü';
const VOICELESS = 'fstkçşhp';

function lastVowel(word: string): string {
  for (let i = word.length - 1; i >= 0; i--) if ((BACK + FRONT).includes(word[i]!.toLocaleLowerCase('tr-TR'))) return word[i]!.toLocaleLowerCase('tr-TR');
  return 'e';
}

/**
 * The word forms of a stem, as Turkish inflects it (vowel harmony, buffer consonants, d→t after
 * a voiceless consonant; no consonant softening): kaldırım → kaldırımlar, kaldırımda,
 * kaldırımdan, kaldırıma, kaldırımı, kaldırımın, kaldırımları, kaldırımlarda, kaldırımı…
 */
export function inflections(stem: string): string[] {
  const v = lastVowel(stem);
  const back = BACK.includes(v);
  const two = back ? 'a' : 'e';
  const four = ({ a: 'ı', ı: 'ı', o: 'u', u: 'u', e: 'i', i: 'i', ö: 'ü', ü: 'ü' } as Record<string, string>)[v] ?? 'i';
  const end = stem.at(-1)!.toLocaleLowerCase('tr-TR');
  const endsInVowel = (BACK + FRONT + 'âîû').includes(end);
  const d = VOICELESS.includes(end) ? 't' : 'd';
  const plural = back ? 'lar' : 'ler';
  return [
    stem,
    stem + plural,
    `${stem}${d}${two}`,
    `${stem}${d}${two}n`,
    stem + (endsInVowel ? 'y' : '') + two,
    stem + (endsInVowel ? 'y' : '') + four,
    stem + (endsInVowel ? 'n' : '') + four + 'n',
    stem + (endsInVowel ? 's' : '') + four,
    `${stem}${plural}${four}`,
    `${stem}${plural}d${two}`,
    `${stem}${plural}${four}n`,
    `${stem}${d}${two}ki`,
  ];
}

/** Every word form the descriptions are written in, most frequent first. */
export const WORD_FORMS: readonly string[] = (() => {
  const forms: string[] = [];
  const seen = new Set<string>();
  const add = (w: string) => {
    if (!seen.has(w)) {
      seen.add(w);
      forms.push(w);
    }
  };
  // Rank order: the stems and particles first (the common words), then their inflected forms.
  STEMS.forEach(add);
  PARTICLES.forEach(add);
  for (const stem of STEMS) inflections(stem).forEach(add);
  return forms;
})();

/** Draws indexes 0…n-1 with P(k) ∝ 1/(k+1)^s: Zipf, as word frequencies go. */
function zipf(n: number, s: number, rnd: () => number): () => number {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) cumulative[k] = sum += 1 / Math.pow(k + 1, s);
  return () => {
    const r = rnd() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

// --- Generation ----------------------------------------------------------------------------------

const UNITS = ['fen-isleri', 'temizlik', 'zabita', 'su-idaresi', 'park-bahce', 'veteriner'] as const;
export const BENCH_UNITS: readonly string[] = UNITS;
const SUBJECTS = defaultCatalogue.subjects.filter((s) => s.parent !== null);

interface Citizen {
  phone: string;
  name: string | null;
  tc: string | null;
}

export interface GeneratedStore {
  seconds: number;
  heavyCallers: number;
}

/**
 * The server's version of a case with this status: created (1), then one workflow change per
 * step a department took. A case closed on the call never changed.
 */
function serverVersion(status: CaseStatus): number {
  switch (status) {
    case 'new':
    case 'forwarded':
    case 'closed':
      return 1;
    case 'in-progress':
    case 'rejected':
      return 2;
    case 'resolved':
      return 3;
    case 'reopened':
      return 4;
  }
}

/**
 * Writes the store into `db` (migrated, empty) and returns how long it took. Deterministic:
 * the same size gives the same cases on every run.
 */
export function generateStore(db: Database, size: StoreSize, progress: (line: string) => void = () => {}): GeneratedStore {
  const started = process.hrtime.bigint();
  const rnd = seededRandom(153);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const weighted = <T>(entries: readonly (readonly [T, number])[]): (() => T) => {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    return () => {
      let r = rnd() * total;
      for (const [value, w] of entries) if ((r -= w) < 0) return value;
      return entries.at(-1)![0];
    };
  };
  // Recent cases are still being worked on; older ones are mostly done, a few chased for months.
  const recentStatus = weighted<CaseStatus>([['closed', 45], ['forwarded', 20], ['in-progress', 12], ['resolved', 12], ['new', 3], ['reopened', 2], ['rejected', 6]]);
  const oldStatus = weighted<CaseStatus>([['closed', 70], ['resolved', 15], ['rejected', 9], ['in-progress', 3], ['forwarded', 2], ['reopened', 1]]);
  const RECENT_MS = 60 * 24 * 3600_000;
  const channelOf = weighted<Channel>([['phone', 80], ['whatsapp', 8], ['web-form', 5], ['sms', 2], ['email', 2], ['cimer', 1], ['walk-in', 1], ['field-team', 1]]);
  const wordIndex = zipf(WORD_FORMS.length, 1.0, rnd);

  const citizens: Citizen[] = [];
  const phones = new Set<string>();
  while (citizens.length < size.citizens) {
    const head = rnd() < 0.85 ? pick(['530', '532', '533', '535', '505', '506', '542', '543', '544', '555']) : pick(['212', '216']);
    const phone = `90${head}${String(int(10_000_000)).padStart(7, '0')}`;
    if (phones.has(phone)) continue;
    phones.add(phone);
    citizens.push({ phone, name: rnd() < 0.9 ? `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}` : null, tc: rnd() < 0.3 ? tcKimlikNo(int) : null });
  }

  const owners = caseOwners(size, rnd);

  const insertCitizen = db.prepare(`
    INSERT INTO citizens (id, phone, phone_key, name, tc_kimlik_no, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  // Rows go to a staging table first and into cases with one INSERT … SELECT per batch. Row by
  // row, every INSERT INTO cases is a statement of its own, which makes FTS5 write its pending
  // index data to disk at each one (it must be able to roll a statement back): a segment per
  // case and merges that grow with the index. One statement per batch keeps the triggers that
  // the app uses and lets FTS5 buffer as it does for a migration.
  const COLUMNS = `id, application_no, security_code_hash, citizen_id, type, subject_code, subject,
      description, channel, priority, confidential, urgent, status, unit_code, resolution,
      first_contact_resolution, phone, citizen_name, tc_kimlik_no, linkedid, created_at, updated_at, due_at,
      server_version`;
  db.exec(`CREATE TEMP TABLE case_staging AS SELECT ${COLUMNS} FROM cases WHERE 0`);
  const stage = db.prepare(`
    INSERT INTO temp.case_staging (${COLUMNS})
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const moveStaged = db.prepare(`INSERT INTO cases (${COLUMNS}) SELECT ${COLUMNS} FROM temp.case_staging ORDER BY id`);
  const clearStaged = db.prepare(`DELETE FROM temp.case_staging`);
  const attachments: [number, string][] = [];
  const insertAttachment = db.prepare(`
    INSERT INTO attachments (case_id, file_name, mime_type, size_bytes, sha256, stored_name, added_at)
    VALUES (?, 'foto.jpg', 'image/jpeg', 120000, ?, ?, ?)`);
  const setSequence = db.prepare(`INSERT INTO application_sequences (year, last_sequence) VALUES (?, ?)`);

  const start = STORE_NOW.getTime() - SPAN_MS;
  db.transaction(() => {
    citizens.forEach((c, i) =>
      insertCitizen.run(i + 1, c.phone, phoneSearchKey(c.phone), c.name, c.tc, new Date(start).toISOString(), new Date(start).toISOString()),
    );
  })();

  const securityCodeHash = hashSecurityCode('BENCH234');
  const sequences = new Map<number, number>();
  const sha = 'c'.repeat(64);
  for (let from = 1; from <= size.cases; from += BATCH) {
    db.transaction(() => {
      for (let id = from; id < Math.min(from + BATCH, size.cases + 1); id++) {
        const created = new Date(start + Math.floor(((id - 1) / size.cases) * SPAN_MS) + int(60_000));
        const year = istanbulYear(created);
        const sequence = (sequences.get(year) ?? 0) + 1;
        sequences.set(year, sequence);
        const owner = owners[id - 1]!;
        const citizen = owner < 0 ? null : citizens[owner]!;
        const subject = pick(SUBJECTS);
        const status = STORE_NOW.getTime() - created.getTime() < RECENT_MS ? recentStatus() : oldStatus();
        const fcr = status === 'closed' && rnd() < 0.7;
        const words = Array.from({ length: 8 + int(13) }, () => WORD_FORMS[wordIndex()]!);
        const description = `${words.join(' ')}. ${pick(STREETS)} No ${1 + int(120)}.`;
        const dueAt = fcr || subject.resolutionDays === 0 ? null : new Date(created.getTime() + (1 + subject.resolutionDays * 1.4) * 86_400_000).toISOString();
        const at = created.toISOString();
        stage.run(
          id,
          formatApplicationNo(year, sequence),
          securityCodeHash,
          owner < 0 ? null : owner + 1,
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
          serverVersion(status),
        );
        if (rnd() < 0.02) attachments.push([id, at]);
      }
      moveStaged.run();
      clearStaged.run();
      for (const [id, at] of attachments.splice(0)) insertAttachment.run(id, sha, `${sha}.jpg`, at);
    })();
    const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    progress(`generated ${Math.min(from + BATCH - 1, size.cases).toLocaleString('en')} / ${size.cases.toLocaleString('en')} cases (${elapsed.toFixed(0)} s)`);
  }
  db.transaction(() => {
    for (const [year, last] of sequences) setSequence.run(year, last);
    // The desk last exchanged with the server at the store's "now": everything is in sync.
    writeLastSyncAt(db, STORE_NOW.toISOString());
  })();
  db.exec('DROP TABLE temp.case_staging');

  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, heavyCallers: heavyCount(size) };
}

function heavyCount(size: StoreSize): number {
  const perCaller = (HEAVY_MIN + HEAVY_MAX) / 2;
  // Never more than a third of the cases, so small quick runs keep ordinary callers too.
  return Math.min(Math.round(size.citizens * HEAVY_SHARE), Math.floor(size.cases / 3 / perCaller), size.citizens);
}

/**
 * Who each case belongs to (a citizen index; -1: no caller number), in case id order. The
 * first heavyCount citizens get HEAVY_MIN…HEAVY_MAX cases each, 5 % of the rest have no
 * number, the others are spread over the ordinary citizens; then shuffled, so every caller's
 * cases spread over the two years.
 */
function caseOwners(size: StoreSize, rnd: () => number): Int32Array {
  const int = (n: number) => Math.floor(rnd() * n);
  const owners = new Int32Array(size.cases);
  const heavy = heavyCount(size);
  let next = 0;
  for (let h = 0; h < heavy; h++) {
    const count = HEAVY_MIN + int(HEAVY_MAX - HEAVY_MIN + 1);
    for (let k = 0; k < count && next < size.cases; k++) owners[next++] = h;
  }
  const ordinary = size.citizens - heavy;
  while (next < size.cases) owners[next++] = ordinary === 0 || rnd() < 0.05 ? -1 : heavy + int(ordinary);
  for (let i = owners.length - 1; i > 0; i--) {
    const j = int(i + 1);
    const t = owners[i]!;
    owners[i] = owners[j]!;
    owners[j] = t;
  }
  return owners;
}

function tcKimlikNo(int: (n: number) => number): string {
  const d = [1 + int(9), ...Array.from({ length: 8 }, () => int(10))];
  const odd = d[0]! + d[2]! + d[4]! + d[6]! + d[8]!;
  const even = d[1]! + d[3]! + d[5]! + d[7]!;
  const tenth = (((odd * 7 - even) % 10) + 10) % 10;
  return [...d, tenth, (odd + even + tenth) % 10].join('');
}

/** Bulk load only: no journal, no fsync, a cache that holds the indexes being built. */
export function bulkLoadPragmas(db: Database): void {
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -2000000');
}

/** Callers of the store by how many cases they have: the frequent ones and the others. */
export function callersByHistory(db: Database): { heavy: string[]; ordinary: string[] } {
  const rows = db
    .prepare<[], { phone: string; n: number }>(
      `SELECT z.phone, count(*) AS n FROM cases AS c JOIN citizens AS z ON z.id = c.citizen_id
       GROUP BY c.citizen_id ORDER BY c.citizen_id`,
    )
    .all();
  return {
    heavy: rows.filter((r) => r.n >= HEAVY_MIN && r.n <= HEAVY_MAX).map((r) => r.phone),
    ordinary: rows.filter((r) => r.n < 20).map((r) => r.phone),
  };
}
