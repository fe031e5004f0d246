import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../shared/ui/hooks.js';
import { browserStorage, switchLanguage } from '../../shared/i18n/i18n.js';
import { LANGUAGES } from '../../shared/i18n/resources.js';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = useLanguage();
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
          onClick={() => switchLanguage(i18n, lng, browserStorage())}
        >
          {t(`language.${lng}`)}
        </button>
      ))}
    </div>
  );
}
