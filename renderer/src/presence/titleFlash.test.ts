import { describe, expect, it } from 'vitest';
import { createTitleFlash, RING_FAVICON, type TabFace } from './titleFlash.js';

function tab() {
  let face: TabFace = { title: 'ALO 153 Çağrı Masası', favicon: 'data:,' };
  const ticks: Array<() => void> = [];
  const flash = createTitleFlash(
    { get: () => face, set: (next) => (face = next) },
    { setInterval: (fn) => ticks.push(fn), clearInterval: () => ticks.splice(0) },
  );
  return { flash, face: () => face, tick: () => ticks.forEach((t) => t()) };
}

describe('the flashing tab', () => {
  it('shows the call at once, alternates each period, and is itself again when stopped', () => {
    const { flash, face, tick } = tab();
    flash.start('☎ 905321112233 arıyor');
    expect(face()).toEqual({ title: '☎ 905321112233 arıyor', favicon: RING_FAVICON });
    tick();
    expect(face().title).toBe('ALO 153 Çağrı Masası');
    tick();
    expect(face().title).toBe('☎ 905321112233 arıyor');
    flash.stop();
    expect(face()).toEqual({ title: 'ALO 153 Çağrı Masası', favicon: 'data:,' });
    expect(flash.flashing).toBe(false);
  });

  it('a second call while flashing restores the real title first, never keeping the first call’s as "original"', () => {
    const { flash, face } = tab();
    flash.start('☎ 1 arıyor');
    flash.start('☎ 2 arıyor');
    flash.stop();
    expect(face().title).toBe('ALO 153 Çağrı Masası');
  });

  it('the favicon is an image the CSP allows (data:), drawn without inline style', () => {
    expect(RING_FAVICON.startsWith('data:image/svg+xml,')).toBe(true);
    expect(decodeURIComponent(RING_FAVICON)).not.toMatch(/style=/);
  });
});
