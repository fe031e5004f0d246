import type { TalkTime } from './simTypes.js';

// Seeded randomness for the load: the same seed gives the same arrivals, talk times and
// patience, so a benchmark or a demo can be replayed.

export interface SimRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** Exponentially distributed with this mean (Poisson inter-arrival times, patience). */
  exponential(mean: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
}

/** mulberry32: small, fast, good enough for a traffic model. */
export function seededRandom(seed: number): SimRandom {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    exponential: (mean) => -mean * Math.log(1 - next()),
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
  };
}

/** Draws talk times (ms, at least 1 s) from the configured distribution. */
export function talkTimeSampler(talkTime: TalkTime, random: SimRandom): () => number {
  switch (talkTime.distribution) {
    case 'fixed':
      return () => talkTime.ms;
    case 'exponential':
      return () => Math.max(1_000, Math.round(random.exponential(talkTime.meanMs)));
    case 'lognormal': {
      const sigma2 = Math.log(1 + (talkTime.sdMs * talkTime.sdMs) / (talkTime.meanMs * talkTime.meanMs));
      const mu = Math.log(talkTime.meanMs) - sigma2 / 2;
      const sigma = Math.sqrt(sigma2);
      return () => Math.max(1_000, Math.round(Math.exp(mu + sigma * random.normal())));
    }
  }
}
