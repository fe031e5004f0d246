import type { KeyboardEvent, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../core/case.js';
import { useCaseForm } from '../app/hooks.js';
import type { DraftField } from '../form/caseDraft.js';
import { selectFieldErrors } from '../form/caseFormStore.js';

const testId: Record<DraftField, string> = {
  phone: 'case-phone',
  citizenName: 'case-citizen-name',
  subject: 'case-subject',
  description: 'case-description',
};

const maxLength: Partial<Record<DraftField, number>> = LIMITS;

interface FormFieldProps {
  field: DraftField;
  label: string;
  value: string;
  onChange: (value: string) => void;
  onKeyDown?: (e: KeyboardEvent<HTMLInputElement>) => void;
  readOnly?: boolean;
  hint?: string | undefined;
  multiline?: boolean;
  inputRef?: RefObject<HTMLInputElement | null>;
  inputMode?: 'tel';
  autoComplete?: string;
}

export function FormField(props: FormFieldProps) {
  const { t } = useTranslation();
  const error = useCaseForm((s) => selectFieldErrors(s)[props.field]);
  const id = `case-${props.field}`;
  const max = maxLength[props.field];
  const describedBy = error ? `${id}-error` : props.hint ? `${id}-hint` : undefined;
  const common = {
    id,
    name: props.field,
    value: props.value,
    readOnly: props.readOnly,
    'data-testid': testId[props.field],
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
  };
  // No maxLength attribute: it would silently cut pasted text; the operator sees a counter and an error instead.
  return (
    <div className={`field field--${props.field}${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.multiline ? (
        <textarea {...common} rows={6} onChange={(e) => props.onChange(e.target.value)} />
      ) : (
        <input
          {...common}
          type="text"
          ref={props.inputRef}
          inputMode={props.inputMode}
          autoComplete={props.autoComplete}
          spellCheck={false}
          onChange={(e) => props.onChange(e.target.value)}
          onKeyDown={props.onKeyDown}
        />
      )}
      <div className="field-foot">
        {error ? (
          <span className="error" id={`${id}-error`} data-testid={`${testId[props.field]}-error`} data-error={error}>
            {t(`errors.field.${error}`, { max })}
          </span>
        ) : props.hint ? (
          <span className="muted" id={`${id}-hint`}>
            {props.hint}
          </span>
        ) : null}
        {props.multiline && max !== undefined && (
          <span className={`char-count${props.value.length > max ? ' char-count--over' : ''}`}>
            {t('form.charCount', { count: props.value.length, max })}
          </span>
        )}
      </div>
    </div>
  );
}
