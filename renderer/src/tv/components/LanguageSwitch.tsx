import { browserStorage, switchLanguage } from '../../shared/i18n/i18n.js';
import { LANGUAGES } from '../../shared/i18n/resources.js';
import { useTvText } from '../i18n.js';

/** Turkish first, English available, as on the desk; remembered in this browser as the desk does. */
export function LanguageSwitch() {
  const { t, lng, i18n } = useTvText();
  return (
    <div className="tv-language" role="group" aria-label={t('bar.language')} data-testid="tv-language">
      {LANGUAGES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          aria-pressed={lng === option}
          title={t(`language.${option}Name`)}
          data-testid={`tv-language-${option}`}
          onClick={() => switchLanguage(i18n, option, browserStorage())}
        >
          {t(`language.${option}`)}
        </button>
      ))}
    </div>
  );
}
