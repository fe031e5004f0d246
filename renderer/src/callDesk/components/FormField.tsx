import type { KeyboardEvent, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../core/case.js';
import type { TextField } from '../caseDraft.js';
import { selectFieldErrors } from '../caseFormStore.js';
import { useCaseForm } from '../deskPart.js';

export const fieldTestId: Record<TextField, string> = {
  subject: 'case-subject',
  description: 'case-description',
  resolution: 'case-resolution',
  phone: 'case-phone',
  citizenName: 'case-citizen-name',
  tcKimlikNo: 'case-tc-kimlik-no',
  district: 'case-district',
  neighbourhood: 'case-neighbourhood',
  street: 'case-street',
  addressDetail: 'case-address-detail',
};

export const fieldMax: Record<TextField, number> = {
  subject: LIMITS.subject,
  description: LIMITS.description,
  resolution: LIMITS.resolution,
  phone: 21,
  citizenName: LIMITS.citizenName,
  tcKimlikNo: 11,
  district: LIMITS.addressPart,
  neighbourhood: LIMITS.addressPart,
  street: LIMITS.addressPart,
  addressDetail: LIMITS.addressPart,
};

/** A message under a field that is not an error: a hint, or a live check such as the T.C. no's. */
export interface FieldNote {
  text: string;
  tone: 'muted' | 'ok' | 'error';
  testId?: string;
}

interface FormFieldProps {
  field: TextField;
  label: string;
  value: string;
  onChange: (value: string) => void;
  onKeyDown?: (e: KeyboardEvent<HTMLInputElement>) => void;
  readOnly?: boolean;
  /** Out of the Tab order (a locked field the operator never needs to stop at). */
  skipTab?: boolean;
  note?: FieldNote | undefined;
  multiline?: boolean;
  rows?: number;
  placeholder?: string | undefined;
  inputRef?: RefObject<HTMLInputElement | null>;
  inputMode?: 'tel' | 'numeric';
  className?: string;
}

export function FormField(props: FormFieldProps) {
  const { t } = useTranslation();
  const error = useCaseForm((s) => selectFieldErrors(s)[props.field]);
  const id = `case-${props.field}`;
  const max = fieldMax[props.field];
  const testId = fieldTestId[props.field];
  const describedBy = error ? `${id}-error` : props.note ? `${id}-note` : undefined;
  const common = {
    id,
    name: props.field,
    value: props.value,
    readOnly: props.readOnly,
    tabIndex: props.skipTab ? -1 : undefined,
    placeholder: props.placeholder,
    'data-testid': testId,
    'aria-invalid': error || props.note?.tone === 'error' ? true : undefined,
    'aria-describedby': describedBy,
  };
  // No maxLength attribute: it would silently cut pasted text; the operator sees a counter and an error instead.
  return (
    <div className={`field field--${props.field}${error ? ' field--invalid' : ''} ${props.className ?? ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.multiline ? (
        <textarea {...common} rows={props.rows ?? 5} onChange={(e) => props.onChange(e.target.value)} />
      ) : (
        <input
          {...common}
          type="text"
          ref={props.inputRef}
          inputMode={props.inputMode}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => props.onChange(e.target.value)}
          onKeyDown={props.onKeyDown}
        />
      )}
      <div className="field-foot">
        {error ? (
          <span className="error" id={`${id}-error`} data-testid={`${testId}-error`} data-error={error} role="alert">
            {t(`errors.field.${error}`, { max })}
          </span>
        ) : props.note ? (
          <span className={`note note--${props.note.tone}`} id={`${id}-note`} data-testid={props.note.testId}>
            {props.note.text}
          </span>
        ) : null}
        {props.multiline && (
          <span className={`char-count${props.value.length > max ? ' char-count--over' : ''}`}>
            {t('form.charCount', { count: props.value.length, max })}
          </span>
        )}
      </div>
    </div>
  );
}
