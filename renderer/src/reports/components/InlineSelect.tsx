/** A labelled choice in a report's head row (grouping, interval, queue). */
export function InlineSelect<T extends string>({
  id,
  label,
  value,
  options,
  onChange,
}: {
  /** Also its data-testid. */
  id: string;
  label: string;
  value: T;
  options: ReadonlyArray<{ value: T; text: string }>;
  onChange: (value: T) => void;
}) {
  return (
    <div className="field field--inline">
      <label htmlFor={id}>{label}</label>
      <select id={id} data-testid={id} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.text}
          </option>
        ))}
      </select>
    </div>
  );
}
