import type { AgentCall } from '../../../../core/call.js';
import { useNow } from '../../shared/ui/hooks.js';
import { formatDuration } from '../../shared/i18n/format.js';

/** Ringing counts from the ring, a call in progress from the answer; an ended call shows its talk time. */
export function callElapsedMs(call: AgentCall, now: number): number {
  const start = call.answeredAt ?? call.ringingSince;
  const end = call.phase === 'ended' ? (call.endedAt ?? now) : now;
  return end - start;
}

export function CallTimer({ call }: { call: AgentCall }) {
  const now = useNow(call.phase !== 'ended');
  return (
    <time className="call-timer" data-testid="screen-pop-timer" aria-live="off">
      {formatDuration(callElapsedMs(call, now))}
    </time>
  );
}
