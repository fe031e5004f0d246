import type { Database, Statement } from 'better-sqlite3';
import type { CaseSearchFilters, CaseSearchQuery, CaseSearchResult } from '../core/case.js';
import { formatApplicationNo, parseApplicationNo } from '../core/applicationNumber.js';
import { DAY_MS, istanbulDay, istanbulInstant } from '../core/istanbulTime.js';
import { phoneSearchKey } from '../core/phone.js';
import { DUE_SOON_MS } from '../core/sla.js';
import { foldTurkish } from '../core/turkishText.js';
import {
  CASE_COLUMNS,
  caseFromRow,
  DONE_STATUSES,
  OPEN_STATUSES,
  preparedBySql,
  sqlList,
} from './caseRows.js';
import type { CaseRow } from './caseRows.js';

/**
 * What the search box's text means. A whole application number, a phone number or an 11-digit
 * T.C. kimlik no is looked up exactly through its index; anything else is words for the
 * full-text index, each a prefix ("kaldır" finds "kaldırım"), all of them required.
 */
export type SearchText =
  | { kind: 'all' }
  | { kind: 'applicationNo'; applicationNo: string }
  | { kind: 'tcKimlikNo'; tcKimlikNo: string }
  | { kind: 'phone'; phoneKey: string }
  | { kind: 'words'; match: string };

/** Digits with the punctuation people put in phone numbers, and nothing else. */
const NUMBER_ONLY = /^[+(]?[0-9][0-9 ()./-]*$/;
/** `2026-00012…`: the start of an application number (its year), not a phone or T.C. no. */
const APPLICATION_NO_START = /^2[0-9]{3}[-\s]/;
const TC_KIMLIK_SHAPE = /^[1-9][0-9]{10}$/;
/** National numbers and their 0-, 90-, 0090- forms (core/phone.ts). */
const NATIONAL_PHONE = /^(?:0|90|0090)?[0-9]{10}$/;
const MAX_WORDS = 12;

export function parseSearchText(text: string): SearchText {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'all' };

  const applicationNo = parseApplicationNo(trimmed);
  if (applicationNo !== null) {
    const { year, sequence, prefix } = applicationNo;
    return { kind: 'applicationNo', applicationNo: formatApplicationNo(year, sequence, prefix ?? undefined) };
  }

  if (NUMBER_ONLY.test(trimmed) && !APPLICATION_NO_START.test(trimmed)) {
    const digits = trimmed.replace(/\D/g, '');
    // A phone number with 11 digits starts with 0; a T.C. kimlik no never does.
    if (TC_KIMLIK_SHAPE.test(digits)) return { kind: 'tcKimlikNo', tcKimlikNo: digits };
    const phoneKey = phoneSearchKey(digits);
    if (phoneKey !== null && NATIONAL_PHONE.test(digits)) return { kind: 'phone', phoneKey };
    // Part of a number: one token, so "0532 111" is the prefix 0532111 / 532111 of a phone.
    return ftsWords([digits]);
  }

  return ftsWords(foldTurkish(trimmed).match(/[\p{L}\p{N}]+/gu) ?? []);
}

/**
 * An FTS5 query over folded tokens (letters and digits only, so quoting them is safe): every
 * token required, each a prefix. A one-character token matches only itself (as a prefix it
 * would read a large part of the index). A number starting with 0 also tries it without the 0:
 * phones are indexed in their 10-digit national form.
 */
function ftsWords(tokens: readonly string[]): SearchText {
  const terms = [...new Set(tokens)].slice(0, MAX_WORDS).map((token) => {
    if (token.length === 1) return `"${token}"`;
    if (/^0[0-9]{2,}$/.test(token)) return `("${token}"* OR "${token.slice(1)}"*)`;
    return `"${token}"*`;
  });
  return terms.length === 0 ? { kind: 'all' } : { kind: 'words', match: terms.join(' AND ') };
}

interface SearchSql {
  count: string;
  rows: string;
  params: Record<string, unknown>;
}

const OPEN = `status IN (${sqlList(OPEN_STATUSES)})`;
const DONE = `status IN (${sqlList(DONE_STATUSES)})`;

/**
 * The WHERE terms of the filters. `indexed`: whether the filters may choose the index. When
 * the text already narrows the search (an exact number, or full-text matches walked in id
 * order) a filter column's index would only compete with the better plan, so its terms get a
 * unary + (SQLite's way to say "do not use an index for this term").
 */
