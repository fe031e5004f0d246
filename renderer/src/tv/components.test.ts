import i18next from 'i18next';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { createStore } from 'zustand/vanilla';
import { describe, expect, it } from 'vitest';
import { registerWallboardLocales } from '../wallboard/index.js';
import { expectLocalesAgree, flattenLocale } from '../shared/testing/localeTree.js';
import { FeedBanner } from './components/FeedBanner.js';
import { TvApp } from './components/TvApp.js';
import type { FeedStatus } from './figuresFeed.js';
import { registerTvLocales, tvResources } from './i18n.js';
import { createTvPage } from './tvPage.js';
import { fakeServer, fakeStreams, LEAD_TOKEN, memoryStorage } from './testing/fakes.js';
import { LOGIN_ERRORS } from '../account/loginForm.js';

function render(element: ReturnType<typeof createElement>, lng: 'tr' | 'en' = 'tr'): string {
  const i18n = i18next.createInstance();
  void i18n.use(initReactI18next).init({ lng, fallbackLng: 'tr', resources: {}, initAsync: false, interpolation: { escapeValue: false } });
  registerWallboardLocales(i18n);
  registerTvLocales(i18n);
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, element));
}

const kept = () => {
  const storage = memoryStorage();
  storage.setItem('alo153.tvSession', JSON.stringify({ token: LEAD_TOKEN, expiresAt: Date.now() + 3_600_000, displayName: 'Takım Lideri', role: 'team-lead' }));
  return storage;
};

describe('the TV page', () => {
  it('asks for a team lead login first, in Turkish, English available', () => {
    const page = createTvPage({ storage: memoryStorage(), fetch: fakeServer({}).fetch, openStream: fakeStreams().open });
    const html = render(createElement(TvApp, { page }));
    expect(html).toContain('data-testid="tv-login"');
    expect(html).toContain('Takım lideri ya da yönetici hesabıyla giriş yapın');
    expect(html).toContain('data-testid="tv-language-en"');
    expect(render(createElement(TvApp, { page }), 'en')).toContain('Log in with a team lead or administrator account');
  });

  it('shows the wallboard in its TV view with no commands and no way out of it', async () => {
    const page = createTvPage({ storage: kept(), fetch: fakeServer({}).fetch, openStream: fakeStreams().open });
    const html = render(createElement(TvApp, { page }));
    expect(html).toContain('data-testid="tv-board"');
    expect(html).toContain('data-testid="wallboard"');
    expect(html).toContain('data-tv="true"');
    expect(html).toContain('Takım Lideri');
    expect(html).not.toContain('data-testid="tv-mode"');
    expect(html).not.toContain('data-testid="pause-button"');
    expect(html).toContain('data-state="connecting"');
    await page.signOut();
  });

  it('names the PBX whose link is down, and says nothing while every figure is live', () => {
    // Server rendering reads a store's initial state: one store per state.
    const banner = (live: boolean) => {
      const status = createStore<FeedStatus>()(() => ({ stream: 'open', links: [{ pbx: '10.15.0.5:5038', live }], silent: false }));
      return render(createElement(FeedBanner, { status }));
    };
    expect(banner(false)).toContain('data-state="pbx-down"');
    expect(banner(false)).toContain('Sunucunun santral bağlantısı yok (10.15.0.5:5038)');
    expect(banner(true)).toBe('');
  });

  it('has every text in Turkish and English, and one for each login error', () => {
    const tr = flattenLocale(tvResources.tr);
    expectLocalesAgree(tr, flattenLocale(tvResources.en));
    for (const error of [...LOGIN_ERRORS, 'rate-limited', 'not-allowed']) expect(tr.has(`login.error.${error}`), error).toBe(true);
  });
});
