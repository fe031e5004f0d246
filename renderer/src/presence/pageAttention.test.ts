import { describe, expect, it, vi } from 'vitest';
import type { Notice } from '../../../core/desktop.js';
import { createDeskClient } from '../shared/api/deskClient.js';
import { createFakeTransport } from '../shared/testing/fakeTransport.js';
import { followAttention } from './pageAttention.js';
import { createRingSound } from './ringSound.js';

function page() {
  const log: string[] = [];
  let click: (() => void) | null = null;
  const fake = createFakeTransport();
  const client = createDeskClient(fake.transport, { warn: vi.fn() });
  const ring = createRingSound(
    () => ({ src: '', loop: false, volume: 1, currentTime: 0, play: async () => void log.push('ring'), pause: () => log.push('ring off') }),
    () => 'blob:ring',
  );
  const stop = followAttention(client, {
    notifier: {
      show(notice: Notice, tag: string, onClick: () => void) {
        log.push(`notify ${tag}: ${notice.title}`);
        click = onClick;
        return { close: () => log.push(`close ${tag}`) };
      },
    },
    flash: { start: (text) => log.push(`flash ${text}`), stop: () => log.push('flash off'), flashing: false },
    ring,
    focusForm: () => log.push('focus form'),
    raiseTab: () => log.push('raise tab'),
  });
  return { fake, log, stop, click: () => click?.() };
}

const ring = { linkedid: '1.1', notice: { title: 'Gelen çağrı: 905321112233', body: 'Ayşe Yılmaz' }, flashTitle: '☎ 905321112233 arıyor', sound: true, focusForm: false };

describe('the page carries out a ringing call’s attention', () => {
  it('notifies, flashes and rings; everything stops when the host says so', () => {
    const { fake, log } = page();
    fake.push('attention.ring', ring);
    expect(log).toEqual(['flash off', 'notify 1.1: Gelen çağrı: 905321112233', 'flash ☎ 905321112233 arıyor', 'ring']);
    log.length = 0;
    fake.push('attention.ring', null);
    expect(log).toEqual(['close 1.1', 'flash off', 'ring off']);
  });

  it('a click on the notification brings the tab up and the caret to the form', () => {
    const { fake, log, click } = page();
    fake.push('attention.ring', ring);
    log.length = 0;
    click();
    expect(log).toEqual(['raise tab', 'focus form', 'close 1.1', 'flash off', 'ring off']);
  });

  it('the desktop shell notified natively: the page only puts the caret in the form', () => {
    const { fake, log } = page();
    fake.push('attention.ring', { linkedid: '2.1', notice: null, flashTitle: null, sound: false, focusForm: true });
    expect(log).toEqual(['flash off', 'focus form']);
  });
});
