import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { QueueSnapshot } from '../../../core/queue.js';
import { diffQueueSnapshots } from '../../../core/queueDelta.js';
import { createDeskClient } from '../shared/api/deskClient.js';
import { createWallboard, selectSnapshot, selectStatus, type Wallboard } from '../wallboard/index.js';
import { aQueueSnapshot, aTile, someFigures, T0 } from '../wallboard/testing/queueFixtures.js';
import { feedProblem, startFiguresFeed, type FiguresFeed, type FiguresFeedOptions, type SessionCheck } from './figuresFeed.js';
import { fakeStreams, LEAD_TOKEN } from './testing/fakes.js';

// The wallboard as the TV page wires it: the desk's own createWallboard over a DeskClient whose
// transport is the live channel's `event: queues` (a fake EventSource here).

const LINK = { pbx: '127.0.0.1:5038', live: true };
const answered = (snapshot: QueueSnapshot | null) => snapshot?.queues[0]?.day.answered;
const withAnswered = (base: QueueSnapshot, count: number, version: number): QueueSnapshot => ({
  ...base,
  version,
  at: base.at + version,
  queues: [aTile({ day: someFigures({ answered: count }) })],
});

let feed: FiguresFeed;
let wallboard: Wallboard;
const flush = () => vi.advanceTimersByTimeAsync(0);

function start(overrides: Partial<FiguresFeedOptions> = {}) {
  const streams = fakeStreams();
  const warn = vi.fn();
  const ended = vi.fn();
  const check = vi.fn(async (): Promise<SessionCheck> => 'valid');
  feed = startFiguresFeed({ token: LEAD_TOKEN, open: streams.open, checkSession: check, onSessionEnded: ended, retryMs: () => 1_000, log: { warn }, ...overrides });
  wallboard = createWallboard(createDeskClient(feed.transport, { warn }), { clock: () => T0 });
  const board = () => wallboard.queue.getState();
  return { streams, warn, ended, check, board };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  feed.stop();
  wallboard.stop();
  vi.useRealTimers();
});

