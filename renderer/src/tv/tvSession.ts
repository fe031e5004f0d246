import { z } from 'zod';
import { CaseFigures } from '../../../core/queueStats.js';
import type { LoginError } from '../account/index.js';
import { EVENTS_PATH, type SessionCheck } from './figuresFeed.js';

// The TV page's login on the central server (POST /api/v1/auth/login, server/app.ts), same origin.
// The token lives in memory and in sessionStorage (a reload of the TV needs no new login; closing
// the tab forgets it), never in localStorage, never in the page's URL.

/** The roles the live channel sends queue figures to (server/reports/routes.ts mayReadReports). */
export const WATCHING_ROLES = ['team-lead', 'admin'] as const;
export type WatchingRole = (typeof WATCHING_ROLES)[number];
const isWatchingRole = (role: string): role is WatchingRole => (WATCHING_ROLES as readonly string[]).includes(role);

export interface TvSession {
  token: string;
  /** Epoch ms. */
  expiresAt: number;
  displayName: string;
  role: WatchingRole;
}

/** The desk's login errors, and what only this page says: slowed down, and an account that may not watch. */
export type TvLoginError = LoginError | 'rate-limited' | 'not-allowed';
/** What the form takes (account/ loginForm.ts submitFinished), with the session or how long to wait. */
export type TvLoginAnswer = { ok: true; session: TvSession } | { ok: false; error: TvLoginError; retryAfterSec?: number };

type Fetch = typeof fetch;

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;
const LoginResponse = z.object({
  token: z.string().regex(TOKEN),
  expiresAt: z.string(),
  account: z.object({ displayName: z.string(), role: z.string() }),
});
const StoredSession = z.object({
  token: z.string().regex(TOKEN),
  expiresAt: z.number(),
  displayName: z.string(),
  role: z.enum(WATCHING_ROLES),
});

function refusal(status: number, retryAfter: string | null): TvLoginAnswer {
  if (status === 401) return { ok: false, error: 'bad-credentials' };
  if (status === 429) {
    const seconds = Number(retryAfter);
    return Number.isFinite(seconds) && seconds > 0 ? { ok: false, error: 'rate-limited', retryAfterSec: Math.ceil(seconds) } : { ok: false, error: 'rate-limited' };
  }
  if (status === 400) return { ok: false, error: 'incomplete' };
  return { ok: false, error: status >= 500 ? 'unavailable' : 'failed' };
}

/** Logs in; a session that may not watch the figures is ended at once and refused. */
export async function logIn(fetchFn: Fetch, username: string, password: string): Promise<TvLoginAnswer> {
  let res: Response;
  try {
    res = await fetchFn('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ username, password }),
    });
  } catch {
    return { ok: false, error: 'unavailable' };
  }
  if (!res.ok) return refusal(res.status, res.headers.get('retry-after'));
  const parsed = LoginResponse.safeParse(await res.json().catch(() => null));
  const expiresAt = parsed.success ? Date.parse(parsed.data.expiresAt) : Number.NaN;
  if (!parsed.success || Number.isNaN(expiresAt)) return { ok: false, error: 'failed' };
  const { token, account } = parsed.data;
  if (!isWatchingRole(account.role)) {
    // Not left open: nobody will use it.
    void logOut(fetchFn, token);
    return { ok: false, error: 'not-allowed' };
  }
  return { ok: true, session: { token, expiresAt, displayName: account.displayName, role: account.role } };
}

/** Ends the token on the server; signed out here whatever it answers. */
export async function logOut(fetchFn: Fetch, token: string): Promise<void> {
  await fetchFn('/api/v1/auth/logout', { method: 'POST', headers: { authorization: `Bearer ${token}` } }).catch(() => undefined);
}

/**
 * After the browser gave up on the live channel (an HTTP error it does not show): does the token
 * still open it? 401: the session ended. Asked with the header, and closed as soon as it answers.
 */
export async function checkSession(fetchFn: Fetch, token: string): Promise<SessionCheck> {
  const controller = new AbortController();
  try {
    const res = await fetchFn(EVENTS_PATH, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: controller.signal });
    if (res.status === 401) return 'ended';
    return res.ok ? 'valid' : 'unreachable';
  } catch {
    return 'unreachable';
  } finally {
    controller.abort();
  }
}

/** What today's calls became (the case-aware wallboard), read with the session's token; null when not answered. */
export async function readCaseFigures(fetchFn: Fetch, token: string): Promise<CaseFigures | null> {
  try {
    const res = await fetchFn(CASE_FIGURES_PATH, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) return null;
    const parsed = CaseFigures.safeParse(await res.json());
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const CASE_FIGURES_PATH = '/api/v1/case-stats/today';

export type SessionStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
const STORAGE_KEY = 'alo153.tvSession';

/** `window.sessionStorage` itself throws where the browser blocks site storage: then the TV logs in at each load. */
export function sessionStoreOf(win: Pick<Window, 'sessionStorage'>): SessionStore {
  try {
    return win.sessionStorage;
  } catch {
    return { getItem: () => null, setItem: () => undefined, removeItem: () => undefined };
  }
}

/** The session this tab kept, unless it has expired. */
export function loadSession(storage: SessionStore, now: number): TvSession | null {
  try {
    const parsed = StoredSession.safeParse(JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null'));
    return parsed.success && parsed.data.expiresAt > now ? parsed.data : null;
  } catch {
    return null;
  }
}

export function keepSession(storage: SessionStore, session: TvSession): void {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(session));
  } catch {
    // Storage full or refused: this page load still has the session.
  }
}

export function forgetSession(storage: SessionStore): void {
  try {
    storage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing kept.
  }
}
