import { afterEach, describe, expect, it } from 'vitest';
import type { PageAttention } from '../../core/desktop.js';
import { fakeDesktop } from './testing/fakeDesktop.js';
import { startTestDesk, type Cleanups } from './testing/testDesk.js';

const cleanups: Cleanups = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

describe('the host with a desktop shell', () => {
  it('a call ringing while the window is hidden is notified by the shell, and the notification goes when the call ends', async () => {
    const desktop = fakeDesktop({ window: 'hidden' });
    const host = await startTestDesk(cleanups, {}, { desktop });
    const page: PageAttention[] = [];
    host.onEvent((name, payload) => name === 'attention.ring' && page.push(payload as PageAttention));
    await host.invoke('softphone.incoming', { callId: 'c1', callerNumber: '905321112233', callerName: null, linkedid: null });
    expect(desktop.log).toEqual(['flash:on', 'notify']);
    expect(desktop.notices[0]!.title).toBe('Gelen çağrı: 0532 111 22 33');
    await host.invoke('softphone.ended', { callId: 'c1', answered: false });
    expect(desktop.log.slice(2)).toEqual(['flash:off', 'closeNotice']);
    expect(page.at(-1)).toBeNull();
  });

  it('the tray shows the operator’s state from the queue figures, and pauses them through the PBX', async () => {
    const desktop = fakeDesktop({ window: 'focused' });
    await startTestDesk(cleanups, {}, { desktop });
    await expect.poll(() => desktop.tray?.state, { timeout: 10_000 }).toBe('ready');
    desktop.events.trayCommand({ kind: 'pause', reason: 'Yemek' });
    await expect.poll(() => desktop.tray?.tooltip, { timeout: 10_000 }).toBe('ALO 153 — Molada: Yemek');
  });
});
