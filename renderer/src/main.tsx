import './shared/zodConfig.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { pickTransport } from './shared/api/pickTransport.js';
import { createDesk } from './app/desk.js';
import { DeskProvider } from './shared/desk/deskContext.js';
import { App } from './app/components/App.js';
import { resources } from './app/texts.js';
import { browserStorage, createI18n, initialLanguage } from './shared/i18n/i18n.js';
import { createWallboard, registerWallboardLocales, WallboardProvider } from './wallboard/index.js';
import { followPageLanguage } from './shared/i18n/nativeFields.js';

const language = initialLanguage(browserStorage());
document.documentElement.lang = language;
followPageLanguage(document);
const i18n = createI18n(language, resources);
registerWallboardLocales(i18n);
const desk = createDesk(pickTransport(window));
const wallboard = createWallboard(desk.client);
// Closing the window or a reload: the last keystrokes' draft goes out now, not after the debounce.
window.addEventListener('pagehide', () => desk.drafts.flush());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <DeskProvider desk={desk}>
        <WallboardProvider wallboard={wallboard}>
          <App />
        </WallboardProvider>
      </DeskProvider>
    </I18nextProvider>
  </StrictMode>,
);
