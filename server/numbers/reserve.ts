import { z } from 'zod';
import { formatApplicationNo } from '../../core/applicationNumber.js';
import { civilDate, istanbulDayOf } from '../../core/istanbulTime.js';
import { DeskId } from '../../sync/protocol.js';
import type { SqlClient } from '../db/sqlClient.js';

export const MAX_RESERVE_COUNT = 100;

export const ReserveNumbersRequest = z.object({
  deskId: DeskId,
  count: z.number().int().min(1).max(MAX_RESERVE_COUNT),
});
export type ReserveNumbersRequest = z.infer<typeof ReserveNumbersRequest>;

export const ReserveNumbersResponse = z.object({
  /** Final numbers of the current Istanbul year, in order, each handed out once ever. */
  numbers: z.array(z.string()),
});
export type ReserveNumbersResponse = z.infer<typeof ReserveNumbersResponse>;

/**
 * The next `count` final numbers of the current Istanbul year, recorded against the desk.
 * One transaction: the year's counter row is created when missing (starting above every
 * unprefixed number of that year already used by a case or reserved), then advanced with one
 * UPDATE … RETURNING whose row lock holds concurrent reservations until this one commits, so
 * two reservations never share a number; a rolled-back reservation gives its numbers back.
 */
export async function reserveNumbers(db: SqlClient, request: ReserveNumbersRequest, now: Date): Promise<ReserveNumbersResponse> {
  const year = civilDate(istanbulDayOf(now)).year;
  return db.transaction(async (tx) => {
    // Only when the year has no row yet (the scan reads every number once a year, not per call);
    // a concurrent first reservation of the year waits on the primary key, then does nothing.
    await tx.query(
      `INSERT INTO application_number_counters (year, last_sequence)
       SELECT $1::int, (
         SELECT coalesce(max(split_part(n, '-', 2)::bigint), 0)
           FROM (SELECT application_no AS n FROM cases UNION ALL SELECT application_no FROM reserved_numbers) used
          -- Unprefixed numbers of the year: YYYY-sequence-check, the sequence 7 digits or more.
          WHERE n ~ ('^' || $1::int::text || '-[0-9]{7,}-[0-9]$'))
       WHERE NOT EXISTS (SELECT 1 FROM application_number_counters WHERE year = $1::int)
       ON CONFLICT (year) DO NOTHING`,
      [year],
    );
    const [row] = await tx.query<{ last: string }>(
      'UPDATE application_number_counters SET last_sequence = last_sequence + $2 WHERE year = $1 RETURNING last_sequence::text AS last',
      [year, request.count],
    );
    const last = Number(row!.last);
    const numbers = Array.from({ length: request.count }, (_, i) => formatApplicationNo(year, last - request.count + 1 + i));
    await tx.query('INSERT INTO reserved_numbers (application_no, desk_id, reserved_at) SELECT n, $1, $2 FROM jsonb_array_elements_text($3::jsonb) AS n', [
      request.deskId,
      now.toISOString(),
      JSON.stringify(numbers),
    ]);
    return { numbers };
  });
}
