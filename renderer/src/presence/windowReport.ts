/**
 * Tells the host what the page's window is doing (visible, focused, where the caret is), the
 * input of its attention policy: sent when it changes, and again on every connect, since a
 * restarted host knows nothing of the page.
 */
import type { WindowReport } from '../../../core/desktop.js';
import type { DeskClient } from '../shared/api/deskClient.js';

export interface WindowSource {
  read(): WindowReport;
  /** Focus moving, the tab hidden or shown. */
  onChange(listener: () => void): () => void;
}

/**
 * Focus leaving one field fires before it reaches the next, with nothing focused in between: a
 * change is read on the next turn, so the host hears where the caret ended up, not the gap.
 */
export function startWindowReport(
  client: Pick<DeskClient, 'call' | 'connection' | 'onConnection'>,
  source: WindowSource,
  later: (fn: () => void) => void = (fn) => void setTimeout(fn, 0),
): () => void {
  let sent = '';
  let queued = false;

  const send = (force: boolean) => {
    if (client.connection().status !== 'connected') return;
    const report = source.read();
    const key = JSON.stringify(report);
    if (!force && key === sent) return;
    sent = key;
    void client.call('presence.window', report);
  };

  const changed = () => {
    if (queued) return;
    queued = true;
    later(() => {
      queued = false;
      send(false);
    });
  };

  const offSource = source.onChange(changed);
  const offConnection = client.onConnection(() => send(true));
  send(true);
  return () => {
    offSource();
    offConnection();
  };
}
