import type { Database } from 'better-sqlite3';
import { formatApplicationNo } from '../core/applicationNumber.js';
import { civilDate, istanbulDayOf } from '../core/istanbulTime.js';
import { canonicalPhone, phoneSearchKey } from '../core/phone.js';
import { foldTurkish } from '../core/turkishText.js';
import { caseFacets, searchTokens } from './searchTokens.js';

/**
 * The core rules SQL needs, registered on every connection before migrations run: the
 * full-text triggers index text as its words with `fts_words` (`fold_tr` before 0012), filter
 * values with `case_facets` and collect words with `search_terms_of`; migrations number old
 * cases with `application_no` / `istanbul_year`. One function on both sides: the repository
 * splits a query with the same `searchTokens` the triggers use for the index, so the two can
 * never disagree.
 *
 * The schema's triggers call these, so a tool that opens the file without them (the sqlite3
 * shell) can read but cannot write cases.
 */
export function registerSqlFunctions(db: Database): void {
  const deterministic = { deterministic: true } as const;
  db.function('fold_tr', deterministic, (text: unknown) =>
    typeof text === 'string' ? foldTurkish(text) : null,
  );
  // The text columns of the full-text index (0012): their words only, so no stored text can
  // carry a facet token's private-use mark into the index (searchTokens.ts facetToken).
  db.function('fts_words', deterministic, (text: unknown) =>
    typeof text === 'string' ? searchTokens(text).join(' ') : null,
  );
  db.function('phone_search_key', deterministic, (phone: unknown) =>
    typeof phone === 'string' ? phoneSearchKey(phone) : null,
  );
  // Migration 0015 rewrites stored numbers to their canonical form (null: a shape it keeps).
  db.function('canonical_phone', deterministic, (phone: unknown) =>
    typeof phone === 'string' ? canonicalPhone(phone) : null,
  );
  db.function('istanbul_year', deterministic, (iso: unknown) =>
    typeof iso === 'string' ? istanbulYear(new Date(iso)) : null,
  );
  db.function('application_no', deterministic, (year: unknown, sequence: unknown) =>
    formatApplicationNo(Number(year), Number(sequence)),
  );
  db.function(
    'case_facets',
    deterministic,
    (status: unknown, unitCode: unknown, subjectCode: unknown, channel: unknown, createdAt: unknown) =>
      caseFacets({
        status: String(status),
        unitCode: typeof unitCode === 'string' ? unitCode : null,
        subjectCode: typeof subjectCode === 'string' ? subjectCode : null,
        channel: String(channel),
        createdAt: String(createdAt),
      }),
  );
  // A table-valued function: `SELECT term FROM search_terms_of('Kaldırım taşı')`.
  db.table('search_terms_of', {
    columns: ['term'],
    parameters: ['text'],
    *rows(text: unknown) {
      if (typeof text === 'string') for (const term of searchTokens(text)) yield { term };
    },
  });
}

/** The calendar year in Istanbul: a case recorded at 01:00 on 1 January (22:00 UTC) is next year's. */
export function istanbulYear(instant: Date): number {
  return civilDate(istanbulDayOf(instant)).year;
}
