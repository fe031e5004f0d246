import type { Database } from 'better-sqlite3';
import type { AgentCall, ScreenPop } from '../../core/call.js';
import type { CaseRecord } from '../../core/case.js';
import { callerContextOf, matchIncidents, type Incident } from '../../core/incident.js';
import {
  casesByPhone,
  countCasesByPhone,
  findCitizenByPhone,
  openCasesByPhone,
  recentCasesByPhone,
} from '../../db/caseRepository.js';

/**
 * The newest of a caller's cases on the pop. A frequent caller has 150 or more: sending and
 * drawing them all would hold up the pop the operator is waiting for (every row drawn while the
 * phone rings costs about a millisecond on a busy desk), while the newest few and the open ones
 * are what the first words of the call are about. The rest come on request.
 */
export const POP_LATEST_CASES = 3;
/** Open cases on the pop whatever their age, the newest first; beyond these they are counted, not sent. */
export const POP_OPEN_CASES = 3;
const REPEAT_CALL_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

const isOpen = (c: CaseRecord) => c.sla !== 'done';
/** The order of the repository's caller queries: created_at, then id, both descending. */
const newestFirst = (a: CaseRecord, b: CaseRecord) => (a.createdAt === b.createdAt ? b.id - a.id : a.createdAt < b.createdAt ? 1 : -1);

/**
 * The call, the caller's name on record, their latest and open cases with the counts, repeat-call
 * candidates, and the active incidents they may be calling about.
 */
export function screenPopOf(db: Database, call: AgentCall, now: Date, incidents: readonly Incident[] = []): ScreenPop {
  const phone = call.callerNumber;
  // One read transaction: the cases and their counts agree even while a pull writes.
  return db.transaction((): ScreenPop => {
    const citizen = findCitizenByPhone(db, phone);
    const latest = casesByPhone(db, phone, POP_LATEST_CASES, now);
    const counts = countCasesByPhone(db, phone);
    // Open cases among the latest are there already; the index is asked only when there are others.
    const olderOpen = counts.open > latest.filter(isOpen).length ? openCasesByPhone(db, phone, POP_OPEN_CASES, now) : [];
    const shown = new Set(latest.map((c) => c.id));
    const previousCases = [...latest, ...olderOpen.filter((c) => !shown.has(c.id))].sort(newestFirst);
    // A case recorded on this very call does not make the call a repeat.
    const repeatCandidates = recentCasesByPhone(db, phone, new Date(now.getTime() - REPEAT_CALL_WINDOW_MS), now).filter((c) => c.linkedid !== call.linkedid);
    return {
      call,
      knownName: citizen?.name ?? null,
      previousCases,
      caseCounts: counts,
      repeatCandidates,
      incidents: incidents.length === 0 ? [] : matchIncidents(incidents, callerContextOf([...previousCases, ...repeatCandidates], citizen?.address ?? null), now),
    };
  })();
}

/** A page of the caller's whole history, newest first, with how many there are: "show all" on the pop. */
export function callerHistory(
  db: Database,
  phone: string,
  page: { offset: number; limit: number },
  now: Date,
): { knownName: string | null; cases: CaseRecord[]; total: number } {
  return db.transaction(() => ({
    knownName: findCitizenByPhone(db, phone)?.name ?? null,
    cases: casesByPhone(db, phone, page.limit, now, page.offset),
    total: countCasesByPhone(db, phone).all,
  }))();
}
