import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { feedProblem, type FeedStatus } from '../figuresFeed.js';
import { useTvText } from '../i18n.js';

/** Above the board: the live channel down or silent, or a PBX the server does not see. Nothing while all is live. */
export function FeedBanner({ status }: { status: StoreApi<FeedStatus> }) {
  const { t } = useTvText();
  // The status store replaces its state only when something shown changed.
  const problem = feedProblem(useStore(status));
  if (problem === null) return null;
  const text =
    problem.kind === 'pbx-down'
      ? t('feed.pbxDown', { pbx: problem.pbxs.join(', ') })
      : t(`feed.${problem.kind}`);
  return (
    <p className={`tv-banner tv-banner--${problem.kind}`} role={problem.kind === 'connecting' ? 'status' : 'alert'} data-testid="tv-feed-banner" data-state={problem.kind}>
      {text}
    </p>
  );
}
