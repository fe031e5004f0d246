import { useTranslation } from 'react-i18next';
import type { DeskRole } from '../../../core/contract.js';

export type View = 'desk' | 'wallboard' | 'reports';

/** Call desk and queue wallboard for every role (each starts on its own); monthly reports for team leads. */
export const viewsFor = (role: DeskRole | null): readonly View[] =>
  role === 'team-lead' ? ['desk', 'wallboard', 'reports'] : ['desk', 'wallboard'];

export function ViewTabs({ view, views, onChange }: { view: View; views: readonly View[]; onChange: (view: View) => void }) {
  const { t } = useTranslation();
  return (
    <nav className="view-tabs" aria-label={t('nav.label')} role="tablist">
      {views.map((v) => (
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
