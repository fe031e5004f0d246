import type { ReactNode } from 'react';
import { focusNextField } from './focus.js';

export interface ChoiceOption<T extends string> {
  value: T;
  label: string;
  /** Options with the same group sit under one heading (optgroup). */
  group?: string;
}

interface ChoiceSelectProps<T extends string> {
  id: string;
  testId: string;
  label: string;
  /** null: the default, shown as the first option ("… (from the subject)"). */
  value: T | null;
  defaultLabel: string | null;
  options: readonly ChoiceOption<T>[];
  onChange: (value: T | null) => void;
  disabled?: boolean;
  note?: ReactNode;
  error?: string | null | undefined;
  className?: string;
}

/** A select whose first option means "leave it to the subject": the form sends null for it. */
export function ChoiceSelect<T extends string>(props: ChoiceSelectProps<T>) {
  const groups = new Map<string, ChoiceOption<T>[]>();
  for (const o of props.options) {
    const key = o.group ?? '';
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  const noteId = `${props.id}-note`;
  const render = (o: ChoiceOption<T>) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  );
  return (
    <div className={`field field--select${props.error ? ' field--invalid' : ''} ${props.className ?? ''}`}>
      <label htmlFor={props.id}>{props.label}</label>
      <select
        id={props.id}
        data-testid={props.testId}
        value={props.value ?? ''}
        disabled={props.disabled}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error || props.note ? noteId : undefined}
        onChange={(e) => {
          const v = e.target.value;
          props.onChange(v === '' ? null : (props.options.find((o) => o.value === v)?.value ?? null));
        }}
        onKeyDown={focusNextField}
      >
        {props.defaultLabel !== null && <option value="">{props.defaultLabel}</option>}
        {[...groups].map(([group, options]) =>
          group === '' ? (
            options.map(render)
          ) : (
            <optgroup key={group} label={group}>
              {options.map(render)}
            </optgroup>
          ),
        )}
      </select>
      <div className="field-foot">
        {props.error ? (
          <span className="error" id={noteId} role="alert" data-testid={`${props.testId}-error`}>
            {props.error}
          </span>
        ) : props.note ? (
          <span className="note note--muted" id={noteId}>
            {props.note}
          </span>
        ) : null}
      </div>
    </div>
  );
}
