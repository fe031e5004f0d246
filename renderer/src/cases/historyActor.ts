import { extensionOf } from '../../../core/agentInterface.js';
import type { CaseHistoryEntry } from '../../../core/case.js';

/**
 * Who took a step of the case, as a person on the floor says it (issue 18). The host writes the
 * AMI interface of the desk's agent (`Local/1001@sim-agent/n`), steps pulled from the central
 * server come as `server` (a unit's workflow) or as another desk's id, and demo cases as `demo`.
 */
export type HistoryActor =
  | { kind: 'person'; name: string }
  | { kind: 'extension'; extension: string }
  | { kind: 'unit'; unitCode: string }
  | { kind: 'center' }
  | { kind: 'demo' }
  | { kind: 'other-desk' };

/** This desk's agent: the interface its steps carry, and the name to show for it. */
export interface DeskAgent {
  agentInterface: string;
  agentName: string | null;
}

const text = (detail: unknown, name: string): string | null => {
  if (typeof detail !== 'object' || detail === null) return null;
  const value = (detail as Record<string, unknown>)[name];
  return typeof value === 'string' && value !== '' ? value : null;
};

export function historyActor(entry: Pick<CaseHistoryEntry, 'actor' | 'detail'>, self: DeskAgent | null): HistoryActor {
  const { actor, detail } = entry;
  if (self !== null && actor === self.agentInterface && self.agentName) return { kind: 'person', name: self.agentName };
  const extension = extensionOf(actor);
  if (extension) return { kind: 'extension', extension };
  if (actor === 'server') {
    // A redirect is done by the unit the case leaves, a reopen by the call center (a feedback
    // operator heard the problem persists); every other step by the case's unit.
    const action = text(detail, 'action');
    if (action === 'reopen') return { kind: 'center' };
    const unitCode = action === 'redirect' ? (text(detail, 'from') ?? text(detail, 'unitCode')) : text(detail, 'unitCode');
    return unitCode ? { kind: 'unit', unitCode } : { kind: 'center' };
  }
  if (actor === 'demo') return { kind: 'demo' };
  return { kind: 'other-desk' };
}
