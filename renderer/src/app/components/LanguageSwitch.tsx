import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../shared/i18n/resources.js';
import { useLanguageChoice } from '../../presence/index.js';

export function LanguageSwitch() {
  const { t } = useTranslation();
  // Kept in the desk's settings (an administrator may have fixed it: then the buttons are off).
  const { current, locked, choose } = useLanguageChoice();
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')} data-testid="language-switch">
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          aria-pressed={current === lng}
          title={t(`language.${lng}Name`)}
          data-testid={`language-${lng}`}
          disabled={locked}
          onClick={() => choose(lng)}
        >
          {t(`language.${lng}`)}
        </button>
      ))}
    </div>
  );
}
