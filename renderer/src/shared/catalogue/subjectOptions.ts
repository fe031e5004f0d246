import type { Catalogue, Subject, Unit } from '../../../../core/catalogue.js';
import { findUnit, subjectPath } from '../../../../core/catalogue/lookup.js';
import { searchSubjects } from '../../../../core/catalogue/search.js';
// lookup/search directly: defaultCatalogue.ts would bundle and parse the built-in catalogue's JSON
// in the renderer, which always takes the host's catalogue (catalogue.get).

/** Rows a type-ahead list shows: enough to scan at a glance on a live call. */
export const SUBJECT_OPTIONS_LIMIT = 8;

export interface SubjectOption {
  subject: Subject;
  /** Names from the top of the tree down to the subject's parent. */
  parents: string[];
}

/**
 * The picker's list for what the operator typed: core's Turkish-folding ranking (leaves, urgent
 * subjects and word starts first), with the path each subject sits under.
 */
export function subjectOptions(catalogue: Catalogue | null, query: string, limit = SUBJECT_OPTIONS_LIMIT): SubjectOption[] {
  if (catalogue === null) return [];
  return searchSubjects(catalogue, query, limit).map((subject) => ({
    subject,
    parents: subjectPath(catalogue, subject.code)
      .slice(0, -1)
      .map((p) => p.name),
  }));
}

/** "Aydınlatma (Işıklandırma) › Sokak lambası yanmıyor": what a picked subject shows under the field. */
export function subjectPathText(catalogue: Catalogue | null, code: string | null): string | null {
  if (catalogue === null || code === null) return null;
  const path = subjectPath(catalogue, code);
  return path.length === 0 ? null : path.map((s) => s.name).join(' › ');
}

/** Where a forwarded case goes when it has neither a catalogue subject nor a chosen unit (core/caseRules.ts). */
export function triageUnit(catalogue: Catalogue | null): Unit | null {
  if (catalogue === null || catalogue.triageUnit === null) return null;
  return findUnit(catalogue, catalogue.triageUnit) ?? null;
}
