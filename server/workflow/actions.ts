import { z } from 'zod';
import { LIMITS, cleanText } from '../../core/case.js';

// Apart from workflow.ts so that the permission table (auth/permissions.ts) can name the actions
// without importing the workflow that consults it.

export const UnitCode = z.string().trim().min(1).max(64).regex(/^[a-z0-9-]+$/, 'unit.invalid');

/** The five things a unit does with a case; each is one POST /api/v1/cases/:applicationNo/<action>. */
export const ActionBodies = {
  assign: z.object({ assignee: cleanText(120) }).strict(),
  note: z.object({ text: cleanText(LIMITS.note) }).strict(),
  resolve: z.object({ resolution: cleanText(LIMITS.resolution) }).strict(),
  reject: z.object({ reason: cleanText(LIMITS.resolution) }).strict(),
  redirect: z.object({ unitCode: UnitCode }).strict(),
} as const;
export type ActionName = keyof typeof ActionBodies;
export const ACTION_NAMES = Object.keys(ActionBodies) as ActionName[];
export type Action = { [K in ActionName]: { name: K; body: z.infer<(typeof ActionBodies)[K]> } }[ActionName];
