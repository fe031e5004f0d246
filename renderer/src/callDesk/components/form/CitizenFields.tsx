import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../../../../core/phone.js';
import { isPhoneLocked } from '../../caseDraft.js';
import { selectSaving } from '../../caseFormStore.js';
import { TC_LENGTH, tcKimlikStatus, type TcKimlikStatus } from '../../tcKimlikField.js';
import { FormField, type FieldNote } from '../FormField.js';
import { ChannelSelect } from './ChoiceFields.js';
import { focusNextField } from '../../../shared/ui/focus.js';
import { useFormActions } from './useFormActions.js';
import { useCaseForm } from '../../deskPart.js';

const tone: Record<TcKimlikStatus, FieldNote['tone']> = {
  empty: 'muted',
  typing: 'muted',
  valid: 'ok',
  'not-digits': 'error',
  'leading-zero': 'error',
  'too-long': 'error',
  checksum: 'error',
};

/** Who the citizen is and how they came in. The T.C. kimlik no is optional and checked as it is typed. */
export function CitizenFields() {
  const { t } = useTranslation();
  const draft = useCaseForm((s) => s.draft);
  const saving = useCaseForm(selectSaving);
  const { edit } = useFormActions();
  const phoneLocked = isPhoneLocked(draft);
  const tcStatus = tcKimlikStatus(draft.tcKimlikNo);
  const tcNote: FieldNote = {
    text: t(`form.tc.${tcStatus}`, { count: draft.tcKimlikNo.trim().length, max: TC_LENGTH }),
    tone: tone[tcStatus],
    testId: 'case-tc-kimlik-no-status',
  };

  return (
    <fieldset className="form-section">
      <legend>{t('form.citizen')}</legend>
      <div className="form-row form-row--citizen">
        <FormField
          field="citizenName"
          label={t('form.citizenName')}
          value={draft.citizenName}
          onChange={edit('citizenName')}
          onKeyDown={focusNextField}
          readOnly={saving}
        />
        <FormField
          field="tcKimlikNo"
          label={t('form.tcKimlikNo')}
          value={draft.tcKimlikNo}
          onChange={edit('tcKimlikNo')}
          onKeyDown={focusNextField}
          readOnly={saving}
          inputMode="numeric"
          note={tcNote}
        />
        <FormField
          field="phone"
          label={t('form.phone')}
          // The PBX's number, locked, reads as people read numbers out; what is saved is the same number.
          value={phoneLocked ? formatPhone(draft.phone) : draft.phone}
          onChange={edit('phone')}
          onKeyDown={focusNextField}
          readOnly={saving || phoneLocked}
          skipTab={phoneLocked}
          note={phoneLocked ? { text: t('form.phoneLocked'), tone: 'muted' } : undefined}
          inputMode="tel"
        />
        <ChannelSelect />
      </div>
    </fieldset>
  );
}

export function AddressFields() {
  const { t } = useTranslation();
  const draft = useCaseForm((s) => s.draft);
  const saving = useCaseForm(selectSaving);
  const { edit } = useFormActions();
  return (
    <fieldset className="form-section">
      <legend>{t('form.address')}</legend>
      <div className="form-row form-row--address">
        {(['district', 'neighbourhood', 'street', 'addressDetail'] as const).map((field) => (
          <FormField
            key={field}
            field={field}
            label={t(`form.${field}`)}
            value={draft[field]}
            onChange={edit(field)}
            onKeyDown={focusNextField}
            readOnly={saving}
          />
        ))}
      </div>
    </fieldset>
  );
}
