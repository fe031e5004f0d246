// Types of logic.js (plain JavaScript, served to the browser as it is) for the TypeScript tests.

export type DueBucket = 'overdue' | 'today' | 'later';
export type DueFilter = 'all' | DueBucket;
export type SlaName = 'on-time' | 'due-soon' | 'overdue' | 'done';
export type ActionName = 'assign' | 'note' | 'resolve' | 'reject' | 'redirect';

export interface PageCase {
  status: string;
  dueAt: string | null;
  createdAt: string;
}
export interface PageItem<C extends PageCase = PageCase> {
  case: C;
}
export interface PageAddress {
  district: string | null;
  neighbourhood: string | null;
  street: string | null;
  detail: string | null;
}

export const TIME_ZONE: 'Europe/Istanbul';
export const ROLE_NAMES: Record<string, string>;
export const STATUS_NAMES: Record<string, string>;
export const SLA_NAMES: Record<SlaName, string>;
export const UNIT_KIND_NAMES: Record<string, string>;
export const DUE_FILTER_NAMES: Record<DueFilter, string>;
export const ACTIONS: Record<ActionName, { button: string; title: string; field: string; label: string; control: 'input' | 'textarea' | 'select'; max: number; submit: string; done: string }>;

export function formatDateTime(iso: string | null | undefined): string;
export function formatDue(iso: string | null | undefined, now: Date): string;
export function formatClock(instant: Date): string;
export function formatPhone(value: string | null | undefined): string;
export function formatAddress(address: PageAddress | null | undefined): string;
export function slaOf(c: PageCase, now: Date): SlaName;
export function dueBucket(c: PageCase, now: Date): DueBucket | null;
export function dueCounts(items: readonly PageItem[], now: Date): Record<DueFilter, number>;
export function arrangeInbox<T extends PageItem>(items: readonly T[], options: { due?: DueFilter; sort?: 'due' | 'created' }, now: Date): T[];
export function validateAction(action: ActionName, value: string | null | undefined, currentUnit?: string | null): string | null;
export function serverMessage(error: unknown): string;
