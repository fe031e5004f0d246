import { useMemo, useState, type KeyboardEvent, type RefObject } from 'react';
import type { Catalogue, Subject } from '../../../../core/catalogue.js';
import { closedPicker, pickerKey, type PickerState } from './pickerKeys.js';
import { subjectOptions } from './subjectOptions.js';
import { UrgentMarker } from '../ui/UrgentMarker.js';

interface SubjectPickerProps {
  id: string;
  testId: string;
  label: string;
  value: string;
  /** The catalogue subject the text stands for; null while it is free text. */
  pickedCode: string | null;
  catalogue: Catalogue | null;
  onText: (text: string) => void;
  onPick: (subject: Subject) => void;
  /** Enter that picked an option, or Enter with the list closed (the text stays as typed, free text): the form moves on. */
  onEnter?: (e: KeyboardEvent<HTMLInputElement>) => void;
  readOnly?: boolean;
  invalid?: boolean;
  describedBy?: string | undefined;
  placeholder?: string;
  inputRef?: RefObject<HTMLInputElement | null>;
}

/**
 * Type-ahead over the subject catalogue (ARIA combobox). Keys: ↓/↑ move through the list, Enter
 * picks the highlighted subject (the first, marked as such, when none is), Esc closes the list, Tab leaves without picking. Typing anything
 * not in the catalogue is allowed: it is recorded as free text.
 */
export function SubjectPicker(props: SubjectPickerProps) {
  const [picker, setPicker] = useState<PickerState>(closedPicker);
  const options = useMemo(
    () => (props.pickedCode === null ? subjectOptions(props.catalogue, props.value) : []),
    [props.catalogue, props.value, props.pickedCode],
  );
  const expanded = picker.open && options.length > 0;
  const active = expanded ? picker.active : -1;
  const listId = `${props.id}-options`;
  const optionId = (i: number) => `${props.id}-option-${i}`;

  const pick = (subject: Subject) => {
    props.onPick(subject);
    setPicker(closedPicker);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const result = pickerKey(picker, e, options.length);
    setPicker(result.state);
    const save = e.ctrlKey || e.metaKey;
    if (result.handled && !(save && e.key === 'Enter')) e.preventDefault();
    // An Esc that closed the list stops here: nothing behind it (the detail, the filters) reacts.
    if (result.handled && e.key === 'Escape') e.stopPropagation();
    const { effect } = result;
    if (effect.kind === 'pick') {
      const option = options[effect.index];
      if (option) props.onPick(option.subject);
      // Ctrl+Enter picks and lets the save shortcut run with the subject; plain Enter moves on.
      if (!save) props.onEnter?.(e);
    } else if (effect.kind === 'free' && !save) {
      props.onEnter?.(e);
    }
  };

  return (
    <div className="combobox">
      <input
        id={props.id}
        ref={props.inputRef}
        type="text"
        role="combobox"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        aria-invalid={props.invalid ? true : undefined}
        aria-describedby={props.describedBy}
        data-testid={props.testId}
        data-subject-code={props.pickedCode ?? ''}
        value={props.value}
        readOnly={props.readOnly}
        placeholder={props.placeholder}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => {
          props.onText(e.target.value);
          setPicker({ open: true, active: -1 });
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setPicker(closedPicker)}
      />
      <ul className="combobox-list" id={listId} role="listbox" aria-label={props.label} data-testid={`${props.testId}-options`} hidden={!expanded}>
        {expanded &&
          options.map((o, i) => (
            <li
              key={o.subject.code}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={`combobox-option${i === active ? ' combobox-option--active' : active === -1 && i === 0 ? ' combobox-option--default' : ''}`}
              data-testid="subject-option"
              data-code={o.subject.code}
              // Keep focus in the input: a click must not blur it before the pick lands.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(o.subject)}
            >
              <span className="option-name">
                {o.subject.name}
                {o.subject.urgent && <UrgentMarker compact />}
              </span>
              {o.parents.length > 0 && <span className="option-path muted">{o.parents.join(' › ')}</span>}
            </li>
          ))}
      </ul>
    </div>
  );
}
