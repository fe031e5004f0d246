import { describe, expect, it, vi } from 'vitest';
import { candidateType, createIceGate, iceReadyAt } from './iceGate.js';

/** A clock and timers the test moves by hand. */
function fakeTimers() {
  let t = 1000;
  let seq = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => t,
    setTimeout: (fn: () => void, ms: number) => {
      pending.set(++seq, { at: t + ms, fn });
      return seq;
    },
    clearTimeout: (h: unknown) => void pending.delete(h as number),
    advance(ms: number) {
      const end = t + ms;
      for (;;) {
        const next = [...pending.entries()].filter(([, p]) => p.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!next) break;
        pending.delete(next[0]);
        t = next[1].at;
        next[1].fn();
      }
      t = end;
    },
    pendingCount: () => pending.size,
  };
}

describe('iceReadyAt (pure)', () => {
  const base = { beganAt: 0, timeoutMs: 2000, hostGraceMs: 250 };
  it('sends at the first srflx/relay candidate', () => {
    expect(iceReadyAt({ ...base, firstHostAt: 10, firstServerAt: 120 })).toEqual({ at: 120, reason: 'srflx-or-relay' });
  });
  it('sends a grace after the first host candidate', () => {
    expect(iceReadyAt({ ...base, firstHostAt: 10, firstServerAt: null })).toEqual({ at: 260, reason: 'host-grace' });
  });
  it('sends at the timeout when nothing else decides', () => {
    expect(iceReadyAt({ ...base, firstHostAt: null, firstServerAt: null })).toEqual({ at: 2000, reason: 'timeout' });
    expect(iceReadyAt({ ...base, firstHostAt: 1900, firstServerAt: null })).toEqual({ at: 2000, reason: 'timeout' });
    expect(iceReadyAt({ ...base, firstHostAt: null, firstServerAt: 2500 })).toEqual({ at: 2000, reason: 'timeout' });
  });
});

describe('ICE gate with an injected clock', () => {
  const make = () => {
    const timers = fakeTimers();
    const gate = createIceGate({ timeoutMs: 2000, hostGraceMs: 250, timers });
    return { timers, gate };
  };

  it('calls ready at once on a srflx candidate, and only once', () => {
    const { gate, timers } = make();
    const ready = vi.fn();
    gate.begin();
    timers.advance(100);
    gate.candidate('srflx', ready);
    expect(ready).toHaveBeenCalledTimes(1);
    expect(gate.firedBecause).toBe('srflx-or-relay');
    gate.candidate('relay', ready);
    timers.advance(5000);
    expect(ready).toHaveBeenCalledTimes(1);
    expect(timers.pendingCount()).toBe(0);
  });

  it('waits the grace after the first host candidate; a relay inside the grace sends earlier', () => {
    const { gate, timers } = make();
    const ready = vi.fn();
    gate.begin();
    gate.candidate('host', ready);
    timers.advance(249);
    expect(ready).not.toHaveBeenCalled();
    timers.advance(1);
    expect(ready).toHaveBeenCalledTimes(1);
    expect(gate.firedBecause).toBe('host-grace');

    const second = make();
    const ready2 = vi.fn();
    second.gate.begin();
    second.gate.candidate('host', ready2);
    second.timers.advance(100);
    second.gate.candidate('relay', ready2);
    expect(ready2).toHaveBeenCalledTimes(1);
    expect(second.gate.firedBecause).toBe('srflx-or-relay');
  });

  it('sends at the timeout when the host candidate came late', () => {
    const { gate, timers } = make();
    const ready = vi.fn();
    gate.begin();
    timers.advance(1900);
    gate.candidate('host', ready);
    timers.advance(99);
    expect(ready).not.toHaveBeenCalled();
    timers.advance(1);
    expect(ready).toHaveBeenCalledTimes(1);
    expect(gate.firedBecause).toBe('timeout');
  });

  it('past the deadline with no candidate yet: sends on the first one, whatever it is', () => {
    const { gate, timers } = make();
    const ready = vi.fn();
    gate.begin();
    timers.advance(3000);
    expect(gate.firedBecause).toBeNull();
    gate.candidate('host', ready);
    expect(ready).toHaveBeenCalledTimes(1);
    expect(gate.firedBecause).toBe('timeout');
  });

  it('starts the clock at the first candidate when begin() was never seen', () => {
    const { gate, timers } = make();
    const ready = vi.fn();
    timers.advance(10_000);
    gate.candidate('unknown', ready);
    timers.advance(250);
    expect(ready).toHaveBeenCalledTimes(1);
  });

  it('does nothing after dispose (the call ended)', () => {
    const { gate, timers } = make();
    const ready = vi.fn();
    gate.begin();
    gate.candidate('host', ready);
    gate.dispose();
    timers.advance(5000);
    expect(ready).not.toHaveBeenCalled();
    expect(timers.pendingCount()).toBe(0);
  });
});

describe('candidateType', () => {
  it('reads the type field or the SDP line', () => {
    expect(candidateType({ type: 'relay' })).toBe('relay');
    expect(candidateType({ type: null, candidate: 'candidate:1 1 udp 2122 192.168.1.2 5000 typ srflx raddr 0.0.0.0' })).toBe('srflx');
    expect(candidateType({ candidate: 'candidate:1 1 udp 2122 abc.local 5000 typ host' })).toBe('host');
    expect(candidateType({})).toBe('unknown');
  });
});