describe('the TV page figures feed', () => {
  it('opens the live channel with the token, and gives the wallboard the snapshot, then each delta', async () => {
    const { streams, board } = start();
    expect(streams.opened).toHaveLength(1);
    expect(streams.last().url).toBe(`/api/v1/sync/events?token=${LEAD_TOKEN}`);
    expect(feedProblem(feed.status.getState())).toEqual({ kind: 'connecting' });
    expect(selectStatus(board())).toBe('loading');

    streams.last().open();
    const first = aQueueSnapshot({ stream: 'server-run', version: 7 });
    streams.last().queues({ links: [LINK], snapshot: first });
    await flush();
    expect(selectSnapshot(board())).toEqual(first);
    expect(selectStatus(board())).toBe('live');
    expect(feedProblem(feed.status.getState())).toBeNull();

    const second = withAnswered(first, 121, 8);
    streams.last().queues({ links: [LINK], delta: diffQueueSnapshots(first, second) });
    await flush();
    expect(selectSnapshot(board())?.version).toBe(8);
    expect(answered(selectSnapshot(board()))).toBe(121);
  });

  it('answers queue.snapshot with the latest figures and refuses every command', async () => {
    const { streams } = start();
    const client = createDeskClient(feed.transport, { warn: vi.fn() });
    expect(await client.call('queue.snapshot', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    streams.last().open();
    const first = aQueueSnapshot({ version: 1 });
    streams.last().queues({ links: [LINK], snapshot: first });
    const second = withAnswered(first, 5, 2);
    streams.last().queues({ links: [LINK], delta: diffQueueSnapshots(first, second) });
    expect(await client.call('queue.snapshot', {})).toEqual({ ok: true, value: second });
    const pause = await client.call('supervisor.pause', { interface: 'PJSIP/1001', paused: true, reason: null, queue: null });
    expect(pause).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('marks the figures stale while the stream is down, and live again from the snapshot of the new stream', async () => {
    const { streams, board } = start();
    streams.last().open();
    const first = aQueueSnapshot({ version: 3 });
    streams.last().queues({ links: [LINK], snapshot: first });
    await flush();

    // The connection dropped: the browser tries again by itself (no new EventSource of ours).
    streams.last().fail(0);
    await flush();
    expect(feedProblem(feed.status.getState())).toEqual({ kind: 'down' });
    expect(selectStatus(board())).toBe('stale');
    expect(selectSnapshot(board())).toEqual(first);

    // Back, after a server restart: another stream, and its figures replace the old ones whole.
    streams.last().open();
    const restarted = withAnswered(aQueueSnapshot({ stream: 'server-run-2', version: 1 }), 2, 1);
    streams.last().queues({ links: [LINK], snapshot: restarted });
    await flush();
    expect(streams.opened).toHaveLength(1);
    expect(selectStatus(board())).toBe('live');
    expect(selectSnapshot(board())).toEqual(restarted);
  });

  it('takes a whole snapshot while following (this page fell behind), and reopens the stream on a delta it cannot apply', async () => {
    const { streams, board, warn } = start();
    streams.last().open();
    const first = aQueueSnapshot({ version: 1 });
    streams.last().queues({ links: [LINK], snapshot: first });
    await flush();
    const caughtUp = withAnswered(first, 40, 9);
    streams.last().queues({ links: [LINK], snapshot: caughtUp });
    await flush();
    expect(selectSnapshot(board())).toEqual(caughtUp);

    // A delta built on a version this page never had: the server's snapshot of a new stream fixes it.
    const elsewhere = withAnswered(first, 41, 12);
    streams.last().queues({ links: [LINK], delta: diffQueueSnapshots({ ...caughtUp, version: 11 }, elsewhere) });
    await flush();
    expect(streams.opened).toHaveLength(2);
    expect(streams.opened[0]!.closed).toBe(true);
    streams.last().open();
    streams.last().queues({ links: [LINK], snapshot: elsewhere });
    await flush();
    expect(selectSnapshot(board())).toEqual(elsewhere);

    // Anything that is not the protocol's is dropped, with a line that carries no figures.
    streams.last().queues({ links: 'all' });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('dropped a queues event'));
    expect(selectSnapshot(board())).toEqual(elsewhere);
  });

  it('says which PBX the server does not see, and when the figures stop coming', async () => {
    const { streams, board } = start({ silenceMs: 5_000 });
    streams.last().open();
    streams.last().queues({ links: [LINK, { pbx: '10.0.0.9:5038', live: false }], snapshot: aQueueSnapshot() });
    await flush();
    expect(feedProblem(feed.status.getState())).toEqual({ kind: 'pbx-down', pbxs: ['10.0.0.9:5038'] });

    await vi.advanceTimersByTimeAsync(5_000);
    expect(feedProblem(feed.status.getState())).toEqual({ kind: 'silent' });
    expect(selectStatus(board())).toBe('stale');

    streams.last().queues({ links: [LINK], snapshot: aQueueSnapshot({ version: 2 }) });
    await flush();
    expect(feedProblem(feed.status.getState())).toBeNull();
    expect(selectStatus(board())).toBe('live');
  });

  it('says so when an open stream never brings figures (a server without a collector)', async () => {
    const { streams, board } = start({ silenceMs: 5_000 });
    streams.last().open();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(feedProblem(feed.status.getState())).toEqual({ kind: 'silent' });
    expect(selectStatus(board())).toBe('loading');
  });

  it('when the browser gives up on the stream: back to the login if the session ended, else tries again', async () => {
    const ended = start({ checkSession: async () => 'ended' });
    ended.streams.last().fail(2);
    await flush();
    expect(ended.ended).toHaveBeenCalledTimes(1);
    expect(ended.streams.last().closed).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(ended.streams.opened).toHaveLength(1);
    feed.stop();
    wallboard.stop();

    const refused = start({ checkSession: async () => 'unreachable' });
    refused.streams.last().fail(2);
    await flush();
    expect(refused.ended).not.toHaveBeenCalled();
    expect(feedProblem(feed.status.getState())).toEqual({ kind: 'down' });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(refused.streams.opened).toHaveLength(2);
    refused.streams.last().open();
    expect(feedProblem(feed.status.getState())).toBeNull();
  });

  it("reads what today's calls became on a timer of its own and hands it to the board's case panel", async () => {
    const figures = { at: '2026-12-03T11:00:00.000Z', createdToday: 3, firstContactPct: 33.3, subjects: [], repeatCalls: null, units: [] };
    const read = vi.fn(async () => figures);
    start({ caseFigures: read, caseFiguresMs: 30_000 });
    await flush();
    expect(read).toHaveBeenCalledTimes(1);
    expect(wallboard.caseFigures.getState().figures).toEqual(figures);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(read).toHaveBeenCalledTimes(2);
    feed.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(read).toHaveBeenCalledTimes(2);
  });
});
