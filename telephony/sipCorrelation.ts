import type { AgentCall } from '../core/call.js';
import { phoneSearchKey } from '../core/phone.js';
import type { SoftphoneIncoming } from '../core/softphone.js';

/** An INVITE and the AMI call it belongs to arrive within this of each other, either way round. */
export const CORRELATION_WINDOW_MS = 10_000;

export type Correlation =
  | { by: 'linkedid'; call: AgentCall }
  | { by: 'caller-and-time'; call: AgentCall }
  | { by: 'none' };

/**
 * Which AMI call a softphone INVITE is. The dialplan's correlation header (X-Linkedid) names it
 * exactly; without it (a dialplan not set up, a transfer from elsewhere) the same caller number
 * ringing this agent within the window is taken to be the same call. The caller number is
 * compared as a phone number (0532…, 90532… and +90 532… are one caller).
 */
export function correlateInvite(invite: SoftphoneIncoming, current: AgentCall | null, now: number): Correlation {
  if (current === null || current.phase === 'ended') return { by: 'none' };
  if (invite.linkedid !== null) return invite.linkedid === current.linkedid ? { by: 'linkedid', call: current } : { by: 'none' };
  const inviteKey = phoneSearchKey(invite.callerNumber);
  const sameCaller = inviteKey !== null && inviteKey === phoneSearchKey(current.callerNumber);
  const recent = Math.abs(now - current.ringingSince) <= CORRELATION_WINDOW_MS;
  return sameCaller && recent ? { by: 'caller-and-time', call: current } : { by: 'none' };
}

let sequence = 0;

/**
 * The call as the softphone alone knows it, when no AMI call matches (a SIP server without
 * AMI, as in the lab, or AMI down). It keeps the INVITE's Linkedid when the dialplan sent one;
 * otherwise it gets an id of the same shape (seconds.sequence) so the case it leads to still
 * names its call.
 */
export function callFromInvite(invite: SoftphoneIncoming, now: number): AgentCall {
  sequence = (sequence + 1) % 1_000_000;
  return {
    linkedid: invite.linkedid ?? `${Math.floor(now / 1000)}.${900_000 + (sequence % 100_000)}`,
    queue: 'softphone',
    callerNumber: invite.callerNumber,
    callerName: invite.callerName,
    phase: 'ringing',
    ringingSince: now,
    answeredAt: null,
    endedAt: null,
    queueWaitSec: null,
    talkSec: null,
  };
}
