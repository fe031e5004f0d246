import type { WallboardT } from '../i18n.js';
import { FIGURE_WINDOWS, type FigureWindow } from '../queueFigures.js';

export function WindowSwitch({ value, onChange, t }: { value: FigureWindow; onChange: (w: FigureWindow) => void; t: WallboardT }) {
  return (
    <div className="wb-segmented" role="group" aria-label={t('windows.label')} data-testid="window-switch" data-window={value}>
      {FIGURE_WINDOWS.map((w) => (
        <button key={w} type="button" aria-pressed={value === w} data-window={w} data-testid={`window-${w}`} onClick={() => onChange(w)}>
          {t(`windows.${w}`)}
        </button>
      ))}
    </div>
  );
}
