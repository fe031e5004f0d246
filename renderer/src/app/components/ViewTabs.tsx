import { useTranslation } from 'react-i18next';
import type { DeskRole } from '../../../../core/contract.js';
import { useCallbackText } from '../../callbacks/index.js';

export type View = 'desk' | 'wallboard' | 'reports' | 'callbacks';

/**
 * Call desk and queue wallboard for every role (each starts on its own); monthly reports for team
 * leads; the call-back worklist for feedback operators (their first tab) and team leads.
 */
export const viewsFor = (role: DeskRole | null): readonly View[] =>
  role === 'team-lead'
    ? ['desk', 'wallboard', 'reports', 'callbacks']
    : role === 'feedback'
      ? ['callbacks', 'desk', 'wallboard']
      : ['desk', 'wallboard'];

/** The view a desk opens on: the wallboard for a team lead, the worklist for a feedback operator. */
export const defaultView = (role: DeskRole): View => (role === 'team-lead' ? 'wallboard' : role === 'feedback' ? 'callbacks' : 'desk');

export function ViewTabs({ view, views, onChange }: { view: View; views: readonly View[]; onChange: (view: View) => void }) {
  const { t } = useTranslation();
  const { t: cb } = useCallbackText();
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
          {v === 'callbacks' ? cb('tab') : t(`nav.${v}`)}
        </button>
      ))}
    </nav>
  );
}
