import type { Database, Statement } from 'better-sqlite3';
import type { CaseSearchFilters, CaseSearchQuery, CaseSearchResult } from '../core/case.js';
import { formatApplicationNo, parseApplicationNo } from '../core/applicationNumber.js';
import { DAY_MS, istanbulDay, istanbulInstant } from '../core/istanbulTime.js';
import { phoneSearchKey } from '../core/phone.js';
import { DUE_SOON_MS } from '../core/sla.js';
import { isValidTcKimlikNo } from '../core/tcKimlik.js';
import {
  CASE_COLUMNS,
  caseFromRow,
  DONE_STATUSES,
  OPEN_STATUSES,
  preparedBySql,
  sqlList,
  statementCache,
} from './caseRows.js';
import type { CaseRow } from './caseRows.js';
import { facetToken, searchTokens } from './searchTokens.js';
import { deskIdentity } from './syncMeta.js';

/**
 * What the search box's text means. A whole application number, a phone number or an 11-digit
 * T.C. kimlik no is looked up exactly through its index; anything else is words for the
 * full-text index, each a prefix ("kaldır" finds "kaldırım"), all of them required. A word is
 * a list of alternatives: "0532111" may also be the phone prefix "532111".
 *
 * A T.C. kimlik no is found only whole, for every role: the full-text index does not hold it
 * (migration 0012). Were part of one a prefix that finds the case, whoever sees the number
 * masked could rebuild it a digit at a time from which searches still find it.
 */
export type SearchText =
  | { kind: 'all' }
  | { kind: 'applicationNo'; applicationNo: string }
  /** The start of an application number typed without its dashes: `20260001234` is `2026-0001234-…`. */
  | { kind: 'applicationNoPrefix'; prefix: string }
  | { kind: 'tcKimlikNo'; tcKimlikNo: string }
  | { kind: 'phone'; phoneKey: string }
  | { kind: 'words'; words: string[][] };

/** Digits with the punctuation people put in phone numbers, and nothing else. */
const NUMBER_ONLY = /^[+(]?[0-9][0-9 ()./-]*$/;
/** `2026-00012…`: the start of an application number (its year), not a phone or T.C. no. */
const APPLICATION_NO_START = /^2[0-9]{3}[-\s]/;
const TC_KIMLIK_SHAPE = /^[1-9][0-9]{10}$/;
/** National numbers and their 0-, 90-, 0090- forms (core/phone.ts). */
const NATIONAL_PHONE = /^(?:0|90|0090)?[0-9]{10}$/;
const MAX_WORDS = 12;
/**
 * Year (20xx) and at least 4 digits of the sequence, no dashes: an application number being
 * typed (or read out) without its dashes, which the words of the index (`2026`, `0001234`)
 * cannot find. No Turkish phone number starts with 20 (there is no area code 20x), and fewer
 * sequence digits would match too many cases to be worth a range.
 */
const APPLICATION_NO_DIGITS = /^(20[0-9]{2})([0-9]{4,7})$/;

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
    const started = APPLICATION_NO_DIGITS.exec(digits);
    // Eleven digits may also be a T.C. kimlik no: only one whose check digits hold is taken as one.
    if (started && !isValidTcKimlikNo(digits)) return { kind: 'applicationNoPrefix', prefix: `${started[1]}-${started[2]}` };
    // A phone number with 11 digits starts with 0; a T.C. kimlik no never does.
    if (TC_KIMLIK_SHAPE.test(digits)) return { kind: 'tcKimlikNo', tcKimlikNo: digits };
    const phoneKey = phoneSearchKey(digits);
    if (phoneKey !== null && NATIONAL_PHONE.test(digits)) return { kind: 'phone', phoneKey };
    // Part of a number: one word, so "0532 111" is the start of a phone's 0532111… / 532111….
    return words([digits]);
  }
  return words(searchTokens(trimmed));
}

/** Phones are indexed in their 10-digit national form: a number typed with its 0 tries both. */
function words(tokens: readonly string[]): SearchText {
  const list = tokens.slice(0, MAX_WORDS).map((token) => (/^0[0-9]{2,}$/.test(token) ? [token, token.slice(1)] : [token]));
  return list.length === 0 ? { kind: 'all' } : { kind: 'words', words: list };
}

/** More indexed words than this under one prefix: let FTS5 merge them itself. */
const MAX_EXPANSION = 40;

