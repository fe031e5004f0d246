import { civilDate, istanbulDayOf } from '../core/istanbulTime.js';
import { foldTurkish } from '../core/turkishText.js';

/**
 * The words of a text as the full-text index holds them: folded the Turkish way, split on
 * anything that is not a letter or a digit (as FTS5's unicode61 tokenizer splits), each once.
 * The search box's text and the search_terms vocabulary both go through here.
 */
export function searchTokens(text: string): string[] {
  return [...new Set(foldTurkish(text).match(/[\p{L}\p{N}]+/gu) ?? [])];
}

/**
 * Filter values are indexed as tokens next to the words (the `facets` column), so FTS5 can
 * intersect "kaldırım" with "forwarded to fen-isleri" in its own doclists instead of reading
 * every matching case row. A facet token starts with a private-use character: FTS5 counts it
 * as part of a token, searchTokens never produces it, so no typed text can reach a facet: not
 * in the search box, and not in a case's text either, which the index holds as its
 * searchTokens words (fts_words, migration 0012). The value is hex-encoded: one token whatever
 * the code contains.
 */
const FACET_MARK = '\uE000';

export type FacetKind = 'status' | 'unit' | 'subject' | 'channel' | 'month';

const KIND_LETTER: Record<FacetKind, string> = {
  status: 's',
  unit: 'u',
  subject: 'j',
  channel: 'c',
  month: 'm',
};

export function facetToken(kind: FacetKind, value: string): string {
  return `${FACET_MARK}${KIND_LETTER[kind]}${Buffer.from(value, 'utf8').toString('hex')}`;
}

/** `2026-03`: the Istanbul calendar month of an instant. */
export function istanbulMonth(instant: Date): string {
  const { year, month } = civilDate(istanbulDayOf(instant));
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** The facets column of a case (the full-text triggers call this through SQL). */
export function caseFacets(row: {
  status: string;
  unitCode: string | null;
  subjectCode: string | null;
  channel: string;
  createdAt: string;
}): string {
  const tokens = [
    facetToken('status', row.status),
    facetToken('channel', row.channel),
    facetToken('month', istanbulMonth(new Date(row.createdAt))),
  ];
  if (row.unitCode !== null) tokens.push(facetToken('unit', row.unitCode));
  if (row.subjectCode !== null) tokens.push(facetToken('subject', row.subjectCode));
  return tokens.join(' ');
}
