/**
 * Mass incidents on the desk (issue 17), in the host, on a 1 M-case store:
 *
 *   1. Attach from pop to saved: the host's `incidents.attach` request (main/host/dispatch.ts:
 *      the contract's schema, then main/host/incidentService.ts) with the real case desk
 *      (main/host/caseService.ts createCaseHandlers) on the real SQLite file, and the host's work
 *      after the save as host.ts does it in onSaved: `cases.saved` emitted, the outbox counts the
 *      sync status shows (sync.localChange's refreshCounts), the pop recomputed for the call
 *      with the incidents and emitted; every event and the answer JSON-encoded as browser mode
 *      sends them. The call on the desk is a fake AgentCall whose caller changes every sample:
 *      four fifths new to the incident (a third each: citizens of the store with 130–160 cases,
 *      with fewer than 20, numbers the store has never seen), a fifth already attached (the
 *      repeat path: a note on their case). One incident has BENCH_ATTACHED (5,000) cases attached before
 *      timing. Baseline in the same run, alternating with it: `cases.create` of an ordinary
 *      typed case through the same dispatch, the same onSaved, the same store, the same kind of
 *      callers. A third row alternates with both: scrypt alone (hashSecurityCode), the floor
 *      every new case pays.
 *   2. What incident matching adds to the screen-pop: main/host/screenPop.ts screenPopOf with the
 *      desk's active list (20 incidents over 8 districts, most naming neighbourhoods) against
 *      screenPopOf with none, for the same callers (every other one with 130–160 cases, as in
 *      bench/amiScreenPop.bench.ts), alternating in ABBA order; 85 % of the store's citizens have
 *      an address on record (district and neighbourhood from the catalogue, in the forms people
 *      type), so the district and neighbourhood rules run. Also the same pair with the pop
 *      JSON-encoded, as the host sends it (a suggestion carries its whole incident), the matching
 *      alone, and the matching alone with larger lists (stress rows, up to the schema's limits).
 *
 * Every row gives wall time, this process's CPU time (what load stretches less) and the 1-minute
 * load average sampled after each sample.
 *
 * The store is bench/caseStoreData.ts's, cached in BENCH_FILE (default $TMPDIR/cases-1m.sqlite,
 * the file the other store benchmarks are pointed at; built there when missing, ~5 min) and
 * copied (SQLite's online backup) into a temporary folder, so the cached file stays as it is.
 * Addresses, the incidents and the attached cases are written into the copy only.
 *
 *   npm run bench:incident-attach
 *   BENCH_FILE=/tmp/s.db   the cached store (BENCH_CASES cases, default 1 000 000)
 *   BENCH_ATTACHED=5000    cases attached to the big incident before timing
 *   BENCH_SAMPLES=500      timed attach and create requests each (after 30 warm-up each)
 *   BENCH_GAP_MS=300       idle between rounds (0: back to back, the pool of ready security codes runs dry)
 *   BENCH_POPS=2000        timed pops with and without incidents each (after 200 warm-up each)
 *   BENCH_NO_RESULTS=1     print only, do not append to RESULTS.md
 */
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AgentCall } from '../core/call.js';
import { NewCaseInput } from '../core/case.js';
import { prepareCase } from '../core/caseRules.js';
import { defaultCatalogue } from '../core/catalogue/defaultCatalogue.js';
import { callerContextOf, Incident, matchIncidents, type MatchReason } from '../core/incident.js';
import { phoneSearchKey } from '../core/phone.js';
import { hashSecurityCode } from '../core/securityCode.js';
import { insertCase } from '../db/caseRepository.js';
import { openDatabase } from '../db/openDatabase.js';
import { acknowledgeChanges, outboxCounts } from '../db/syncOutbox.js';
import { createCaseHandlers } from '../main/host/caseService.js';
import type { CentralApi } from '../main/host/centralApi.js';
import { dispatch, type Handlers } from '../main/host/dispatch.js';
import { createIncidentService } from '../main/host/incidentService.js';
import { screenPopOf } from '../main/host/screenPop.js';
import { cpuMsSince, figures, intFromEnv, load1, machine, memory, seededRandom, type Figures } from './benchSupport.js';
import { bulkLoadPragmas, callersByHistory, generateStore, HEAVY_MAX, HEAVY_MIN, STORE_NOW } from './caseStoreData.js';

const CASES = intFromEnv('BENCH_CASES', 1_000_000);
const ATTACHED = intFromEnv('BENCH_ATTACHED', 5000);
const SAMPLES = intFromEnv('BENCH_SAMPLES', 500);
const POPS = intFromEnv('BENCH_POPS', 2000);
const WARMUP_REQUESTS = 30;
/**
 * Idle time between rounds: one operator saves a case every minute or so, never three in a
 * millisecond, and between saves the host makes the next security codes off its event loop
 * (main/host/securityCodePool.ts). 0 gives the back-to-back figures.
 */
