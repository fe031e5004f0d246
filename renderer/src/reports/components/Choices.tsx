/** One of a few, as buttons: the reports' sub-tabs (`tabs`) or a toggle group such as day / week / month (`toggle`). */
export function Choices<T extends string>({
  kind,
  label,
  options,
  value,
  onChange,
  className,
  testIdPrefix,
}: {
  kind: 'tabs' | 'toggle';
  label: string;
  options: ReadonlyArray<{ value: T; text: string }>;
  value: T;
  onChange: (value: T) => void;
  className: string;
  testIdPrefix: string;
}) {
  const tabs = kind === 'tabs';
  return (
    <div className={className} role={tabs ? 'tablist' : 'group'} aria-label={label}>
      {options.map((option) => {
        const chosen = option.value === value;
        return (
          <button
            key={option.value}
            type="button"
            role={tabs ? 'tab' : undefined}
            aria-selected={tabs ? chosen : undefined}
            aria-pressed={tabs ? undefined : chosen}
            className={tabs ? (chosen ? 'view-tab view-tab--active' : 'view-tab') : undefined}
            data-testid={`${testIdPrefix}${option.value}`}
            onClick={() => onChange(option.value)}
          >
            {option.text}
          </button>
        );
      })}
    </div>
  );
}
