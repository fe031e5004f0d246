import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLOSE_TOKEN_REJECTED, createWsTransport, type SocketLike } from './wsTransport.js';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code = 1000) {
    this.drop(code);
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
  receive(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const transport = createWsTransport({
    url: 'ws://127.0.0.1:4153/ws?token=t',
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    backoffMs: (attempt) => 1000 * (attempt + 1),
    requestTimeoutMs: 5000,
    now: () => Date.now(),
  });
  const last = () => sockets[sockets.length - 1]!;
  return { transport, sockets, last };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_700_000_000_000);
});
afterEach(() => vi.useRealTimers());

describe('wsTransport', () => {
  it('correlates responses by id, whatever order they come back in, with events in between', async () => {
    const { transport, last } = setup();
    last().open();
    const events: unknown[] = [];
    transport.onEvent((name, payload) => events.push([name, payload]));

    const a = transport.invoke('cases.list', { limit: 5 });
    const b = transport.invoke('desk.snapshot', {});
    const [reqA, reqB] = last().sent as { id: number; method: string; params: unknown }[];
    expect(reqA).toEqual({ id: reqA!.id, method: 'cases.list', params: { limit: 5 } });
    expect(reqB!.id).not.toBe(reqA!.id);

    last().receive({ event: 'pbx.link', payload: { status: 'stopped' } });
    last().receive({ id: reqB!.id, ok: true, value: 'snapshot' });
    last().receive({ id: reqA!.id, ok: false, error: { code: 'internal', message: 'x' } });

    expect(await b).toEqual({ ok: true, value: 'snapshot' });
    expect(await a).toEqual({ ok: false, error: { code: 'internal', message: 'x' } });
    expect(events).toEqual([['pbx.link', { status: 'stopped' }]]);
  });

  it('fails calls with unavailable while not connected', async () => {
    const { transport } = setup();
    expect(await transport.invoke('desk.snapshot', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('fails calls in flight when the socket drops, then reconnects with backoff', async () => {
    const { transport, sockets, last } = setup();
    const states: unknown[] = [];
    transport.onConnection((s) => states.push(s));
    last().open();
    const inFlight = transport.invoke('desk.snapshot', {});
    last().drop();
    expect(await inFlight).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(transport.connection()).toEqual({ status: 'disconnected', retryAt: 1_700_000_001_000 });

    vi.advanceTimersByTime(999);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);

    last().drop();
    expect(transport.connection()).toEqual({ status: 'disconnected', retryAt: 1_700_000_003_000 });
    vi.advanceTimersByTime(2000);
    last().open();
    expect(states.at(-1)).toEqual({ status: 'connected' });

    // A successful open resets the backoff.
    last().drop();
    expect(transport.connection()).toMatchObject({ retryAt: Date.now() + 1000 });
  });

  it('stops retrying when the host rejects the token', () => {
    const { transport, sockets, last } = setup();
    last().drop(CLOSE_TOKEN_REJECTED);
    expect(transport.connection()).toEqual({ status: 'rejected' });
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });

  it('gives up on an unanswered request after the timeout and ignores the late answer', async () => {
    const { transport, last } = setup();
    last().open();
    const call = transport.invoke('desk.snapshot', {});
    vi.advanceTimersByTime(5000);
    expect(await call).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const id = (last().sent[0] as { id: number }).id;
    expect(() => last().receive({ id, ok: true, value: 1 })).not.toThrow();
  });

  it('drops frames that are not JSON', () => {
    const { transport, last } = setup();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    last().open();
    const listener = vi.fn();
    transport.onEvent(listener);
    last().onmessage?.({ data: '{not json' });
    expect(listener).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });

  it('close() stops reconnecting', () => {
    const { transport, sockets, last } = setup();
    last().open();
    transport.close();
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });
});
