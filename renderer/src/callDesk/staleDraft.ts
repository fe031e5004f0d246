import type { ScreenPop } from '../../../core/call.js';
import { isPristine, type CaseDraft } from './caseDraft.js';

/** Two different people: the one the draft was written for and the one on the line now. */
export interface StaleDraft {
  /** The number the case would be saved under (the draft's phone field); null: none. */
  draftNumber: string | null;
  /** Who is calling now, as the pop shows it. */
  callerNumber: string;
  /** The call on screen: a confirmation holds for it alone. */
  linkedid: string;
}

/**
 * A draft the operator typed for another call (or for no call) while a new call is on screen:
 * saving it as it is records it under the other caller, so the form asks first. Null when the
 * draft belongs to the call on screen, there is no call, or there is nothing of the operator's in it.
 */
export function staleDraftOf(draft: CaseDraft, pop: ScreenPop | null): StaleDraft | null {
  if (pop === null || draft.linkedid === pop.call.linkedid || isPristine(draft)) return null;
  const phone = draft.phone.trim();
  return { draftNumber: phone === '' ? null : phone, callerNumber: pop.call.callerNumber, linkedid: pop.call.linkedid };
}