const GAP_MS = intFromEnv('BENCH_GAP_MS', 300);
const WARMUP_POPS = 200;
const ACTIVE_INCIDENTS = 20;
/** Of the timed attach requests, this share is from callers already attached (the repeat path). */
const REPEAT_SHARE = 0.2;
const TARGET_ATTACH_P99_MS = 50;
const TARGET_MATCH_ADDS_P99_MS = 5;
const RESULTS = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
const ACTOR = 'PJSIP/1001';

const rnd = seededRandom(1717);
const int = (n: number) => Math.floor(rnd() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;

// --- The store -----------------------------------------------------------------------------------

/** The cached store, built there first when missing (into a temporary name, renamed when done). */
function cachedStore(): { file: string; built: number | null } {
  const file = process.env.BENCH_FILE || join(tmpdir(), CASES === 1_000_000 ? 'cases-1m.sqlite' : `cases-${CASES}.sqlite`);
  if (existsSync(file)) return { file, built: null };
  const building = `${file}.building-${process.pid}`;
  console.log(`building ${CASES.toLocaleString('en')} cases in ${file} (bench/caseStoreData.ts)…`);
  const db = openDatabase(building);
  bulkLoadPragmas(db);
  const { seconds } = generateStore(db, { cases: CASES, citizens: Math.max(10, Math.round(CASES / 10)) }, (line) => process.stdout.write(`\r  ${line}`));
  process.stdout.write('\n');
  db.close();
  renameSync(building, file);
  return { file, built: seconds };
}

/** A consistent copy (SQLite's online backup: right even if another process writes the file meanwhile). */
async function copyStore(from: string, to: string): Promise<number> {
  const started = performance.now();
  const source = new BetterSqlite3(from, { fileMustExist: true });
  try {
    await source.backup(to);
  } finally {
    source.close();
  }
  return (performance.now() - started) / 1000;
}

/** The forms an operator types a place in: as written, in capitals, with "Mahallesi"/"İlçesi". */
function typed(name: string, kind: 'district' | 'neighbourhood'): string {
  switch (int(4)) {
    case 0:
      return name.toLocaleUpperCase('tr-TR');
    case 1:
      return `${name} ${kind === 'district' ? 'İlçesi' : 'Mahallesi'}`;
    default:
      return name;
  }
}

/**
 * 85 % of the citizens get an address on record (as a case saved with one leaves it). Returns
 * how many, the phones of those in `district`, and each phone's district (as the catalogue names it).
 */
function giveAddresses(db: Database, district: string): { given: number; inDistrict: string[]; districtOf: Map<string, string> } {
  const districts = defaultCatalogue.districts;
  const citizens = db.prepare<[], { id: number; phone: string }>('SELECT id, phone FROM citizens ORDER BY id').all();
  const update = db.prepare<[string, number]>('UPDATE citizens SET address = ? WHERE id = ?');
  let given = 0;
  const inDistrict: string[] = [];
  const districtOf = new Map<string, string>();
  db.transaction(() => {
    for (const { id, phone } of citizens) {
      if (rnd() >= 0.85) continue;
      const chosen = pick(districts);
      const address = {
        district: typed(chosen.name, 'district'),
        neighbourhood: rnd() < 0.9 ? typed(pick(chosen.neighbourhoods), 'neighbourhood') : null,
        street: null,
        detail: null,
      };
      update.run(JSON.stringify(address), id);
      given++;
      districtOf.set(phone, chosen.name);
      if (chosen.name === district) inDistrict.push(phone);
    }
  })();
  return { given, inDistrict, districtOf };
}

// --- The incidents -------------------------------------------------------------------------------

const SUBJECTS: readonly [string, string, string][] = [
  ['su.kesinti', 'su-idaresi', 'Ana isale arızası nedeniyle su kesintisi; suyun 18.00’de gelmesi bekleniyor.'],
  ['enerji.elektrik-kesintisi', 'elektrik-dagitim', 'Trafo arızası: elektrik dağıtım şirketi çalışıyor, akşam saatlerinde gelmesi bekleniyor.'],
  ['su.ariza', 'su-idaresi', 'Boru patlağı onarılıyor; bölgede basınç düşük.'],
  ['yol.kazi', 'fen-isleri', 'Altyapı kazısı nedeniyle cadde trafiğe kapalı.'],
  ['aydinlatma.sokak-lambasi', 'aydinlatma', 'Aydınlatma hattında arıza: ekipler bölgede.'],
  ['enerji.dogalgaz', 'dogalgaz', 'Doğalgaz hattında çalışma: gaz verilmiyor.'],
  ['temizlik.cop', 'temizlik', 'Araç arızası nedeniyle çöpler bugün geç toplanacak.'],
  ['kar.yol-kapali', 'destek', 'Kar nedeniyle yollar kapalı; tuzlama sürüyor.'],
];
/** The big incident's district: the one the 5,000 attached callers are from. */
const BIG_DISTRICT = 'Kadıköy';
const DISTRICTS = [BIG_DISTRICT, 'Üsküdar', 'Esenyurt', 'Beşiktaş', 'Bağcılar', 'Pendik', 'Şişli', 'Fatih'];

/**
 * ACTIVE_INCIDENTS incidents over DISTRICTS, declared in the last hours: the first is the big
 * water cut; three of every four name neighbourhoods (2–12 of the district's), the others cover a
 * whole district; one in five covers two districts.
 */
function activeIncidents(now: Date): Incident[] {
  const byName = new Map(defaultCatalogue.districts.map((d) => [d.name, d]));
  return Array.from({ length: ACTIVE_INCIDENTS }, (_, i) => {
    const [subjectCode, unitCode, message] = SUBJECTS[i % SUBJECTS.length]!;
    const first = DISTRICTS[i % DISTRICTS.length]!;
    const districts = i % 5 === 4 ? [first, DISTRICTS[(i + 3) % DISTRICTS.length]!] : [first];
    const neighbourhoods =
      i % 4 === 3
        ? []
        : districts.flatMap((d) => {
            const all = byName.get(d)!.neighbourhoods;
            const n = Math.min(all.length, 2 + int(11));
            const start = int(all.length);
            return Array.from({ length: n }, (_, k) => all[(start + k) % all.length]!);
          });
    const startsAt = new Date(now.getTime() - (i === 0 ? 3 : 0.5 + rnd() * 5) * 3600_000).toISOString();
    return Incident.parse({
      id: randomUUID(),
      subjectCode,
      unitCode,
      districts,
      neighbourhoods,
      message,
      startsAt,
      expectedEndAt: new Date(now.getTime() + 6 * 3600_000).toISOString(),
      announceQueues: ['alo153'],
      announcementSound: null,
      status: 'active',
      resolution: null,
      closedAt: null,
      declaredBy: 'Takım Lideri',
      createdAt: startsAt,
      updatedAt: startsAt,
      version: 1,
      attachedCount: i === 0 ? ATTACHED : int(200),
      attachedRecently: 0,
    });
  });
}

/**
 * The same incidents over `districts` districts each (their first one, then the next in the
 * catalogue), naming all those districts' neighbourhoods up to the schema's 400.
 */
function stressIncidents(incidents: readonly Incident[], districts: number): Incident[] {
  const all = defaultCatalogue.districts;
  return incidents.map((incident, i) => {
    const first = all.findIndex((d) => d.name === incident.districts[0]);
    const chosen = Array.from({ length: districts }, (_, k) => all[(first + k + (k > 0 ? i : 0)) % all.length]!);
    return Incident.parse({
      ...incident,
      districts: [...new Set(chosen.map((d) => d.name))],
      neighbourhoods: chosen.flatMap((d) => d.neighbourhoods).slice(0, 400),
    });
  });
}

/** What incidents.attach saves for a new caller (incidentService.ts), for the bulk write. */
function attachInput(incident: Incident, phone: string, linkedid: string): NewCaseInput {
  return NewCaseInput.parse({
    subject: defaultCatalogue.subjects.find((s) => s.code === incident.subjectCode)!.name,
    subjectCode: incident.subjectCode,
    type: 'complaint',
    channel: 'phone',
    priority: null,
    confidential: null,
    description: `Toplu olay: ${incident.message}`,
    outcome: 'forwarded',
    resolution: null,
    unitCode: incident.unitCode,
    phone,
    citizenName: null,
    tcKimlikNo: null,
    address: null,
    linkedid,
    draftId: null,
    incidentId: incident.id,
  });
}

/**
 * The attached cases, as incidents.attach writes them (prepareCase, insertCase: citizen upserted
 * and linked, event, outbox row) but with one precomputed security code hash (5,000 scrypts are
 * minutes and write nothing different) and 500 to a transaction; then acknowledged, as the
 * server's answer leaves them (out of the outbox, server_version 1). Created over the 3 hours
 * before `now`.
 */
function writeAttached(db: Database, incident: Incident, phones: readonly string[], now: Date): number {
  const started = performance.now();
  const hash = hashSecurityCode('BENCH234');
  const span = 3 * 3600_000;
  for (let from = 0; from < phones.length; from += 500) {
    db.transaction(() => {
      for (let i = from; i < Math.min(from + 500, phones.length); i++) {
        const at = new Date(now.getTime() - span + Math.floor((i / phones.length) * span));
        const linkedid = `${Math.floor(at.getTime() / 1000)}.${90_000 + i}`;
        insertCase(db, prepareCase(attachInput(incident, phones[i]!, linkedid), defaultCatalogue, at), {
          now: at,
          actor: `PJSIP/${2000 + (i % 300)}`,
          securityCode: 'BENCH234',
          securityCodeHash: hash,
        });
      }
    })();
  }
  acknowledgeChanges(db, db.prepare<[], string>('SELECT change_id FROM sync_outbox').pluck().all());
  return (performance.now() - started) / 1000;
}

/** Numbers the store has never seen (mobile, as most callers are). */
function newNumbers(db: Database, n: number): string[] {
  const known = new Set(db.prepare<[], string>('SELECT phone FROM citizens').pluck().all());
  const out: string[] = [];
  while (out.length < n) {
    const phone = `90${pick(['530', '532', '533', '535', '505', '506', '542', '543', '544', '555'])}${String(int(10_000_000)).padStart(7, '0')}`;
    if (known.has(phone)) continue;
    known.add(phone);
    out.push(phone);
  }
  return out;
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = int(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

// --- Measurement ---------------------------------------------------------------------------------

interface Sample {
  ms: number;
  /** CPU time of this process (all its threads) during the operation: what load does not stretch. */
  cpu: number;
  load: number;
}

interface Row {
  name: string;
  samples: Sample[];
  target: string;
  verdict: string;
}

const timed = async (op: () => unknown): Promise<Sample> => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await op();
  const ms = performance.now() - t0;
  return { ms, cpu: cpuMsSince(c0), load: load1() };
};
const timedSync = (op: () => unknown): Sample => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  op();
  const ms = performance.now() - t0;
  return { ms, cpu: cpuMsSince(c0), load: load1() };
};
const fig = (samples: readonly Sample[]): Figures => figures(samples.map((s) => s.ms));

function call(phone: string, linkedid: string, phase: 'ringing' | 'connected', at: number): AgentCall {
  return {
    linkedid,
    queue: 'alo153',
    callerNumber: phone,
    callerName: null,
    phase,
    ringingSince: at - 20_000,
    answeredAt: phase === 'connected' ? at - 15_000 : null,
    endedAt: null,
    queueWaitSec: phase === 'connected' ? 12 : null,
    talkSec: null,
  };
}

async function main(): Promise<void> {
  const cached = cachedStore();
  const dir = mkdtempSync(join(tmpdir(), 'bench-incident-attach-'));
  const file = join(dir, 'desk.sqlite');
  try {
    console.log(`copying ${cached.file} to ${file}…`);
    const copySeconds = await copyStore(cached.file, file);
    const opening = performance.now();
    const db = openDatabase(file);
    const openSeconds = (performance.now() - opening) / 1000;
    const cases = db.prepare<[], number>('SELECT count(*) FROM cases').pluck().get()!;
    const citizenCount = db.prepare<[], number>('SELECT count(*) FROM citizens').pluck().get()!;
    const sizeMb = statSync(file).size / 1024 / 1024;
    console.log(`  ${cases.toLocaleString('en')} cases, ${citizenCount.toLocaleString('en')} citizens, ${sizeMb.toFixed(0)} MiB; copied in ${copySeconds.toFixed(1)} s, opened in ${openSeconds.toFixed(2)} s`);

    const { given: addressed, inDistrict: inBigDistrict, districtOf } = giveAddresses(db, BIG_DISTRICT);
    const { heavy, ordinary } = callersByHistory(db);
    if (heavy.length === 0 || ordinary.length === 0) throw new Error(`${cached.file} has no callers with ${HEAVY_MIN}–${HEAVY_MAX} cases, or none with few`);

    // --- The desk: the host's case desk and incident service over this store ---------------------
    const runStart = performance.now();
    const now = () => new Date(STORE_NOW.getTime() + (performance.now() - runStart));
    let current: AgentCall | null = null;
    let sent = 0;
    /** Browser mode's transport: every event JSON-encoded for the page's socket. */
    const emit = (event: string, payload: unknown) => {
      sent += JSON.stringify({ event, payload }).length;
    };
    const offline = () => Promise.reject(new Error('the bench desk has no server'));
    const api: CentralApi = { json: offline, text: offline, send: offline, answer: offline };
    const caseHandlers = createCaseHandlers({
      db,
      dataDir: dir,
      catalogue: defaultCatalogue,
      role: 'operator',
      actor: ACTOR,
      now,
      // As host.ts: the lists, the sync status's counts (sync.localChange; its cycle is network), surges
      // looked for again (a team lead's desk only, a second later: a no-op on this operator's desk), the pop.
      onSaved(saved) {
        emit('cases.saved', saved);
        outboxCounts(db);
        incidentService.casesChanged();
        if (current && saved.phone !== null && phoneSearchKey(saved.phone) === phoneSearchKey(current.callerNumber)) {
          emit('call.screenPop', screenPopOf(db, current, now(), incidentService.current()));
        }
      },
    });
    const incidentService = createIncidentService({
      db,
      catalogue: defaultCatalogue,
      api,
      now,
      currentCall: () => current,
      createCase: caseHandlers['cases.create'],
      appendNote: caseHandlers['cases.appendNote'],
      onChanged: (list) => emit('incidents.changed', { incidents: list }),
      // An operator's desk, the one that attaches calls: surges are a team lead's.
      watchSurges: false,
      onSurges: (surges) => emit('incidents.surges', { surges }),
      log: (line) => console.log(line),
    });
    const handlers = { ...caseHandlers, ...incidentService.handlers } as unknown as Handlers;
    const request = async (method: string, params: unknown) => {
      const answer = await dispatch(handlers, method, params, (line) => console.log(line));
      if (!answer.ok) throw new Error(`${method}: ${JSON.stringify(answer.error)}`);
      sent += JSON.stringify({ id: 1, ...answer }).length;
      return answer.value;
    };

    const incidents = activeIncidents(STORE_NOW);
    incidentService.receive({ incidents });
    const big = incidents[0]!;

    // The attached: citizens of the store living in the big incident's district (up to half), then new numbers.
    const fromStore = shuffle(inBigDistrict).slice(0, Math.round(ATTACHED * 0.5));
    const fresh = newNumbers(db, ATTACHED - fromStore.length + SAMPLES * 2 + 2 * WARMUP_REQUESTS);
    const attachedPhones = shuffle([...fromStore, ...fresh.splice(0, ATTACHED - fromStore.length)]);
    console.log(`  ${addressed.toLocaleString('en')} citizens given an address; writing ${ATTACHED.toLocaleString('en')} attached cases (${fromStore.length.toLocaleString('en')} of citizens in ${BIG_DISTRICT}, the rest new numbers)…`);
    const attachSeconds = writeAttached(db, big, attachedPhones, STORE_NOW);
    const attachedCount = db.prepare<[string], number>('SELECT count(*) FROM cases WHERE incident_id = ?').pluck().get(big.id)!;
    console.log(`  ${attachedCount.toLocaleString('en')} cases attached in ${attachSeconds.toFixed(1)} s`);
    const plan = db
      .prepare<[{ incidentId: string; phoneKey: string }], { detail: string }>(
        `EXPLAIN QUERY PLAN SELECT c.id FROM cases AS c
         WHERE c.incident_id = $incidentId AND c.citizen_id = (SELECT id FROM citizens WHERE phone_key = $phoneKey)
         ORDER BY c.created_at, c.id LIMIT 1`,
      )
      .all({ incidentId: big.id, phoneKey: phoneSearchKey(attachedPhones[0]!)! })
      .map((r) => r.detail)
      .join('; ');

    // --- 2. Matching at the pop: the same callers with the active list and with none ------------
    const attachedSet = new Set(attachedPhones);
    const popCallers = Array.from({ length: WARMUP_POPS + POPS }, (_, i) =>
      i % 2 === 0 ? heavy[(i / 2) % heavy.length]! : ordinary[((i - 1) / 2) % ordinary.length]!,
    );
    const withList: Sample[] = [];
    const without: Sample[] = [];
    const withJson: Sample[] = [];
    const withoutJson: Sample[] = [];
    const paired: number[] = [];
    const reasons = new Map<MatchReason | 'none', number>();
    let suggested = 0;
    let elsewhere = 0;
    let popBytesWith = 0;
    let popBytesWithout = 0;
    console.log(`screen-pop with ${incidents.length} active incidents and with none: ${POPS} pops each after ${WARMUP_POPS} warm-up…`);
    for (let i = 0; i < popCallers.length; i++) {
      const ringing = call(popCallers[i]!, `1764061200.${i}`, 'ringing', STORE_NOW.getTime());
      const a = () => screenPopOf(db, ringing, STORE_NOW, incidents);
      const b = () => screenPopOf(db, ringing, STORE_NOW, []);
      const aj = () => JSON.stringify(screenPopOf(db, ringing, STORE_NOW, incidents));
      const bj = () => JSON.stringify(screenPopOf(db, ringing, STORE_NOW, []));
      // ABBA: neither side always runs on the cache the other warmed.
      let sa: Sample;
      let sb: Sample;
      let saj: Sample;
      let sbj: Sample;
      if (i % 2 === 0) {
        sa = timedSync(a);
        sb = timedSync(b);
        sbj = timedSync(bj);
        saj = timedSync(aj);
      } else {
        sb = timedSync(b);
        sa = timedSync(a);
        saj = timedSync(aj);
        sbj = timedSync(bj);
      }
      if (i < WARMUP_POPS) continue;
      withList.push(sa);
      without.push(sb);
      withJson.push(saj);
      withoutJson.push(sbj);
      paired.push(sa.ms - sb.ms);
      const pop = screenPopOf(db, ringing, STORE_NOW, incidents);
      popBytesWith += JSON.stringify(pop).length;
      popBytesWithout += JSON.stringify({ ...pop, incidents: [] }).length;
      if (pop.incidents.length > 0) suggested++;
      for (const s of pop.incidents.length === 0 ? [{ reason: 'none' as const }] : pop.incidents) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
      // An incident offered for an open case of its subject to a caller whose district on record is another.
      const home = districtOf.get(popCallers[i]!);
      for (const s of pop.incidents) {
        if (s.reason === 'open-case' && home !== undefined && !s.incident.districts.includes(home)) elsewhere++;
      }
    }
    // The matching alone, on each caller's pop as the host built it (what screenPopOf adds in JS).
    const contexts = popCallers.slice(WARMUP_POPS).map((phone, i) => {
      const pop = screenPopOf(db, call(phone, `1764061300.${i}`, 'ringing', STORE_NOW.getTime()), STORE_NOW, []);
      return [pop.previousCases, pop.repeatCandidates, db.prepare<[string], string | null>('SELECT address FROM citizens WHERE phone_key = ?').pluck().get(phoneSearchKey(phone)!)] as const;
    });
    const matchAlone = (list: readonly Incident[]) =>
      contexts.map(([previous, repeats, address]) =>
        timedSync(() => matchIncidents(list, callerContextOf([...previous, ...repeats], address === null || address === undefined ? null : JSON.parse(address)), STORE_NOW)),
      );
    const matchingAlone = matchAlone(incidents);
    // Larger lists than a center is likely to have, to show how matching grows with them.
    const wide = stressIncidents(incidents, 3);
    const widest = stressIncidents(incidents, 39);
    const matchingWide = matchAlone(wide);
    const matchingWidest = matchAlone(widest);
    const attachedPopCallers = popCallers.slice(WARMUP_POPS).filter((p) => attachedSet.has(p)).length;

    // --- 1. Attach vs create, alternating, with scrypt alone beside them -------------------------
    // Callers of the store not attached, each used once: a third of the requests each (heavy, ordinary, new number).
    const perKind = Math.ceil((WARMUP_REQUESTS + SAMPLES) / 3) + 1;
    const heavyFree = shuffle(heavy.filter((p) => !attachedSet.has(p)));
    const ordinaryFree = shuffle(ordinary.filter((p) => !attachedSet.has(p)));
    if (heavyFree.length < 2 * perKind || ordinaryFree.length < 2 * perKind) throw new Error(`the store has too few callers for ${SAMPLES} samples`);
    const heavyNew = heavyFree.slice(0, perKind);
    const ordinaryNew = ordinaryFree.slice(0, perKind);
    const heavyCreate = heavyFree.slice(perKind, 2 * perKind);
    const ordinaryCreate = ordinaryFree.slice(perKind, 2 * perKind);
    const repeatPool = shuffle(attachedPhones.slice());
    let nh = 0;
    let no = 0;
    let nr = 0;
    type Kind = 'new, 130–160 past cases' | 'new, fewer than 20' | 'new number' | 'repeat (already attached)';
    /** Attach callers: a fifth repeats; of the rest, a third each heavy, ordinary, a new number. */
    const attachCaller = (i: number): { phone: string; kind: Kind } => {
      if (rnd() < REPEAT_SHARE) return { phone: repeatPool[nr++ % repeatPool.length]!, kind: 'repeat (already attached)' };
      switch (i % 3) {
        case 0:
          return { phone: heavyNew[nh++]!, kind: 'new, 130–160 past cases' };
        case 1:
          return { phone: ordinaryNew[no++]!, kind: 'new, fewer than 20' };
        default:
          return { phone: fresh.pop()!, kind: 'new number' };
      }
    };
    /** Create callers: a third each heavy, ordinary, a new number. */
    const createCaller = (i: number): string =>
      i % 3 === 0 ? heavyCreate[Math.floor(i / 3)]! : i % 3 === 1 ? ordinaryCreate[Math.floor(i / 3)]! : fresh.pop()!;
    const typedCase = (phone: string, linkedid: string) => ({
      subject: 'Sokak lambası yanmıyor',
      subjectCode: 'aydinlatma.sokak-lambasi',
      description: 'Çınar Sokak 14 önündeki direk üç gündür yanmıyor.',
      outcome: 'forwarded',
      phone,
      citizenName: 'Ayşe Yılmaz',
      linkedid,
    });

    const attaches: (Sample & { kind: Kind; repeat: boolean })[] = [];
    const creates: Sample[] = [];
    const scrypts: Sample[] = [];
    const mismatches: string[] = [];
    console.log(`incidents.attach and cases.create: ${SAMPLES} each after ${WARMUP_REQUESTS} warm-up, alternating, scrypt alone beside them, ${GAP_MS} ms idle between rounds…`);
    for (let i = 0; i < WARMUP_REQUESTS + SAMPLES; i++) {
      const linkedid = `${Math.floor(now().getTime() / 1000)}.${200_000 + 2 * i}`;
      const who = attachCaller(i);
      const attach = async () => {
        current = call(who.phone, linkedid, 'connected', now().getTime());
        const value = (await request('incidents.attach', { incidentId: big.id, note: i % 4 === 0 ? 'Bina girişinde su yok.' : null })) as { repeat: boolean };
        if (value.repeat !== (who.kind === 'repeat (already attached)')) mismatches.push(`${who.kind}: repeat ${value.repeat}`);
        return value;
      };
      const createLinkedid = `${Math.floor(now().getTime() / 1000)}.${200_000 + 2 * i + 1}`;
      const createPhone = createCaller(i);
      const create = () => {
        current = call(createPhone, createLinkedid, 'connected', now().getTime());
        return request('cases.create', typedCase(createPhone, createLinkedid));
      };
      const scrypt = () => hashSecurityCode('K7PM2QXR');
      let a: Sample;
      let c: Sample;
      let s: Sample;
      if (i % 2 === 0) {
        a = await timed(attach);
        c = await timed(create);
        s = timedSync(scrypt);
      } else {
        s = timedSync(scrypt);
        c = await timed(create);
        a = await timed(attach);
      }
      current = null;
      if (GAP_MS > 0) await new Promise((resolve) => setTimeout(resolve, GAP_MS));
      if (i < WARMUP_REQUESTS) continue;
      attaches.push({ ...a, kind: who.kind, repeat: who.kind === 'repeat (already attached)' });
      creates.push(c);
      scrypts.push(s);
    }
    if (mismatches.length > 0) throw new Error(`attach took the wrong path: ${mismatches.slice(0, 5).join('; ')}`);
    const finalAttached = db.prepare<[string], number>('SELECT count(*) FROM cases WHERE incident_id = ?').pluck().get(big.id)!;
    incidentService.stop();
    db.close();

    // --- Report ----------------------------------------------------------------------------------
    const createP99 = fig(creates).p99;
    const attachAll = fig(attaches);
    const withP99 = fig(withList).p99;
    const withoutP99 = fig(without).p99;
    const pairedFig = figures(paired);
    const attachRows: Row[] = [
      {
        name: `incidents.attach, all (${Math.round((1 - REPEAT_SHARE) * 100)} % new to the incident, ${Math.round(REPEAT_SHARE * 100)} % repeat)`,
        samples: attaches,
        target: `p99 ≤ ${TARGET_ATTACH_P99_MS} ms`,
        verdict: attachAll.p99 <= TARGET_ATTACH_P99_MS ? 'met' : 'MISSED',
      },
      ...(['new, 130–160 past cases', 'new, fewer than 20', 'new number', 'repeat (already attached)'] as const).map((kind) => ({
        name: `… ${kind}${kind.startsWith('repeat') ? ': a note on their case' : ': a new case under the incident'}`,
        samples: attaches.filter((a) => a.kind === kind),
        target: '',
        verdict: '',
      })),
      {
        name: '… all new to the incident (a case saved)',
        samples: attaches.filter((a) => !a.repeat),
        target: '',
        verdict: '',
      },
      { name: 'baseline: cases.create, an ordinary typed case (same dispatch, onSaved, store; ⅓ each kind of caller)', samples: creates, target: '', verdict: '' },
      { name: 'floor: scrypt alone (hashSecurityCode, what every new case pays inside cases.create)', samples: scrypts, target: '', verdict: '' },
    ];
    const popRows: Row[] = [
      { name: `screenPopOf with the ${incidents.length} active incidents`, samples: withList, target: '', verdict: '' },
      { name: 'baseline: screenPopOf with none', samples: without, target: '', verdict: '' },
      { name: `JSON.stringify(screenPopOf(…)) with the ${incidents.length} active incidents (as the host sends it)`, samples: withJson, target: '', verdict: '' },
      { name: 'baseline: JSON.stringify(screenPopOf(…)) with none', samples: withoutJson, target: '', verdict: '' },
      { name: 'matching alone: callerContextOf + matchIncidents on the pop\'s cases', samples: matchingAlone, target: '', verdict: '' },
      {
        name: `stress, matching alone: the ${wide.length} incidents each over 3 districts naming all their neighbourhoods (${Math.round(wide.reduce((n, x) => n + x.neighbourhoods.length, 0) / wide.length)} on average)`,
        samples: matchingWide,
        target: '',
        verdict: '',
      },
      {
        name: `stress, matching alone: the ${widest.length} incidents each over all 39 districts naming 400 neighbourhoods (the most the schema allows)`,
        samples: matchingWidest,
        target: '',
        verdict: '',
      },
    ];
    const ms = (v: number) => (v >= 10 ? v.toFixed(1) : v.toFixed(2));
    const loadOf = (samples: readonly Sample[]) => {
      const loads = samples.map((s) => s.load);
      return `${(loads.reduce((x, y) => x + y, 0) / loads.length).toFixed(2)} (${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)})`;
    };
    const table = (rows: readonly Row[], baseP99: number, baseName: string) =>
      [
        `| request | n | p50 ms | p95 ms | p99 ms | max ms | p99 ÷ ${baseName} p99 | CPU ms p50 / p99 | load, 1-min avg: mean (min–max) | target | |`,
        '|---|--:|--:|--:|--:|--:|--:|--:|--:|---|---|',
        ...rows.map((r) => {
          const f = fig(r.samples);
          const cpu = figures(r.samples.map((x) => x.cpu));
          return `| ${r.name} | ${f.count} | ${ms(f.p50)} | ${ms(f.p95)} | ${ms(f.p99)} | ${ms(f.max)} | ${(f.p99 / baseP99).toFixed(2)} | ${ms(cpu.p50)} / ${ms(cpu.p99)} | ${loadOf(r.samples)} | ${r.target} | ${r.verdict} |`;
        }),
      ].join('\n');
    const addsP99 = withP99 - withoutP99;
    const matchVerdict = addsP99 <= TARGET_MATCH_ADDS_P99_MS && pairedFig.p99 <= TARGET_MATCH_ADDS_P99_MS ? 'met' : 'MISSED';
    const reasonText = [...reasons].sort((x, y) => y[1] - x[1]).map(([r, n]) => `${r} ${n}`).join(', ');

    const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
    const section = [
      `### Attaching calls to a mass incident (issue 17, bench/incidentAttach.bench.ts), ${when} UTC`,
      '',
      `Machine: ${machine()}, ${memory()}. The 2 cores are shared: the 1-minute load average is sampled after every timed request and given beside each figure.`,
      '',
      `Store: ${cached.file} (bench/caseStoreData.ts${cached.built === null ? ', reused' : `, built in ${cached.built.toFixed(0)} s`}), copied with SQLite's backup in ${copySeconds.toFixed(0)} s and opened as the desk opens it (WAL, migrations, PRAGMA optimize) in ${openSeconds.toFixed(2)} s: ${cases.toLocaleString('en')} cases, ${citizenCount.toLocaleString('en')} citizens (${heavy.length.toLocaleString('en')} with ${HEAVY_MIN}–${HEAVY_MAX} cases), ${sizeMb.toFixed(0)} MiB; ${addressed.toLocaleString('en')} citizens given an address on record in the copy. ` +
        `${incidents.length} active incidents (${SUBJECTS.length} subjects, ${DISTRICTS.length} districts, ${incidents.filter((x) => x.neighbourhoods.length > 0).length} naming 2–12 neighbourhoods per district, ${incidents.filter((x) => x.districts.length > 1).length} over two districts) received as the live channel brings them (incidentService.receive). ` +
        `${attachedCount.toLocaleString('en')} cases attached to the first (a water cut in ${BIG_DISTRICT}) before timing, ${fromStore.length.toLocaleString('en')} of them by citizens of the store and the rest by new numbers, written with prepareCase + insertCase (500 to a transaction, one precomputed security code hash) and acknowledged as the server's answer leaves them, in ${attachSeconds.toFixed(0)} s; ${finalAttached.toLocaleString('en')} attached at the end of the run. ` +
        `The caller's earlier case for the repeat path is found by \`incidentCaseOfCaller\`, whose plan is: ${plan}.`,
      '',
      `**1. Attach from pop to saved, in the host.** ${SAMPLES} timed requests each after ${WARMUP_REQUESTS} warm-up, alternating (ABBA) attach, create and scrypt alone, ${GAP_MS} ms idle between rounds (an operator saves about once a minute; the host makes security codes ahead in that time). Each timed request is the host's \`dispatch\` (the contract's schema) → handler → the work host.ts does in onSaved (\`cases.saved\` and the recomputed pop with its incident suggestions emitted, the outbox counts for the sync status) → the answer; every event and the answer JSON-encoded as browser mode sends them (${(sent / 1024 / 1024).toFixed(1)} MiB in all). Not in it: the WebSocket/IPC write itself, the renderer, and the sync push (a network round trip after the answer).`,
      '',
      table(attachRows, createP99, 'create'),
      '',
      `**2. What incident matching adds to the screen-pop.** ${POPS} pops each after ${WARMUP_POPS} warm-up, the same caller with the list and without it back to back (ABBA); every other caller has ${HEAVY_MIN}–${HEAVY_MAX} past cases, the others fewer than 20 (${attachedPopCallers} of the ${POPS} are among the attached). ` +
        `${suggested} of ${POPS} pops (${((suggested / POPS) * 100).toFixed(0)} %) offered at least one incident; suggestions by reason: ${reasonText} (${elsewhere} of the open-case ones went to a caller whose district on record is not the incident's). The pop JSON is ${(popBytesWith / POPS / 1024).toFixed(1)} KiB on average with the suggestions, ${(popBytesWithout / POPS / 1024).toFixed(1)} KiB without.`,
      '',
      table(popRows, withoutP99, 'none'),
      '',
      `Matching adds ${ms(addsP99)} ms at p99 (p99 with ÷ p99 without: ${(withP99 / withoutP99).toFixed(2)}); the per-caller difference (with − without, the same caller back to back) is ${ms(pairedFig.p50)} ms at p50, ${ms(pairedFig.p95)} at p95, ${ms(pairedFig.p99)} at p99. Target: adds ≤ ${TARGET_MATCH_ADDS_P99_MS} ms at p99: ${matchVerdict}.`,
      '',
    ].join('\n');
    console.log(`\n${section}`);
    if (process.env.BENCH_NO_RESULTS !== '1') {
      appendFileSync(RESULTS, `\n${section}`);
      console.log(`appended to ${RESULTS}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
