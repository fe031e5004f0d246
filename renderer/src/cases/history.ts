import { safeAttachmentName } from '../../../core/attachmentName.js';
import type { CaseHistoryEntry } from '../../../core/case.js';

/**
 * A history entry as the timeline shows it. The host writes `kind` and a JSON `detail`
 * (db/caseRepository.ts, db/attachmentRepository.ts); known kinds get a sentence of their own,
 * anything else shows its kind as written.
 */
export type HistoryLine =
  | { kind: 'created'; channel: string | null; type: string | null }
  | { kind: 'forwarded'; unitCode: string | null }
  | { kind: 'closed'; text: string | null }
  | { kind: 'note'; text: string | null }
  | { kind: 'attachment'; fileName: string | null }
  /** A unit's step on the central server (server/workflow): resolve, reject, redirect, assign, reopen. */
  | { kind: 'workflow'; action: string | null; unitCode: string | null; text: string | null }
  /** The case's fields changed on another desk. */
  | { kind: 'fields' }
  | { kind: 'other'; name: string };

const field = (detail: unknown, name: string): string | null => {
  if (typeof detail !== 'object' || detail === null) return null;
  const value = (detail as Record<string, unknown>)[name];
  return typeof value === 'string' && value !== '' ? value : null;
};

export function historyLine(entry: Pick<CaseHistoryEntry, 'kind' | 'detail'>): HistoryLine {
  const d = entry.detail;
  switch (entry.kind) {
    case 'created':
      return { kind: 'created', channel: field(d, 'channel'), type: field(d, 'type') };
    case 'forwarded':
      return { kind: 'forwarded', unitCode: field(d, 'unitCode') };
    case 'closed':
    case 'resolved':
      return { kind: 'closed', text: field(d, 'resolution') };
    case 'note':
      return { kind: 'note', text: field(d, 'text') ?? (typeof d === 'string' ? d : null) };
    case 'attachment': {
      // Events written before names were cleaned at write time (core/attachmentName.ts) still
      // hold the name as it came: cleaned here for the timeline.
      const fileName = field(d, 'fileName');
      return { kind: 'attachment', fileName: fileName === null ? null : safeAttachmentName(fileName, field(d, 'mimeType')) };
    }
    case 'workflow': {
      const action = field(d, 'action');
      return {
        kind: 'workflow',
        action,
        unitCode: action === 'redirect' ? (field(d, 'to') ?? field(d, 'unitCode')) : field(d, 'unitCode'),
        text: action === 'reject' ? field(d, 'reason') : action === 'resolve' ? field(d, 'resolution') : null,
      };
    }
    case 'fields':
      return { kind: 'fields' };
    default:
      return { kind: 'other', name: entry.kind };
  }
}
