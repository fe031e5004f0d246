import { z } from 'zod';
import { CaseType, Channel, LinkedId, Priority } from '../../../core/case.js';
import type { DraftRecord } from '../../../core/contract.js';
import { emptyDraft, isPristine, TEXT_FIELDS, type CaseDraft, type TextField } from './caseDraft.js';

/**
 * The form as it travels in `drafts.save` content: opaque to the host, so the renderer owns the
 * format and checks it on the way back. A version bump makes older drafts unreadable on purpose
 * rather than half-restored.
 */
const DRAFT_FORMAT = 1;

const textFields = Object.fromEntries(TEXT_FIELDS.map((f) => [f, z.string().max(40_000)])) as Record<
  TextField,
  z.ZodString
>;

const StoredDraft = z.object({
  v: z.literal(DRAFT_FORMAT),
  draft: z.object({
    ...textFields,
    subjectCode: z.string().max(64).nullable(),
    cannedAnswerCode: z.string().max(64).nullable(),
    channel: Channel,
    type: CaseType.nullable(),
    priority: Priority.nullable(),
    confidential: z.boolean().nullable(),
    unitCode: z.string().max(64).nullable(),
    linkedid: LinkedId.nullable(),
    prefill: z.object({ phone: z.string().max(40), citizenName: z.string().max(200) }).nullable(),
  }),
});

export function serializeDraft(draft: CaseDraft): string {
  const picked: CaseDraft = { ...emptyDraft };
  // Only the known fields: nothing else in the object may leak into what is stored.
  for (const key of Object.keys(emptyDraft) as (keyof CaseDraft)[]) Object.assign(picked, { [key]: draft[key] });
  return JSON.stringify({ v: DRAFT_FORMAT, draft: picked });
}

export function parseDraft(content: string): CaseDraft | null {
  let raw: unknown;
  try {
    raw = JSON.parse(content);
  } catch {
    return null;
  }
  const parsed = StoredDraft.safeParse(raw);
  return parsed.success ? { ...emptyDraft, ...parsed.data.draft } : null;
}

/**
 * The restore rule: bring the newest saved draft back only when it holds something of the
 * operator's and the form on screen holds nothing of theirs yet (a call prefill does not count).
 */
export function draftToRestore(latest: DraftRecord | null, current: CaseDraft): CaseDraft | null {
  if (latest === null || !isPristine(current)) return null;
  const draft = parseDraft(latest.content);
  return draft !== null && !isPristine(draft) ? draft : null;
}
