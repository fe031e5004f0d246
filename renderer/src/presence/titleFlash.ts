/**
 * A ringing call in a background tab: the tab's title and favicon alternate with the call's until
 * the call is answered or the operator looks. The favicon is an SVG data: URL (the CSP's img-src
 * allows data:), so no file and no inline style.
 */
export interface TabFace {
  title: string;
  favicon: string;
}

export interface TitleFlash {
  start(text: string): void;
  stop(): void;
  readonly flashing: boolean;
}

export const RING_FAVICON = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="#c62828"/><circle cx="8" cy="8" r="3" fill="#fff"/></svg>')}`;

export const FLASH_PERIOD_MS = 1000;

export interface FlashTimers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export function createTitleFlash(face: { get(): TabFace; set(face: TabFace): void }, timers: FlashTimers): TitleFlash {
  let original: TabFace | null = null;
  let handle: unknown = null;
  let on = false;

  const stop = () => {
    if (original === null) return;
    timers.clearInterval(handle);
    face.set(original);
    original = null;
    handle = null;
  };

  return {
    start(text) {
      stop();
      original = face.get();
      const normal = original;
      const ringing: TabFace = { title: text, favicon: RING_FAVICON };
      // The call's face first: a glance at the tab strip shows it at once.
      on = true;
      face.set(ringing);
      handle = timers.setInterval(() => {
        on = !on;
        face.set(on ? ringing : normal);
      }, FLASH_PERIOD_MS);
    },
    stop,
    get flashing() {
      return original !== null;
    },
  };
}
