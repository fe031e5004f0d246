import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { selectSaving } from '../../caseFormStore.js';
import { cannedAnswersFor, selectCatalogue } from '../../../shared/catalogue/catalogueStore.js';
import { FormField } from '../FormField.js';
import { ChoiceSelect } from '../../../shared/ui/ChoiceSelect.js';
import { useEffectiveChoices } from './useEffective.js';
import { useFormActions } from './useFormActions.js';
import { useCaseForm } from '../../deskPart.js';
import { useCatalogue } from '../../../shared/desk/deskContext.js';

/**
 * The answer given on the call, recorded as the resolution when the operator resolves. For
 * information requests (and subjects that have them) ready answers fill it in one pick.
 */
export function ResolutionFields() {
  const { t } = useTranslation();
  const resolution = useCaseForm((s) => s.draft.resolution);
  const subjectCode = useCaseForm((s) => s.draft.subjectCode);
  const cannedCode = useCaseForm((s) => s.draft.cannedAnswerCode);
  const saving = useCaseForm(selectSaving);
  const catalogue = useCatalogue(selectCatalogue);
  const effective = useEffectiveChoices();
  const { edit, pickAnswer } = useFormActions();

  const answers = useMemo(() => cannedAnswersFor(catalogue, subjectCode), [catalogue, subjectCode]);
  const forSubject = subjectCode !== null && answers.some((a) => a.subjectCode === subjectCode);
  const offer = answers.length > 0 && (effective.type === 'information' || forSubject);
  const options = useMemo(() => answers.map((a) => ({ value: a.code, label: a.title })), [answers]);

  return (
    <div className="resolution">
      {offer && (
        <ChoiceSelect
          id="case-canned-answer"
          testId="case-canned-answer"
          label={t('form.cannedAnswer')}
          value={cannedCode}
          defaultLabel={t('form.cannedAnswerNone')}
          options={options}
          disabled={saving}
          onChange={(code) => {
            const answer = answers.find((a) => a.code === code);
            if (answer) pickAnswer(answer);
          }}
        />
      )}
      <FormField
        field="resolution"
        label={t('form.resolution')}
        value={resolution}
        onChange={edit('resolution')}
        readOnly={saving}
        multiline
        rows={3}
        placeholder={t('form.resolutionPlaceholder')}
      />
    </div>
  );
}
