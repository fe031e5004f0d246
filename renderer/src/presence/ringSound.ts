/**
 * The ring, as one sound for the softphone's incoming call and for a desk-phone call the operator
 * must notice: an audio element, so it plays on the chosen speaker (setSinkId) at the chosen
 * volume, and keeps playing in a background tab. The sound is made here (a WAV in a blob: URL,
 * which the CSP's media-src allows), so there is no file to ship.
 */
export interface AudioLike {
  src: string;
  loop: boolean;
  volume: number;
  currentTime: number;
  play(): Promise<void>;
  pause(): void;
  setSinkId?(id: string): Promise<void>;
}

/** Who wants the ring: it plays while anyone does. */
export type RingOwner = 'softphone' | 'attention' | 'test';

export interface RingSound {
  want(owner: RingOwner, on: boolean): void;
  /** Volume 0–100 (0: silent); the speaker's device id (null: the default). */
  configure(volume: number, outputId: string | null): void;
  readonly playing: boolean;
  /**
   * The browser refused to play (a tab may not make sound before the operator's first click or
   * key in it): the ring is wanted but silent. `retry` on the operator's next gesture plays it.
   */
  readonly blocked: boolean;
  onBlocked(listener: (blocked: boolean) => void): () => void;
  retry(): void;
}

const RATE = 8000;

/**
 * Four seconds: one second of 425 Hz and 450 Hz together, three of silence; looped, the Turkish
 * ringing cadence the softphone always used. 16-bit mono PCM.
 */
export function ringWav(): Uint8Array {
  const samples = RATE * 4;
  const bytes = new Uint8Array(44 + samples * 2);
  const view = new DataView(bytes.buffer);
  const text = (at: number, s: string) => [...s].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  view.setUint32(4, 36 + samples * 2, true);
  text(8, 'WAVEfmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, RATE, true);
  view.setUint32(28, RATE * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, samples * 2, true);
  for (let i = 0; i < RATE; i++) {
    const t = i / RATE;
    // 20 ms ramps at both ends: no click.
    const envelope = Math.min(1, i / 160, (RATE - i) / 160);
    const value = envelope * 0.35 * (Math.sin(2 * Math.PI * 425 * t) + Math.sin(2 * Math.PI * 450 * t));
    view.setInt16(44 + i * 2, Math.round(value * 32767), true);
  }
  return bytes;
}

export function createRingSound(makeAudio: () => AudioLike | null, urlOf: (wav: Uint8Array) => string): RingSound {
  const owners = new Set<RingOwner>();
  let audio: AudioLike | null = null;
  let volume = 0.7;
  let sink: string | null = null;
  let playing = false;
  let blocked = false;
  const blockedListeners = new Set<(blocked: boolean) => void>();

  const setBlocked = (next: boolean) => {
    if (next === blocked) return;
    blocked = next;
    for (const listener of blockedListeners) listener(blocked);
  };

  const start = (el: AudioLike) => {
    el.play().then(
      () => setBlocked(false),
      // Refused autoplay (no click in this tab yet): the notification and the title still show
      // the call, and the page says the sound waits for a click.
      () => setBlocked(playing),
    );
  };

  const element = (): AudioLike | null => {
    if (audio) return audio;
    audio = makeAudio();
    if (!audio) return null;
    audio.src = urlOf(ringWav());
    audio.loop = true;
    return audio;
  };

  const applySink = (el: AudioLike) => {
    if (typeof el.setSinkId === 'function') void el.setSinkId(sink ?? '').catch(() => {});
  };

  function update(): void {
    const wanted = owners.size > 0 && volume > 0;
    if (wanted === playing) return;
    playing = wanted;
    const el = element();
    if (!el) return;
    if (wanted) {
      el.volume = volume;
      el.currentTime = 0;
      applySink(el);
      start(el);
    } else {
      el.pause();
      setBlocked(false);
    }
  }

  return {
    want(owner, on) {
      if (on) owners.add(owner);
      else owners.delete(owner);
      update();
    },
    configure(nextVolume, outputId) {
      volume = Math.max(0, Math.min(100, nextVolume)) / 100;
      const sinkChanged = outputId !== sink;
      sink = outputId;
      if (audio) {
        audio.volume = volume;
        if (sinkChanged) applySink(audio);
      }
      update();
    },
    get playing() {
      return playing;
    },
    get blocked() {
      return blocked;
    },
    onBlocked(listener) {
      blockedListeners.add(listener);
      return () => blockedListeners.delete(listener);
    },
    retry() {
      if (playing && blocked && audio) start(audio);
    },
  };
}
