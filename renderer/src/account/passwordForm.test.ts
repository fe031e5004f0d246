import i18next from 'i18next';
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { createDeskClient } from '../shared/api/deskClient.js';
import { createDesk } from '../app/desk.js';
import { DeskProvider } from '../shared/desk/deskContext.js';
import { PasswordDialog } from './components/PasswordDialog.js';
import { SyncIndicator } from '../app/components/SyncIndicator.js';
import { resources } from '../app/texts.js';
import { createSyncStore, initialSyncViewState, passwordClosed, passwordOpened, startSyncSession, syncStatusChanged, type SyncViewState } from '../shared/state/syncStore.js';
import { createFakeTransport } from '../shared/testing/fakeTransport.js';
import { aSyncStatus } from '../shared/testing/fixtures.js';
import { flattenLocale } from '../shared/testing/localeTree.js';
import {
  fieldOfError,
  initialPasswordForm,
  PASSWORD_ERRORS,
  passwordFieldChanged,
  passwordOutcome,
  passwordSubmitFinished,
  passwordSubmitStarted,
  type PasswordFormState,
} from './passwordForm.js';

const fill = (current: string, next: string, again = next): PasswordFormState =>
  passwordFieldChanged(passwordFieldChanged(passwordFieldChanged(initialPasswordForm, 'current', current), 'next', next), 'again', again);

describe('password form', () => {
  it('sends both passwords once the form is complete and the new one keeps the rules; the form forgets them at once', () => {
    const started = passwordSubmitStarted(fill('eski şifre 1', 'yeni güçlü şifre'), 'ayse.lider');
    expect(started.request).toEqual({ currentPassword: 'eski şifre 1', newPassword: 'yeni güçlü şifre' });
    expect(started.form).toMatchObject({ current: '', next: '', again: '', submitting: true });
    expect(JSON.stringify(started.form)).not.toContain('şifre');
    // A second Enter while the first is out sends nothing.
    expect(passwordSubmitStarted(started.form, 'ayse.lider').request).toBeNull();
  });

  it('says what is wrong before anything is sent, keeping the current password', () => {
    const cases: [PasswordFormState, string][] = [
      [fill('', 'yeni güçlü şifre'), 'incomplete'],
      [fill('eski', 'yeni güçlü şifre', 'yeni guclu sifre'), 'mismatch'],
      [fill('eski', 'kısa'), 'too-short'],
      [fill('eski', 'Ayse.Lider.2026!'), 'contains-username'],
      [fill('eski', 'abababababab'), 'repeated'],
      [fill('eski', '1234567890'), 'common'],
    ];
    for (const [form, error] of cases) {
      const started = passwordSubmitStarted(form, 'ayse.lider');
      expect(started.request, error).toBeNull();
      expect(started.form.error).toBe(error);
      expect(started.form.current).toBe(form.current);
    }
    expect(fieldOfError('mismatch')).toBe('again');
    expect(fieldOfError('too-short')).toBe('next');
    expect(fieldOfError('wrong-password')).toBe('current');
  });

  it('reads the host’s answer: changed, a wrong current password, the server’s slow-down, a rule, no server', () => {
    expect(passwordOutcome({ ok: true, value: { outcome: 'changed', retryAfterSeconds: null } })).toEqual({ ok: true });
    expect(passwordOutcome({ ok: true, value: { outcome: 'wrong-password', retryAfterSeconds: null } })).toEqual({ ok: false, error: 'wrong-password', retryAfterSeconds: null });
    expect(passwordOutcome({ ok: true, value: { outcome: 'rate-limited', retryAfterSeconds: 16 } })).toEqual({ ok: false, error: 'rate-limited', retryAfterSeconds: 16 });
    const rule = { ok: false as const, error: { code: 'invalid-request' as const, message: 'x', issues: [{ path: 'newPassword', message: 'contains-username' }] } };
    expect(passwordOutcome(rule)).toMatchObject({ error: 'contains-username' });
    expect(passwordOutcome({ ok: false, error: { code: 'unavailable', message: 'x' } })).toMatchObject({ error: 'unavailable' });
    expect(passwordOutcome({ ok: false, error: { code: 'unauthorized', message: 'x' } })).toMatchObject({ error: 'signed-out' });
    expect(passwordOutcome({ ok: false, error: { code: 'internal', message: 'x' } })).toMatchObject({ error: 'failed' });

    const out = passwordSubmitStarted(fill('eski şifre 1', 'yeni güçlü şifre'), 'ayse.lider').form;
    expect(passwordSubmitFinished(out, { ok: true })).toEqual({ ...initialPasswordForm, done: true });
    expect(passwordSubmitFinished(out, { ok: false, error: 'rate-limited', retryAfterSeconds: 8 })).toMatchObject({ submitting: false, error: 'rate-limited', retryAfterSeconds: 8 });
  });

  it('has Turkish and English text for every refusal', () => {
    const tr = flattenLocale(resources.tr.translation);
    const en = flattenLocale(resources.en.translation);
    for (const error of PASSWORD_ERRORS) {
      expect(tr.has(`password.error.${error}`), error).toBe(true);
      expect(en.has(`password.error.${error}`), error).toBe(true);
    }
  });
});

