import type { AgentState } from '../../../../core/queue.js';
import type { AlertLevel } from '../queueFigures.js';
import type { WallboardT } from '../i18n.js';

// A shape per state as well as a colour: the badge reads in greyscale and for colour-blind leads.
const STATE_ICON: Record<AgentState, string> = {
  available: '●',
  ringing: '◔',
  'on-call': '☎',
  'wrap-up': '✎',
  paused: 'Ⅱ',
  'logged-out': '○',
};

export function StateBadge({ state, t, testId }: { state: AgentState; t: WallboardT; testId?: string }) {
  return (
    <span className={`wb-state wb-state--${state}`} data-state={state} data-testid={testId}>
      <span className="wb-state-icon" aria-hidden="true">
        {STATE_ICON[state]}
      </span>
      {t(`states.${state}`)}
    </span>
  );
}

const ALERT_ICON: Record<Exclude<AlertLevel, 'ok'>, string> = { warn: '▲', alert: '⚠' };

/** The wait's level as an icon and a word, never colour alone; nothing when all is well. */
export function AlertMarker({ level, t }: { level: AlertLevel; t: WallboardT }) {
  if (level === 'ok') return null;
  return (
    <span className={`wb-alert-marker wb-alert-marker--${level}`} data-testid="alert-marker" data-alert={level}>
      <span aria-hidden="true">{ALERT_ICON[level]}</span> {t(`alert.${level}`)}
    </span>
  );
}
