import { useMemo } from 'react';
import type { CannedAnswer, Subject } from '../../../../../core/catalogue.js';
import type { DraftChoices, TextField } from '../../caseDraft.js';
import { cannedAnswerChosen, choiceChanged, fieldEdited, subjectChosen } from '../../caseFormStore.js';
import { useCallDesk } from '../../deskPart.js';

/** The form's edits as plain functions, bound to this desk's form store. */
export function useFormActions() {
  const desk = useCallDesk();
  return useMemo(
    () => ({
      edit: (field: TextField) => (value: string) => desk.form.setState((s) => fieldEdited(s, field, value), true),
      choose: (patch: Partial<DraftChoices>) => desk.form.setState((s) => choiceChanged(s, patch), true),
      pickSubject: (subject: Subject) => desk.form.setState((s) => subjectChosen(s, subject), true),
      pickAnswer: (answer: CannedAnswer) => desk.form.setState((s) => cannedAnswerChosen(s, answer), true),
    }),
    [desk],
  );
}
