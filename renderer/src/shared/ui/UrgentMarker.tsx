import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

/** Urgent everywhere it appears: a red marker and the word, never colour alone. */
export function UrgentMarker({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  return urgentMarker(t, compact);
}

/** The marker without hooks, for lists that read the translation once for all their rows. */
export function urgentMarker(t: TFunction, compact = false) {
  return (
    <span className={`urgent-marker${compact ? ' urgent-marker--compact' : ''}`} data-testid="urgent-marker">
      <span className="urgent-dot" aria-hidden="true">
        !
      </span>
      {t('case.urgent')}
    </span>
  );
}
