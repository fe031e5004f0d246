import { useMemo } from 'react';
import { useCaseForm, useCatalogue } from '../../app/hooks.js';
import { effectiveChoices, type EffectiveChoices } from '../../form/caseDraft.js';
import { triageUnit } from '../../form/subjectOptions.js';
import { selectCatalogue, subjectOf } from '../../state/catalogueStore.js';

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
