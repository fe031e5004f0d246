import { WORKFLOW_FIELD_NAMES, type FieldsPayload, type ServerCase } from '../../sync/protocol.js';

export interface FieldChange {
  from: unknown;
  to: unknown;
}

export interface MergeResult {
  next: ServerCase;
  /** Per applied field, old and new value: kept in the case history (conflict rule 3). */
  changed: Record<string, FieldChange>;
  /** Workflow fields the desk sent and the server dropped (conflict rule 1). */
  ignored: Record<string, unknown>;
}

const WORKFLOW: ReadonlySet<string> = new Set(WORKFLOW_FIELD_NAMES);

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The conflict rule of sync/protocol.ts for one `fields` change: every named desk field takes the
 * new value (the server applies changes in arrival order), unnamed fields stay, workflow fields
 * are dropped. Version and updatedAt move only when something changed.
 */
export function mergeFields(current: ServerCase, payload: FieldsPayload, at: string): MergeResult {
  const next: Record<string, unknown> = { ...current };
  const changed: Record<string, FieldChange> = {};
  const ignored: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(payload)) {
    if (value === undefined) continue;
    if (WORKFLOW.has(field)) {
      if (!same(current[field as keyof ServerCase], value)) ignored[field] = value;
      continue;
    }
    const from = current[field as keyof ServerCase];
    if (same(from, value)) continue;
    next[field] = value;
    changed[field] = { from, to: value };
  }
  const touched = Object.keys(changed).length > 0;
  return {
    next: touched ? { ...(next as ServerCase), version: current.version + 1, updatedAt: at } : current,
    changed,
    ignored,
  };
}
