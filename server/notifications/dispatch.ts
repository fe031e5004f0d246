import type { SqlClient } from '../db/sqlClient.js';
import { safeError } from '../http/safeError.js';
import type { OutgoingNotification, Senders } from './senders.js';
import type { NotificationChannel, NotificationPayload, Template } from './templates.js';

const MINUTE = 60_000;
/** A claimed row is tried again after this if its sender never answered (the instance died). */
export const CLAIM_LEASE_MS = 10 * MINUTE;
const MAX_BACKOFF_MS = 6 * 60 * MINUTE;

/** 1, 2, 4 … minutes after the n-th failed attempt, at most 6 hours; never given up on. */
export function retryDelayMs(attempts: number): number {
  return Math.min(MINUTE * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

export interface DispatchResult {
  sent: string[];
  failed: string[];
}

interface ClaimedRow {
  id: string;
  channel: NotificationChannel;
  recipient: string;
  template: Template;
  payload: NotificationPayload;
  attempts: number;
}

/**
 * One worker step: claims up to `limit` due rows (SKIP LOCKED, and a lease moving due_at on, so
 * several instances never send the same row at once), sends each, and marks it sent or schedules
 * the next attempt with backoff. A row is only ever marked sent after its sender returned, so a
 * crash between claim and send costs a retry after the lease, never a lost message. Rows whose
 * channel has no sender wait (they are counted as failed with that reason).
 */
export async function dispatchDue(db: SqlClient, senders: Senders, now: Date, limit = 100): Promise<DispatchResult> {
  const claimed = await db.transaction((tx) =>
    tx.query<ClaimedRow>(
      `UPDATE notifications n SET due_at = $2, attempts = n.attempts + 1
        WHERE n.id IN (SELECT id FROM notifications
                        WHERE sent_at IS NULL AND cancelled_at IS NULL AND due_at <= $1
                        ORDER BY due_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING n.id::text AS id, n.channel, n.recipient, n.template, n.payload, n.attempts`,
      [now.toISOString(), new Date(now.getTime() + CLAIM_LEASE_MS).toISOString(), limit],
    ),
  );
  const result: DispatchResult = { sent: [], failed: [] };
  for (const row of claimed.sort((a, b) => Number(a.id) - Number(b.id))) {
    const sender = senders[row.channel];
    const n: OutgoingNotification = { id: row.id, channel: row.channel, recipient: row.recipient, template: row.template, payload: row.payload };
    try {
      if (!sender) throw new Error(`no sender for channel ${row.channel}`);
      await sender.send(n);
      await db.query('UPDATE notifications SET sent_at = $2, last_error = NULL WHERE id = $1', [row.id, now.toISOString()]);
      result.sent.push(row.id);
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      await db.query('UPDATE notifications SET due_at = $2, last_error = $3 WHERE id = $1', [
        row.id,
        new Date(now.getTime() + retryDelayMs(row.attempts)).toISOString(),
        message,
      ]);
      result.failed.push(row.id);
    }
  }
  return result;
}

/** Runs dispatchDue every intervalMs until stopped; one step at a time. */
export function startNotificationWorker(
  db: SqlClient,
  senders: Senders,
  options: { intervalMs?: number; now?: () => Date; onError?: (error: unknown) => void } = {},
): { stop(): Promise<void> } {
  const now = options.now ?? (() => new Date());
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => dispatchDue(db, senders, now())).catch((error: unknown) => options.onError?.(error));
  }, options.intervalMs ?? 30_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

/**
 * Runs the worker while the app is up (started on ready, stopped on close). The caller passes
 * the senders (sendersFromEnv in production), so tests and tools that build an app send nothing.
 */
export function registerNotificationWorker(
  app: { addHook(name: 'onReady' | 'onClose', hook: () => Promise<void>): unknown; log: { error(obj: unknown, msg: string): void } },
  db: SqlClient,
  senders: Senders,
  options: { intervalMs?: number; now?: () => Date } = {},
): void {
  let worker: { stop(): Promise<void> } | null = null;
  app.addHook('onReady', () => {
    // The error's kind only: a failed statement or sender carries citizens' phone numbers and addresses.
    worker = startNotificationWorker(db, senders, { ...options, onError: (err) => app.log.error({ error: safeError(err) }, 'notification dispatch failed') });
    return Promise.resolve();
  });
  app.addHook('onClose', async () => {
    await worker?.stop();
  });
}