/**
 * The FTS5 expression for one word typed as a prefix. Every string quoted here is a
 * searchTokens token (letters and digits only) or a facet token.
 *   - one character: that word only (as a prefix it would read much of the index);
 *   - two or three: a prefix query, answered from the prefix index (prefix = '2 3');
 *   - longer: the indexed words that start with it, from search_terms, OR-ed: FTS5 streams
 *     those in rowid order, where a prefix query would first merge all their doclists. With
 *     none (nothing to find, cheaply) or too many, FTS5's own prefix query.
 */
function wordExpression(db: Database, alternatives: readonly string[]): string {
  const parts: string[] = [];
  for (const token of alternatives) {
    const terms = token.length <= 3 ? [] : termsStartingWith(db).all({ prefix: token, limit: MAX_EXPANSION + 1 });
    if (token.length === 1) parts.push(`"${token}"`);
    else if (terms.length === 0 || terms.length > MAX_EXPANSION) parts.push(`"${token}"*`);
    else parts.push(...terms.map((term) => `"${term}"`));
  }
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
}

const termsStartingWith = statementCache((db: Database) =>
  db
    .prepare<[{ prefix: string; limit: number }], string>(
      // char(0x10FFFF) sorts after every character that can follow the prefix.
      `SELECT term FROM search_terms WHERE term >= $prefix AND term < $prefix || char(1114111)
       ORDER BY term LIMIT $limit`,
    )
    .pluck(),
);

interface SearchSql {
  /** Every match counted: as slow as there are matches (386 000 for "ka" in a million cases). */
  count: string;
  /** Matches counted up to $countLimit: stops early, so a page costs the same whatever matches. */
  countUpTo: string;
  rows: string;
  params: Record<string, unknown>;
}

/** `SELECT count(*)` over the rows of `from`, stopping after $countLimit of them. */
const countUpTo = (from: string) => `SELECT count(*) FROM (SELECT 1 ${from} LIMIT $countLimit)`;

const OPEN = `status IN (${sqlList(OPEN_STATUSES)})`;
const DONE = `status IN (${sqlList(DONE_STATUSES)})`;

/** Istanbul midnight at the start of `YYYY-MM-DD`, and the first instant after `to`'s day. */
function dateBounds(filters: CaseSearchFilters): { fromAt: string | null; toBefore: string | null } {
  const start = (date: string) => {
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    return istanbulInstant(istanbulDay(year, month, day), 0);
  };
  return {
    fromAt: filters.from === null ? null : start(filters.from).toISOString(),
    toBefore: filters.to === null ? null : new Date(start(filters.to).getTime() + DAY_MS).toISOString(),
  };
}

/**
 * The WHERE terms of the filters on cases `c`. `indexed`: whether the filters may choose an
 * index. When something else leads (an exact number, or full-text matches walked in id order)
 * a filter column's index would only compete with the better plan, so its terms get a unary +
 * (SQLite's way to say "no index for this term"). `facetsDone`: status, unit, subject and
 * channel are already required by the full-text query and need no term here.
 */
