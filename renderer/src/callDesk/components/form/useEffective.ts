import { useMemo } from 'react';
import { effectiveChoices, type EffectiveChoices } from '../../caseDraft.js';
import { triageUnit } from '../../../shared/catalogue/subjectOptions.js';
import { selectCatalogue, subjectOf } from '../../../shared/catalogue/catalogueStore.js';
import { useCaseForm } from '../../deskPart.js';
import { useCatalogue } from '../../../shared/desk/deskContext.js';

/** The choices as the form shows them: the operator's, else the subject's, else the defaults. */
export function useEffectiveChoices(): EffectiveChoices {
  const draft = useCaseForm((s) => s.draft);
  const catalogue = useCatalogue(selectCatalogue);
  const subject = useCatalogue((s) => subjectOf(s, draft.subjectCode));
  return useMemo(
    () => effectiveChoices(draft, { subject, triageUnitCode: triageUnit(catalogue)?.code ?? null }),
    [draft, subject, catalogue],
  );
}
