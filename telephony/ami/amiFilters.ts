// Session filters for the two kinds of desk (README-ami.md has the equivalent manager.conf
// `eventfilter` lines). Legacy filters are regular expressions over the whole event text;
// Asterisk sends an event when any of them matches. Besides what the role needs:
// - (Soft)HangupRequest (team leads and the server's collector): the only way to tell a caller's
//   hang-up from a queue timeout, both of which end in QueueCallerAbandon;
// - FullyBooted, Reload and Shutdown: the client re-reads the PBX on the first two and expects a
//   close on the last.

/**
 * A session filter sent with `Action: Filter` after every login. A string is a legacy filter
 * (a regular expression over the whole event, `!` in front to exclude): `Event: Queue*`.
 * The object form adds Asterisk ≥ 20's MatchCriteria, e.g. `{ matchCriteria: 'name(Hangup)' }`.
 * Filters cut unsolicited events only: responses and list items always arrive.
 */
export type AmiFilter = string | { matchCriteria: string; filter?: string };

const LINK_EVENTS: AmiFilter = 'Event: (FullyBooted|Shutdown|Reload)';
// A member's pause device changing: after a silent `queue reload members` the only sign of a
// member added (o-queue-reload-members); the desk then reads QueueStatus again.
const MEMBER_PAUSE_DEVICES: AmiFilter = 'Device: Queue:.*_pause_';
const HANGUPS: AmiFilter = 'Event: (Soft)?HangupRequest';
// The outcome of this desk's click-to-dial and ChanSpy Originates (async: only this event says
// whether the phone was reached). Other desks' are few and ignored by ActionID.
const ORIGINATE_RESULTS: AmiFilter = 'Event: OriginateResponse';

/** Escapes a literal for a POSIX extended regular expression (what Asterisk's legacy filters are). */
export function filterLiteral(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

/**
 * An operator's desk: what its panel shows and nothing of the other 499 agents. Callers joining
 * and leaving its queues (QueueCaller*: waiting counts, longest wait), every event naming its own
 * member interface (its status and pauses; AgentCalled/Connect/Complete/RingNoAnswer for the
 * screen-pop) and its own pause device. The agents table is a team lead's, and a team lead's
 * desk reads it from the server's collector (issue 16) or from its own session. No hang-up
 * events: they only tell an abandon from a timeout, figures an operator's panel does not show,
 * and they were most of what remained (bench:ami-load); a ringing pop ends on the agent events
 * or the caller's QueueCallerAbandon.
 */
export function operatorFilters(agentInterface: string): AmiFilter[] {
  const own = filterLiteral(agentInterface);
  return ['Event: QueueCaller', `Interface: ${own}`, ORIGINATE_RESULTS, LINK_EVENTS, `Device: Queue:.*_pause_${own}`];
}

/** A team lead's wallboard: every queue and agent event of every queue. */
export function teamLeadFilters(): AmiFilter[] {
  return ['Event: Queue*', 'Event: Agent*', HANGUPS, ORIGINATE_RESULTS, LINK_EVENTS, MEMBER_PAUSE_DEVICES];
}
