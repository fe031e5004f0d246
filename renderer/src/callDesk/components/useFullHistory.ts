import { useCallback, useEffect, useState } from 'react';
import type { ScreenPop } from '../../../../core/call.js';
import { fetchHistoryPage, historyOpened, moreRequested, type FullHistory } from '../callerHistory.js';
import { useCallDesk } from '../deskPart.js';

export interface FullHistoryControls {
  /** The whole history as far as fetched; null while the pop shows only its summary. */
  history: FullHistory | null;
  open: () => void;
  more: () => void;
  close: () => void;
}

/**
 * The pop's "show all": fetched a page at a time, for this call only (a new call starts from the
 * summary again), and again from the top when the caller's count changes (a case saved meanwhile).
 */
export function useFullHistory(pop: ScreenPop, all: number): FullHistoryControls {
  const desk = useCallDesk();
  const { linkedid, callerNumber } = pop.call;
  const [state, setState] = useState<FullHistory | null>(null);
  const history = state !== null && state.linkedid === linkedid ? state : null;

  const fetchFrom = useCallback(
    (offset: number) =>
      void fetchHistoryPage(desk.client, callerNumber, offset, (change) =>
        // An answer for another call's caller, or for a closed list, is dropped.
        setState((h) => (h !== null && h.linkedid === linkedid ? change(h) : h)),
      ),
    [desk, callerNumber, linkedid],
  );

  const open = useCallback(() => {
    setState(historyOpened(linkedid, all));
    fetchFrom(0);
  }, [linkedid, all, fetchFrom]);

  const expanded = history !== null;
  useEffect(() => {
    // Only a new count restarts an open list: opening it is the operator's click.
    if (expanded) open();
  }, [all]);

  return {
    history,
    open,
    more: () => {
      if (history === null || history.loading) return;
      setState(moreRequested(history));
      fetchFrom(history.rows.length);
    },
    close: () => setState(null),
  };
}
