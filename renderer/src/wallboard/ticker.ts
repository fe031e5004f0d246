import { createStore, type StoreApi } from 'zustand/vanilla';

export interface TickState {
  /** Wall-clock epoch ms, moved on every tick. */
  now: number;
}

export interface Ticker {
  store: StoreApi<TickState>;
  /** Keeps the ticker running until the returned release is called (ref-counted: idle screens do not tick). */
  retain: () => () => void;
}

export interface TickerTimers {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

const defaultTimers: TickerTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * One clock for the whole wallboard: waits and time in state count up every second between the
 * host's pushes, and all of them flip together because each tick lands on a whole second.
 */
export function createTicker(clock: () => number = Date.now, intervalMs = 1000, timers: TickerTimers = defaultTimers): Ticker {
  const store = createStore<TickState>()(() => ({ now: clock() }));
  let holders = 0;
  let handle: unknown = null;

  const schedule = (): void => {
    const now = clock();
    // Aim just past the next boundary so a timer firing a little early does not show the old second.
    const delay = intervalMs - (now % intervalMs) + 5;
    handle = timers.setTimeout(() => {
      store.setState({ now: clock() }, true);
      schedule();
    }, delay);
  };

  return {
    store,
    retain() {
      holders++;
      if (holders === 1) {
        store.setState({ now: clock() }, true);
        schedule();
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        holders--;
        if (holders === 0 && handle !== null) {
          timers.clearTimeout(handle);
          handle = null;
        }
      };
    },
  };
}
