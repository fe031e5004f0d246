// The queue model reads time and sets timers only through this interface, so tests can drive
// a call through its phases instantly and at exact, repeatable times.

export interface SimScheduler {
  now(): number;
  setTimeout(callback: () => void, ms: number): SimTimer;
  clearTimeout(timer: SimTimer): void;
}

export interface SimTimer {
  readonly id: number;
}

export function realScheduler(): SimScheduler {
  let nextId = 0;
  const handles = new Map<number, NodeJS.Timeout>();
  return {
    now: () => Date.now(),
    setTimeout(callback, ms) {
      const id = ++nextId;
      handles.set(
        id,
        setTimeout(() => {
          handles.delete(id);
          callback();
        }, ms),
      );
      return { id };
    },
    clearTimeout(timer) {
      clearTimeout(handles.get(timer.id));
      handles.delete(timer.id);
    },
  };
}

export interface ManualScheduler extends SimScheduler {
  /** Moves time forward, running due timers in order of due time, then of creation. */
  advance(ms: number): void;
  readonly pendingTimers: number;
}

export function manualScheduler(startMs: number): ManualScheduler {
  let now = startMs;
  let nextId = 0;
  const timers = new Map<number, { due: number; callback: () => void }>();
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const id = ++nextId;
      timers.set(id, { due: now + Math.max(0, ms), callback });
      return { id };
    },
    clearTimeout(timer) {
      timers.delete(timer.id);
    },
    get pendingTimers() {
      return timers.size;
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        let nextTimer: [number, { due: number; callback: () => void }] | undefined;
        for (const entry of timers) {
          if (entry[1].due <= until && (nextTimer === undefined || entry[1].due < nextTimer[1].due)) nextTimer = entry;
        }
        if (nextTimer === undefined) break;
        timers.delete(nextTimer[0]);
        now = nextTimer[1].due;
        nextTimer[1].callback();
      }
      now = until;
    },
  };
}