describe('password session', () => {
  it('sends session.changePassword to the host with both passwords and hands back its answer', async () => {
    const fake = createFakeTransport({ status: 'connected' });
    fake.answer('sync.status', () => ({ ok: true, value: aSyncStatus() }));
    fake.answer('session.changePassword', () => ({ ok: true, value: { outcome: 'changed', retryAfterSeconds: null } }));
    const session = startSyncSession(createDeskClient(fake.transport, { warn: vi.fn() }), createSyncStore());
    const result = await session.changePassword('eski şifre 1', 'yeni güçlü şifre');
    expect(result).toEqual({ ok: true, value: { outcome: 'changed', retryAfterSeconds: null } });
    expect(fake.calls.find((c) => c.method === 'session.changePassword')?.params).toEqual({ currentPassword: 'eski şifre 1', newPassword: 'yeni güçlü şifre' });
  });

  it('opens the dialog only while signed in, and signing out closes it', () => {
    const signedIn = syncStatusChanged(initialSyncViewState, aSyncStatus());
    expect(passwordOpened(initialSyncViewState).passwordOpen).toBe(false);
    const open = passwordOpened(signedIn);
    expect(open.passwordOpen).toBe(true);
    expect(syncStatusChanged(open, aSyncStatus({ account: null, state: 'signed-out' })).passwordOpen).toBe(false);
    expect(passwordClosed(open).passwordOpen).toBe(false);
  });
});

describe('header account menu', () => {
  function render(element: ReactElement, state: Partial<SyncViewState>): string {
    const fake = createFakeTransport({ status: 'disconnected', retryAt: 0 });
    const desk = { ...createDesk(fake.transport), sync: createSyncStore({ ...initialSyncViewState, ...state }) };
    const i18n = i18next.createInstance();
    void i18n.use(initReactI18next).init({ lng: 'tr', fallbackLng: 'tr', resources, initAsync: false, interpolation: { escapeValue: false } });
    return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(DeskProvider, { desk, children: element })));
  }

  it('offers a password change next to sign-out while signed in', () => {
    const html = render(createElement(SyncIndicator), { status: aSyncStatus() });
    expect(html).toContain('data-testid="sync-change-password"');
    expect(html).toContain('Şifre değiştir');
    expect(render(createElement(SyncIndicator), { status: aSyncStatus({ account: null, state: 'signed-out' }) })).not.toContain('sync-change-password');
  });

  it('shows the dialog with the three password fields when opened', () => {
    const html = render(createElement(PasswordDialog), { status: aSyncStatus(), passwordOpen: true });
    expect(html).toContain('data-testid="password-dialog"');
    for (const field of ['current', 'next', 'again']) expect(html).toContain(`data-testid="password-${field}"`);
    expect(html.match(/autoComplete="new-password"|autocomplete="new-password"/g)).toHaveLength(2);
    expect(html).toContain('En az 10 karakter');
    expect(render(createElement(PasswordDialog), { status: aSyncStatus(), passwordOpen: false })).toBe('');
  });
});