function filterTerms(
  filters: CaseSearchFilters,
  now: Date,
  indexed: boolean,
): { terms: string[]; params: Record<string, unknown> } {
  const col = (name: string) => (indexed ? `c.${name}` : `+c.${name}`);
  const terms: string[] = [];
  const params: Record<string, unknown> = {};

  const statuses = [...new Set(filters.status)];
  if (statuses.length > 0) {
    const names = statuses.map((_, i) => `$status${i}`);
    statuses.forEach((status, i) => (params[`status${i}`] = status));
    terms.push(`${col('status')} IN (${names.join(', ')})`);
  }
  if (filters.unitCode !== null) {
    terms.push(`${col('unit_code')} = $unitCode`);
    params.unitCode = filters.unitCode;
  }
  if (filters.subjectCode !== null) {
    terms.push(`${col('subject_code')} = $subjectCode`);
    params.subjectCode = filters.subjectCode;
  }
  if (filters.channel !== null) {
    terms.push(`${col('channel')} = $channel`);
    params.channel = filters.channel;
  }
  if (filters.from !== null) {
    terms.push(`${col('created_at')} >= $fromAt`);
    params.fromAt = istanbulDayStart(filters.from).toISOString();
  }
  if (filters.to !== null) {
    terms.push(`${col('created_at')} < $toBefore`);
    params.toBefore = new Date(istanbulDayStart(filters.to).getTime() + DAY_MS).toISOString();
  }
  if (filters.sla !== null) {
    // The same rule as core's slaState, in SQL. ISO instants compare as text in time order.
    // `c.status IN (open…)` must stay word for word the WHERE of the index cases_open_due_at.
    const open = indexed ? `c.${OPEN}` : `+c.${OPEN}`;
    const dueAt = col('due_at');
    switch (filters.sla) {
      case 'done':
        terms.push(indexed ? `c.${DONE}` : `+c.${DONE}`);
        break;
      case 'overdue':
        terms.push(open, `${dueAt} < $now`);
        break;
      case 'due-soon':
        terms.push(open, `${dueAt} >= $now`, `${dueAt} <= $dueSoon`);
        break;
      case 'on-time':
        terms.push(open, `(${dueAt} IS NULL OR ${dueAt} > $dueSoon)`);
        break;
    }
    if (filters.sla !== 'done') {
      params.now = now.toISOString();
      params.dueSoon = new Date(now.getTime() + DUE_SOON_MS).toISOString();
    }
  }
  return { terms, params };
}

/** Midnight at the start of an Istanbul civil date `YYYY-MM-DD`. */
function istanbulDayStart(date: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return istanbulInstant(istanbulDay(year, month, day), 0);
}

const where = (terms: readonly string[]) => (terms.length === 0 ? '' : `WHERE ${terms.join('\n      AND ')}`);

/**
 * Results come newest recorded first: by id, which AUTOINCREMENT hands out in recording order.
 * That is the order the full-text index keeps its matches in and the order a one-column index
 * keeps its entries in, so a page costs its length rather than the number of matches.
 */
export function caseSearchSql(text: SearchText, filters: CaseSearchFilters, now: Date): SearchSql {
  const { terms, params } = filterTerms(filters, now, text.kind === 'all');

  if (text.kind === 'words') {
    params.match = text.match;
    // CROSS JOIN keeps the full-text index as the outer loop: matches in rowid order, each
    // case read by its primary key, and the walk stops once a page is full.
    const from = `FROM cases_fts AS f CROSS JOIN cases AS c ON c.id = f.rowid`;
    const all = ['f.cases_fts MATCH $match', ...terms];
    return {
      count:
        terms.length === 0
          ? `SELECT count(*) FROM cases_fts WHERE cases_fts MATCH $match`
          : `SELECT count(*) ${from} ${where(all)}`,
      rows: `SELECT ${CASE_COLUMNS} ${from} ${where(all)}
        ORDER BY f.rowid DESC LIMIT $limit OFFSET $offset`,
      params,
    };
  }

  switch (text.kind) {
    case 'applicationNo':
      terms.unshift('c.application_no = $applicationNo');
      params.applicationNo = text.applicationNo;
      break;
    case 'tcKimlikNo':
      terms.unshift('c.tc_kimlik_no = $tcKimlikNo');
      params.tcKimlikNo = text.tcKimlikNo;
      break;
    case 'phone':
      terms.unshift('c.citizen_id = (SELECT id FROM citizens WHERE phone_key = $phoneKey)');
      params.phoneKey = text.phoneKey;
      break;
    case 'all':
      break;
  }
  return {
    count: `SELECT count(*) FROM cases AS c ${where(terms)}`,
    rows: `SELECT ${CASE_COLUMNS} FROM cases AS c ${where(terms)}
      ORDER BY c.id DESC LIMIT $limit OFFSET $offset`,
    params,
  };
}

function prepared<R>(db: Database, sql: string, pluck: boolean): Statement<[Record<string, unknown>], R> {
  const cache = preparedBySql(db);
  const key = pluck ? `pluck:${sql}` : sql;
  let statement = cache.get(key);
  if (statement === undefined) {
    statement = db.prepare<[Record<string, unknown>], unknown>(sql);
    if (pluck) statement.pluck();
    cache.set(key, statement);
  }
  return statement as Statement<[Record<string, unknown>], R>;
}

/**
 * Cases matching the search box's text (parsed by parseSearchText) and the filters, newest
 * first, with the number of all matches for the pager. Dates are Istanbul civil dates,
 * inclusive; the SLA filter is evaluated at `now` exactly as CaseRecord.sla is.
 */
export function searchCases(db: Database, query: CaseSearchQuery, now: Date): CaseSearchResult {
  const sql = caseSearchSql(parseSearchText(query.text), query.filters, now);
  // One read transaction: the count and the page see the same snapshot.
  return db.transaction((): CaseSearchResult => {
    const total = prepared<number>(db, sql.count, true).get(sql.params) ?? 0;
    if (total <= query.offset) return { total, rows: [] };
    const rows = prepared<CaseRow>(db, sql.rows, false)
      .all({ ...sql.params, limit: query.limit, offset: query.offset })
      .map((row) => caseFromRow(row, now));
    return { total, rows };
  })();
}