function filterTerms(
  filters: CaseSearchFilters,
  now: Date,
  { indexed, facetsDone }: { indexed: boolean; facetsDone: boolean },
): { terms: string[]; params: Record<string, unknown> } {
  const col = (name: string) => (indexed ? `c.${name}` : `+c.${name}`);
  const terms: string[] = [];
  const params: Record<string, unknown> = {};

  if (!facetsDone) {
    const statuses = [...new Set(filters.status)];
    if (statuses.length > 0) {
      statuses.forEach((status, i) => (params[`status${i}`] = status));
      terms.push(`${col('status')} IN (${statuses.map((_, i) => `$status${i}`).join(', ')})`);
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
  }
  const { fromAt, toBefore } = dateBounds(filters);
  if (fromAt !== null) {
    terms.push(`${col('created_at')} >= $fromAt`);
    params.fromAt = fromAt;
  }
  if (toBefore !== null) {
    terms.push(`${col('created_at')} < $toBefore`);
    params.toBefore = toBefore;
  }
  if (filters.sla !== null) {
    // The same rule as core's slaState, in SQL. ISO instants compare as text in time order.
    // `c.status IN (open…)` must stay word for word the WHERE of the index cases_open_due_at.
    const dueAt = col('due_at');
    const status: string[] = facetsDone ? [] : [filters.sla === 'done' ? `${col(DONE)}` : `${col(OPEN)}`];
    switch (filters.sla) {
      case 'done':
        terms.push(...status);
        break;
      case 'overdue':
        terms.push(...status, `${dueAt} < $now`);
        break;
      case 'due-soon':
        terms.push(...status, `${dueAt} >= $now`, `${dueAt} <= $dueSoon`);
        break;
      case 'on-time':
        terms.push(...status, `(${dueAt} IS NULL OR ${dueAt} > $dueSoon)`);
        break;
    }
    if (filters.sla !== 'done') {
      params.now = now.toISOString();
      params.dueSoon = new Date(now.getTime() + DUE_SOON_MS).toISOString();
    }
  }
  return { terms, params };
}

/** A date range longer than this is filtered on the rows only: its month facets would be many. */
const MAX_MONTH_FACETS = 36;

/**
 * The facet groups of the filters, each an OR of facet tokens, all required: status (and the
 * statuses an SLA filter implies), unit, subject, channel, and the Istanbul months a date range
 * touches (the rows' created_at still decides the edges).
 */
function facetExpressions(filters: CaseSearchFilters): string[] {
  const anyOf = (tokens: readonly string[]) =>
    tokens.length === 1 ? `"${tokens[0]}"` : `(${tokens.map((t) => `"${t}"`).join(' OR ')})`;
  const groups: string[] = [];
  const statuses = [...new Set(filters.status)];
  if (statuses.length > 0) groups.push(anyOf(statuses.map((s) => facetToken('status', s))));
  if (filters.sla !== null) {
    const implied = filters.sla === 'done' ? DONE_STATUSES : OPEN_STATUSES;
    groups.push(anyOf(implied.map((s) => facetToken('status', s))));
  }
  if (filters.unitCode !== null) groups.push(anyOf([facetToken('unit', filters.unitCode)]));
  if (filters.subjectCode !== null) groups.push(anyOf([facetToken('subject', filters.subjectCode)]));
  if (filters.channel !== null) groups.push(anyOf([facetToken('channel', filters.channel)]));
  const months = monthsBetween(filters);
  if (months !== null) groups.push(anyOf(months.map((m) => facetToken('month', m))));
  return groups;
}

function monthsBetween(filters: CaseSearchFilters): string[] | null {
  if (filters.from === null || filters.to === null) return null;
  const [fromYear, fromMonth] = filters.from.split('-').map(Number) as [number, number];
  const [toYear, toMonth] = filters.to.split('-').map(Number) as [number, number];
  const months: string[] = [];
  for (let y = fromYear, m = fromMonth; y * 12 + m <= toYear * 12 + toMonth; m === 12 ? ((y += 1), (m = 1)) : (m += 1)) {
    if (months.length === MAX_MONTH_FACETS) return null;
    months.push(`${y}-${String(m).padStart(2, '0')}`);
  }
  return months;
}

/** Two or more of these filters without text: intersecting their facets beats any one index. */
function facetFilterCount(filters: CaseSearchFilters): number {
  return [filters.status.length > 0, filters.unitCode, filters.subjectCode, filters.channel].filter(
    (f) => f !== null && f !== false,
  ).length;
}

const where = (terms: readonly string[]) => (terms.length === 0 ? '' : `WHERE ${terms.join('\n      AND ')}`);

/**
 * The statements of a search: the count of all matches, the count up to a bound, and a page
 * of them.
 *
 * Results come newest recorded first: by id, which AUTOINCREMENT hands out in recording order.
 * That is the order the full-text index keeps its matches in and the order a one-column index
 * keeps its entries in, so a page costs its length rather than the number of matches.
 */
export function caseSearchSql(
  db: Database,
  text: SearchText,
  filters: CaseSearchFilters,
  now: Date,
): SearchSql {
  const fullText = text.kind === 'words' || (text.kind === 'all' && facetFilterCount(filters) >= 2);
  if (fullText) {
    const expressions = [
      ...(text.kind === 'words' ? text.words.map((alternatives) => wordExpression(db, alternatives)) : []),
      ...facetExpressions(filters),
    ];
    const { terms, params } = filterTerms(filters, now, { indexed: false, facetsDone: true });
    params.match = expressions.join(' AND ');
    // CROSS JOIN keeps the full-text index as the outer loop: matches in rowid order, each
    // case read by its primary key, and the walk stops once a page is full. The count needs
    // the cases only for what the index cannot answer (dates to the day, SLA due times).
    const from = `FROM cases_fts AS f CROSS JOIN cases AS c ON c.id = f.rowid`;
    const all = ['f.cases_fts MATCH $match', ...terms];
    return {
      count:
        terms.length === 0
          ? `SELECT count(*) FROM cases_fts WHERE cases_fts MATCH $match`
          : `SELECT count(*) ${from} ${where(all)}`,
      countUpTo: countUpTo(terms.length === 0 ? `FROM cases_fts WHERE cases_fts MATCH $match` : `${from} ${where(all)}`),
      rows: `SELECT ${CASE_COLUMNS} ${from} ${where(all)}
        ORDER BY f.rowid DESC LIMIT $limit OFFSET $offset`,
      params,
    };
  }

  const { terms, params } = filterTerms(filters, now, { indexed: text.kind === 'all', facetsDone: false });
  switch (text.kind) {
    case 'applicationNo':
      if (/^[0-9]/.test(text.applicationNo)) {
        // Digits only: a final number, or else this desk's provisional one read out without its
        // prefix (the check digit does not cover the prefix: core/applicationNumber.ts). The final
        // number wins: a citizen reading out 2026-0000001-2 means that case, not this desk's
        // unsent D7KQ2M-2026-0000001-2.
        terms.unshift(`c.application_no = CASE WHEN EXISTS (SELECT 1 FROM cases WHERE application_no = $applicationNo)
          THEN $applicationNo ELSE $ownApplicationNo END`);
        params.ownApplicationNo = `${deskIdentity(db).prefix}-${text.applicationNo}`;
      } else {
        terms.unshift('c.application_no = $applicationNo');
      }
      params.applicationNo = text.applicationNo;
      break;
    case 'applicationNoPrefix':
      // Two ranges on the unique index: final numbers, and this desk's provisional ones
      // (`D7KQ2M-2026-…`, db/numberPool.ts) until the server numbers them. char(0x10FFFF)
      // sorts after every character that can follow a prefix.
      terms.unshift(
        `(c.application_no >= $prefix AND c.application_no < $prefix || char(1114111)
          OR c.application_no >= $ownPrefix AND c.application_no < $ownPrefix || char(1114111))`,
      );
      params.prefix = text.prefix;
      params.ownPrefix = `${deskIdentity(db).prefix}-${text.prefix}`;
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
  // The page's ids first, from the index alone where it covers the terms (a sort, if one is
  // needed, then moves ids, not rows); then those rows, each by its key.
  return {
    count: `SELECT count(*) FROM cases AS c ${where(terms)}`,
    countUpTo: countUpTo(`FROM cases AS c ${where(terms)}`),
    rows: `SELECT ${CASE_COLUMNS} FROM cases AS c
      WHERE c.id IN (
        SELECT c.id FROM cases AS c ${where(terms)}
        ORDER BY c.id DESC LIMIT $limit OFFSET $offset)
      ORDER BY c.id DESC`,
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
 * Matches counted past the page asked for, at most: enough for the list to scroll on, and a
 * bound on what one keystroke can cost. Beyond it the total is a lower bound ("at least"), and
 * the exact figure is counted only when asked for (CaseSearchQuery.exactTotal).
 */
export const COUNT_AHEAD = 1000;

export interface SearchOptions {
  /** Tests count ahead by a few rows instead of COUNT_AHEAD. */
  countAhead?: number;
}

/**
 * Cases matching the search box's text (parsed by parseSearchText) and the filters, newest
 * first, and how many match for the pager: exactly (totalExact) when they are fewer than
 * offset + limit + COUNT_AHEAD or the query asks for it, else that bound, so that the first
 * page comes as fast for "ka" (a third of all cases) as for a rare word. Dates are Istanbul
 * civil dates, inclusive; the SLA filter is evaluated at `now` exactly as CaseRecord.sla is.
 */
export function searchCases(db: Database, query: CaseSearchQuery, now: Date, options: SearchOptions = {}): CaseSearchResult {
  // One read transaction: the expansion, the count and the page see the same snapshot.
  return db.transaction((): CaseSearchResult => {
    const sql = caseSearchSql(db, parseSearchText(query.text), query.filters, now);
    const { total, totalExact } = countMatches(db, sql, query, options.countAhead ?? COUNT_AHEAD);
    if (total <= query.offset) return { total, totalExact, rows: [] };
    const rows = prepared<CaseRow>(db, sql.rows, false)
      .all({ ...sql.params, limit: query.limit, offset: query.offset })
      .map((row) => caseFromRow(row, now));
    return { total, totalExact, rows };
  })();
}

function countMatches(
  db: Database,
  sql: SearchSql,
  query: CaseSearchQuery,
  countAhead: number,
): { total: number; totalExact: boolean } {
  if (query.exactTotal) return { total: prepared<number>(db, sql.count, true).get(sql.params) ?? 0, totalExact: true };
  const bound = query.offset + query.limit + countAhead;
  // One more than the bound: "more than bound" is then known, not guessed.
  const counted = prepared<number>(db, sql.countUpTo, true).get({ ...sql.params, countLimit: bound + 1 }) ?? 0;
  return counted > bound ? { total: bound, totalExact: false } : { total: counted, totalExact: true };
}
