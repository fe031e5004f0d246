import { afterEach, describe, expect, it, vi } from 'vitest';
import { selectSnapshot } from '../wallboard/index.js';
import { aQueueSnapshot } from '../wallboard/testing/queueFixtures.js';
import { createTvPage, type TvPage } from './tvPage.js';
import { checkSession, loadSession, logIn, sessionStoreOf } from './tvSession.js';
import { fakeServer, fakeStreams, json, LEAD_TOKEN, loginAnswer, memoryStorage } from './testing/fakes.js';

const pages: TvPage[] = [];
afterEach(async () => {
  for (const page of pages.splice(0)) await page.signOut();
  vi.useRealTimers();
});

describe('the TV page login', () => {
  it('lets a team lead or an admin in, keeps the token in this tab only, and opens the live channel with it', async () => {
    const server = fakeServer({ 'POST /api/v1/auth/login': () => loginAnswer('team-lead'), 'POST /api/v1/auth/logout': () => new Response(null, { status: 204 }) });
    const storage = memoryStorage();
    const streams = fakeStreams();
    const page = createTvPage({ storage, fetch: server.fetch, openStream: streams.open });
    pages.push(page);
    expect(page.store.getState().board).toBeNull();

    const answer = await page.logIn('lead', 'lead153');
    expect(answer).toMatchObject({ ok: true, session: { token: LEAD_TOKEN, role: 'team-lead', displayName: 'Demo team-lead' } });
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/api/v1/auth/login', body: { username: 'lead', password: 'lead153' } });
    const board = page.store.getState().board!;
    expect(board.session.token).toBe(LEAD_TOKEN);
    expect(streams.last().url).toBe(`/api/v1/sync/events?token=${LEAD_TOKEN}`);
    expect([...storage.items.values()].join()).toContain(LEAD_TOKEN);

    streams.last().open();
    streams.last().queues({ links: [], snapshot: aQueueSnapshot() });
    await vi.waitFor(() => expect(selectSnapshot(board.wallboard.queue.getState())).not.toBeNull());

    // A reload of the TV: the same tab's storage signs it in again, without the form.
    const reloaded = createTvPage({ storage, fetch: server.fetch, openStream: streams.open });
    pages.push(reloaded);
    expect(reloaded.store.getState().board?.session.token).toBe(LEAD_TOKEN);
    expect(streams.opened).toHaveLength(2);

    // Logging out ends the token on the server and forgets it here.
    await reloaded.signOut();
    expect(server.requests.at(-1)).toMatchObject({ path: '/api/v1/auth/logout', headers: { authorization: `Bearer ${LEAD_TOKEN}` } });
    expect(storage.items.size).toBe(0);
    expect(reloaded.store.getState()).toEqual({ board: null, notice: 'signed-out' });
    expect(streams.last().closed).toBe(true);
  });

  it('refuses an operator (and ends the session it got), and says what else went wrong', async () => {
    const server = fakeServer({
      'POST /api/v1/auth/login': (init) => {
        const { username } = JSON.parse(String(init?.body)) as { username: string };
        if (username === 'operator') return loginAnswer('operator', 'operator-token-0123456789');
        if (username === 'slow') return json(429, { error: 'rate-limited' }, { 'retry-after': '8' });
        if (username === 'down') return json(503, { error: 'internal' });
        return json(401, { error: 'unauthorized' });
      },
      'POST /api/v1/auth/logout': () => new Response(null, { status: 204 }),
    });
    const storage = memoryStorage();
    const page = createTvPage({ storage, fetch: server.fetch, openStream: fakeStreams().open });
    pages.push(page);

    expect(await page.logIn('operator', 'operator153')).toEqual({ ok: false, error: 'not-allowed' });
    await vi.waitFor(() => expect(server.requests.at(-1)).toMatchObject({ path: '/api/v1/auth/logout', headers: { authorization: 'Bearer operator-token-0123456789' } }));
    expect(page.store.getState().board).toBeNull();
    expect(storage.items.size).toBe(0);

    expect(await page.logIn('lead', 'wrong')).toEqual({ ok: false, error: 'bad-credentials' });
    expect(await page.logIn('slow', 'x')).toEqual({ ok: false, error: 'rate-limited', retryAfterSec: 8 });
    expect(await page.logIn('down', 'x')).toEqual({ ok: false, error: 'unavailable' });
    const unreachable = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    expect(await logIn(unreachable, 'lead', 'lead153')).toEqual({ ok: false, error: 'unavailable' });
  });

  it('goes back to the login, saying why, when the server ended the session', async () => {
    const server = fakeServer({
      'POST /api/v1/auth/login': () => loginAnswer('admin'),
      'GET /api/v1/sync/events': () => json(401, { error: 'unauthorized' }),
    });
    const storage = memoryStorage();
    const streams = fakeStreams();
    const page = createTvPage({ storage, fetch: server.fetch, openStream: streams.open });
    pages.push(page);
    await page.logIn('admin', 'admin153');
    streams.last().fail(2);
    await vi.waitFor(() => expect(page.store.getState()).toEqual({ board: null, notice: 'session-ended' }));
    // Asked with the header, never the query, and not left open.
    const probe = server.requests.find((r) => r.path === '/api/v1/sync/events')!;
    expect(probe.headers.authorization).toBe(`Bearer ${LEAD_TOKEN}`);
    expect(probe.signal?.aborted).toBe(true);
    expect(storage.items.size).toBe(0);
  });
});

describe('the TV session', () => {
  it('is forgotten once expired, read back only when whole, and survives storage the browser blocks', () => {
    const storage = memoryStorage();
    const page = { token: LEAD_TOKEN, expiresAt: 2_000, displayName: 'Lead', role: 'team-lead' };
    storage.setItem('alo153.tvSession', JSON.stringify(page));
    expect(loadSession(storage, 1_000)).toEqual(page);
    expect(loadSession(storage, 2_000)).toBeNull();
    storage.setItem('alo153.tvSession', JSON.stringify({ ...page, role: 'operator' }));
    expect(loadSession(storage, 1_000)).toBeNull();
    storage.setItem('alo153.tvSession', '{not json');
    expect(loadSession(storage, 1_000)).toBeNull();

    const blocked = sessionStoreOf({
      get sessionStorage(): Storage {
        throw new DOMException('blocked', 'SecurityError');
      },
    });
    expect(blocked.getItem('alo153.tvSession')).toBeNull();
    expect(() => blocked.setItem('alo153.tvSession', 'x')).not.toThrow();
  });

  it('checks a refused stream: ended on 401, valid on 200, unreachable when the server does not answer', async () => {
    const answers = [json(401, {}), new Response('', { status: 200 }), json(503, {})];
    const server = fakeServer({ 'GET /api/v1/sync/events': () => answers.shift()! });
    expect(await checkSession(server.fetch, LEAD_TOKEN)).toBe('ended');
    expect(await checkSession(server.fetch, LEAD_TOKEN)).toBe('valid');
    expect(await checkSession(server.fetch, LEAD_TOKEN)).toBe('unreachable');
    expect(server.requests.every((r) => r.signal?.aborted)).toBe(true);
    const down = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    expect(await checkSession(down, LEAD_TOKEN)).toBe('unreachable');
  });
});
