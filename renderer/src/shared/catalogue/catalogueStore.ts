import { createStore } from 'zustand/vanilla';
import type { Catalogue, CannedAnswer, Subject, Unit } from '../../../../core/catalogue.js';
import type { ErrorCode } from '../../../../core/contract.js';

/**
 * The subject catalogue, fetched once per session (`catalogue.get`). Until it arrives, or if it
 * never does, the form still works with a free-text subject.
 */
export interface CatalogueState {
  catalogue: Catalogue | null;
  subjectsByCode: ReadonlyMap<string, Subject>;
  unitsByCode: ReadonlyMap<string, Unit>;
  error: ErrorCode | null;
}

export const initialCatalogueState: CatalogueState = {
  catalogue: null,
  subjectsByCode: new Map(),
  unitsByCode: new Map(),
  error: null,
};

export const catalogueLoaded = (_: CatalogueState, catalogue: Catalogue): CatalogueState => ({
  catalogue,
  subjectsByCode: new Map(catalogue.subjects.map((s) => [s.code, s])),
  unitsByCode: new Map(catalogue.units.map((u) => [u.code, u])),
  error: null,
});

export const catalogueFailed = (s: CatalogueState, error: ErrorCode): CatalogueState => ({ ...s, error });

export const createCatalogueStore = (initial: CatalogueState = initialCatalogueState) =>
  createStore<CatalogueState>()(() => initial);
export type CatalogueStore = ReturnType<typeof createCatalogueStore>;

export const selectCatalogue = (s: CatalogueState) => s.catalogue;
export const subjectOf = (s: CatalogueState, code: string | null): Subject | null =>
  code === null ? null : (s.subjectsByCode.get(code) ?? null);
export const unitOf = (s: CatalogueState, code: string | null): Unit | null =>
  code === null ? null : (s.unitsByCode.get(code) ?? null);

/**
 * Canned answers offered for a form: those for the picked subject first, then the general ones;
 * with a free-text subject, all of them.
 */
export function cannedAnswersFor(catalogue: Catalogue | null, subjectCode: string | null): CannedAnswer[] {
  if (catalogue === null) return [];
  const answers = catalogue.cannedAnswers;
  if (subjectCode === null) return [...answers];
  return [...answers.filter((a) => a.subjectCode === subjectCode), ...answers.filter((a) => a.subjectCode === null)];
}
