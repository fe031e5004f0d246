import { useCallback, useEffect, type RefObject } from 'react';
import { selectTv, tvChanged } from '../viewStore.js';
import { useView } from './hooks.js';
import { useWallboard } from './WallboardContext.js';

/**
 * TV view: the large-type layout, full screen when the Fullscreen API allows it. Esc leaves: the
 * browser's own Esc ends full screen (we follow `fullscreenchange`); without full screen (refused,
 * or an Electron window that does not allow it) our key handler does it.
 */
export function useTvMode(root: RefObject<HTMLElement | null>, always = false): { tv: boolean; enter: () => void; leave: () => void } {
  const { view } = useWallboard();
  const chosen = useView(selectTv);
  // `always`: a TV page, where the view is not a choice (and Esc is left to the browser).
  const tv = always || chosen;

  const enter = useCallback(() => {
    view.setState((s) => tvChanged(s, true), true);
    const el = root.current;
    if (el && typeof el.requestFullscreen === 'function' && !document.fullscreenElement) {
      // Refused (no user gesture, policy): the large-type layout still applies.
      el.requestFullscreen().catch(() => undefined);
    }
  }, [root, view]);

  const leave = useCallback(() => {
    view.setState((s) => tvChanged(s, false), true);
    if (document.fullscreenElement && typeof document.exitFullscreen === 'function') document.exitFullscreen().catch(() => undefined);
  }, [view]);

  useEffect(() => {
    if (!chosen) return;
    const onFullscreenChange = (): void => {
      if (!document.fullscreenElement) view.setState((s) => tvChanged(s, false), true);
    };
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') leave();
    };
    document.addEventListener('fullscreenchange', onFullscreenChange);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('fullscreenchange', onFullscreenChange);
      document.removeEventListener('keydown', onKey);
    };
  }, [chosen, view, leave]);

  // Leaving the screen (unmount) must not leave the browser in full screen.
  useEffect(
    () => () => {
      if (document.fullscreenElement && typeof document.exitFullscreen === 'function') document.exitFullscreen().catch(() => undefined);
      view.setState((s) => tvChanged(s, false), true);
    },
    [view],
  );

  return { tv, enter, leave };
}
