import { useTranslation } from 'react-i18next';
import type { KeyboardEvent, ReactNode, RefObject } from 'react';
import { selectFieldErrors, selectSaving } from '../../caseFormStore.js';
import { subjectPathText } from '../../../shared/catalogue/subjectOptions.js';
import { selectCatalogue, subjectOf } from '../../../shared/catalogue/catalogueStore.js';
import { SubjectPicker } from '../../../shared/catalogue/SubjectPicker.js';
import { UrgentMarker } from '../../../shared/ui/UrgentMarker.js';
import { fieldMax } from '../FormField.js';
import { SUBJECT_INPUT_ID } from '../../../shared/ui/focus.js';
import { useFormActions } from './useFormActions.js';
import { useCaseForm } from '../../deskPart.js';
import { useCatalogue } from '../../../shared/desk/deskContext.js';

/** The subject: picked from the catalogue (its path shows underneath) or typed as free text. */
export function SubjectField({ inputRef, onEnter }: { inputRef: RefObject<HTMLInputElement | null>; onEnter: (e: KeyboardEvent<HTMLInputElement>) => void }) {
  const { t } = useTranslation();
  const subject = useCaseForm((s) => s.draft.subject);
  const code = useCaseForm((s) => s.draft.subjectCode);
  const saving = useCaseForm(selectSaving);
  const error = useCaseForm((s) => selectFieldErrors(s).subject);
  const catalogue = useCatalogue(selectCatalogue);
  const picked = useCatalogue((s) => subjectOf(s, code));
  const { edit, pickSubject } = useFormActions();
  const path = subjectPathText(catalogue, code);
  const noteId = `${SUBJECT_INPUT_ID}-note`;

  let note: ReactNode = null;
  if (error) {
    note = (
      <span className="error" role="alert" data-testid="case-subject-error" data-error={error}>
        {t(`errors.field.${error}`, { max: fieldMax.subject })}
      </span>
    );
  } else if (picked && path) {
    note = (
      <span className="subject-path" data-testid="case-subject-path" data-code={picked.code}>
        {path}
        {picked.urgent && <UrgentMarker compact />}
      </span>
    );
  } else if (subject.trim() !== '' && catalogue !== null) {
    note = (
      <span className="muted" data-testid="case-subject-free">
        {t('form.subjectFree')}
      </span>
    );
  } else if (catalogue === null) {
    note = <span className="muted">{t('form.subjectNoCatalogue')}</span>;
  }

  return (
    <div className={`field field--subject${error ? ' field--invalid' : ''}`}>
      <label htmlFor={SUBJECT_INPUT_ID}>{t('form.subject')}</label>
      <SubjectPicker
        id={SUBJECT_INPUT_ID}
        testId="case-subject"
        label={t('form.subjectOptions')}
        value={subject}
        pickedCode={code}
        catalogue={catalogue}
        onText={edit('subject')}
        onPick={pickSubject}
        onEnter={onEnter}
        readOnly={saving}
        invalid={!!error}
        describedBy={note ? noteId : undefined}
        placeholder={t('form.subjectPlaceholder')}
        inputRef={inputRef}
      />
      <div className="field-foot" id={noteId}>
        {note}
      </div>
    </div>
  );
}
