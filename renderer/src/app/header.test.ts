import i18next from 'i18next';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createDesk } from './desk.js';
import { resources } from './texts.js';
import { Header } from './components/Header.js';
import { DeskProvider } from '../shared/desk/deskContext.js';
import { createHostStore, initialHostState } from '../shared/state/hostStore.js';
import { createSyncStore, initialSyncViewState } from '../shared/state/syncStore.js';
import { createFakeTransport } from '../shared/testing/fakeTransport.js';
import type { SyncAccount } from '../../../core/syncStatus.js';

// Issue 18: the header showed two identities (the desk's agent and the server account) and
// "bekleyen" beside the sync state, the word the queue uses for waiting callers.

function header(agentName: string | null, account: SyncAccount | null): string {
  const base = createDesk(createFakeTransport({ status: 'disconnected', retryAt: 0 }).transport);
  // Rendered on the "server", a store shows its initial state: these start where the test needs them.
  const desk = {
    ...base,
    host: createHostStore({ ...initialHostState, agent: { agentInterface: 'Local/1001@sim-agent/n', agentName }, role: 'operator' }),
    sync: createSyncStore({
      ...initialSyncViewState,
      status: { state: 'online', serverUrl: 'http://127.0.0.1:1', account, pending: 2, held: 0, lastSyncAt: null, lastError: null, nextRetryAt: null },
    }),
  };
  const i18n = i18next.createInstance();
  void i18n.use(initReactI18next).init({ lng: 'tr', fallbackLng: 'tr', resources, initAsync: false, interpolation: { escapeValue: false } });
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(DeskProvider, { desk, children: createElement(Header) })));
}

const textOf = (html: string, testId: string) => new RegExp(`data-testid="${testId}"[^>]*>([^<]*)<`).exec(html)?.[1] ?? null;
const visibleText = (html: string) => html.replace(/<[^>]+>/g, ' ');

describe('the header', () => {
  it('names one person: the one signed in, with the extension as a detail', () => {
    const html = header('Ayşe Yılmaz', { username: 'ayilmaz', displayName: 'Ayşe Yılmaz (Merkez)', role: 'operator', unitCode: null });
    expect(textOf(html, 'agent-display-name')).toBe('Ayşe Yılmaz (Merkez)');
    expect(textOf(html, 'agent-extension')).toBe('Dahili 1001');
    expect(visibleText(html).match(/Ayşe Yılmaz/g)).toHaveLength(1);
    expect(visibleText(html)).not.toContain('Local/1001@sim-agent/n');
  });

  it('without an account, the agent name the desk was given, else "Operatör 1001"', () => {
    expect(textOf(header('Ayşe Yılmaz', null), 'agent-display-name')).toBe('Ayşe Yılmaz');
    expect(textOf(header(null, null), 'agent-display-name')).toBe('Operatör 1001');
  });

  it('says what the sync count is: changes waiting to be sent, not waiting callers', () => {
    expect(visibleText(header(null, null))).toMatch(/2\s+gönderilmeyi bekleyen/);
  });
});
