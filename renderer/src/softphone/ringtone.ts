/**
 * The ring of an incoming softphone call: two WebAudio oscillators (425 Hz and 450 Hz, the
 * Turkish ringing cadence of 1 s on, 3 s off), no audio file, so the CSP needs no media source.
 */
export interface Ringtone {
  start(): void;
  stop(): void;
  readonly playing: boolean;
}

type AudioContextCtor = new () => AudioContext;

export function createRingtone(Ctor: AudioContextCtor | null = typeof AudioContext === 'undefined' ? null : AudioContext): Ringtone {
  let ctx: AudioContext | null = null;
  let oscillators: OscillatorNode[] = [];
  let gain: GainNode | null = null;
  let cadence: ReturnType<typeof setInterval> | null = null;
  let playing = false;

  const burst = (): void => {
    if (!ctx || !gain) return;
    const t = ctx.currentTime;
    gain.gain.cancelScheduledValues(t);
    gain.gain.setValueAtTime(0, t);
    gain.gain.linearRampToValueAtTime(0.15, t + 0.02);
    gain.gain.setValueAtTime(0.15, t + 1);
    gain.gain.linearRampToValueAtTime(0, t + 1.02);
  };

  return {
    start() {
      if (playing || !Ctor) return;
      playing = true;
      try {
        ctx = new Ctor();
        gain = ctx.createGain();
        gain.gain.value = 0;
        gain.connect(ctx.destination);
        oscillators = [425, 450].map((hz) => {
          const o = ctx!.createOscillator();
          o.frequency.value = hz;
          o.connect(gain!);
          o.start();
          return o;
        });
        void ctx.resume?.().catch(() => {});
        burst();
        cadence = setInterval(burst, 4000);
      } catch {
        // No audio output (or autoplay refused): the panel still shows the ringing call.
      }
    },
    stop() {
      if (!playing) return;
      playing = false;
      if (cadence !== null) clearInterval(cadence);
      cadence = null;
      for (const o of oscillators) {
        try {
          o.stop();
        } catch {
          // already stopped
        }
      }
      oscillators = [];
      gain = null;
      void ctx?.close().catch(() => {});
      ctx = null;
    },
    get playing() {
      return playing;
    },
  };
}
