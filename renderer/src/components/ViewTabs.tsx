import { useTranslation } from 'react-i18next';

export type View = 'desk' | 'wallboard';

/** Call desk and queue wallboard: every role may look at both, each starts on its own. */
export function ViewTabs({ view, onChange }: { view: View; onChange: (view: View) => void }) {
  const { t } = useTranslation();
  return (
    <nav className="view-tabs" aria-label={t('nav.label')} role="tablist">
      {(['desk', 'wallboard'] as const).map((v) => (
        <button
          key={v}
          type="button"
          role="tab"
          aria-selected={view === v}
          className={view === v ? 'view-tab view-tab--active' : 'view-tab'}
          data-testid={`tab-${v}`}
          onClick={() => onChange(v)}
        >
          {t(`nav.${v}`)}
        </button>
      ))}
    </nav>
  );
}
