import { describe, expect, it } from 'vitest';
import { createRingSound, ringWav, type AudioLike } from './ringSound.js';

function fakeAudio() {
  const log: string[] = [];
  const audio: AudioLike & { sink: string | null } = {
    src: '',
    loop: false,
    volume: 1,
    currentTime: 9,
    sink: null,
    play: async () => {
      log.push(`play@${audio.volume}`);
    },
    pause: () => log.push('pause'),
    setSinkId: async (id: string) => {
      audio.sink = id;
    },
  };
  return { audio, log };
}

describe('the ring', () => {
  it('is four seconds of PCM: one of tone, three of silence', () => {
    const wav = ringWav();
    const view = new DataView(wav.buffer);
    expect(String.fromCharCode(...wav.slice(0, 4))).toBe('RIFF');
    expect(view.getUint32(24, true)).toBe(8000);
    expect(view.getUint32(40, true)).toBe(8000 * 4 * 2);
    const sample = (second: number) => Math.abs(view.getInt16(44 + (second * 8000 + 400) * 2, true));
    expect(sample(0)).toBeGreaterThan(0);
    expect(sample(2)).toBe(0);
  });

  it('plays while the softphone or a call’s attention wants it, looped, at the set volume, on the set speaker', () => {
    const { audio, log } = fakeAudio();
    const ring = createRingSound(() => audio, () => 'blob:ring');
    ring.configure(40, 'speaker-2');
    ring.want('attention', true);
    ring.want('softphone', true);
    expect(log).toEqual(['play@0.4']);
    expect(audio).toMatchObject({ src: 'blob:ring', loop: true, currentTime: 0, sink: 'speaker-2' });
    ring.want('attention', false);
    expect(ring.playing).toBe(true);
    ring.want('softphone', false);
    expect(log).toEqual(['play@0.4', 'pause']);
    expect(ring.playing).toBe(false);
  });

  it('stays silent at volume 0, and stops when turned down to it', () => {
    const { audio, log } = fakeAudio();
    const ring = createRingSound(() => audio, () => 'blob:ring');
    ring.configure(0, null);
    ring.want('test', true);
    expect(log).toEqual([]);
    ring.configure(80, null);
    ring.configure(0, null);
    expect(log).toEqual(['play@0.8', 'pause']);
  });

  it('a refused play (no click in the tab yet) is not an error: it is reported, and the next gesture plays it', async () => {
    const { audio, log } = fakeAudio();
    let allowed = false;
    audio.play = async () => {
      log.push('play');
      if (!allowed) throw new Error('NotAllowedError');
    };
    const ring = createRingSound(() => audio, () => 'blob:ring');
    const reports: boolean[] = [];
    ring.onBlocked((blocked) => reports.push(blocked));
    ring.want('attention', true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(ring.playing).toBe(true);
    expect(ring.blocked).toBe(true);
    allowed = true;
    ring.retry();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(ring.blocked).toBe(false);
    expect(log).toEqual(['play', 'play']);
    // Nothing to retry once it plays, nor after the call stopped ringing.
    ring.retry();
    ring.want('attention', false);
    ring.retry();
    expect(log).toEqual(['play', 'play', 'pause']);
    expect(reports).toEqual([true, false]);
  });

  it('a call that stops ringing while the sound is held back takes the notice with it', async () => {
    const ring = createRingSound(() => ({ ...fakeAudio().audio, play: () => Promise.reject(new Error('NotAllowedError')) }), () => 'blob:ring');
    ring.want('attention', true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(ring.blocked).toBe(true);
    ring.want('attention', false);
    expect(ring.blocked).toBe(false);
  });
});
