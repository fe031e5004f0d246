import '../shared/zodConfig.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { browserStorage, createI18n, initialLanguage } from '../shared/i18n/i18n.js';
import { registerWallboardLocales } from '../wallboard/index.js';
import { createTvPage, registerTvLocales, sessionStoreOf, TvApp } from './index.js';
import { followPageLanguage } from '../shared/i18n/nativeFields.js';

// The entry of renderer/tv.html, the page the central server serves at /wallboard/ (server/queueStats/wallboardPage.ts).
const language = initialLanguage(browserStorage());
document.documentElement.lang = language;
followPageLanguage(document);
// The app's default namespace stays empty here: the board's texts are the wallboard's, the page's its own.
const i18n = createI18n(language, { tr: { translation: {} }, en: { translation: {} } });
registerWallboardLocales(i18n);
registerTvLocales(i18n);
const page = createTvPage({ storage: sessionStoreOf(window), fetch: window.fetch.bind(window) });

const root = document.getElementById('root');
if (!root) throw new Error('tv.html has no #root');
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <TvApp page={page} />
    </I18nextProvider>
  </StrictMode>,
);
