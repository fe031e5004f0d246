import { z } from 'zod';
import { formatApplicationNo, parseApplicationNo } from '../../core/applicationNumber.js';
import { CaseStatus } from '../../core/case.js';
import { isoInstant, type SqlRunner } from '../db/sqlClient.js';
import { securityCodeMatchesAsync as securityCodeMatches } from '../../core/securityCode.js';

/** What a citizen may learn: no name, phone, address or text, only where the case stands. */
export const CaseStatusAnswer = z.object({
  applicationNo: z.string(),
  status: CaseStatus,
  unit: z.object({ code: z.string(), name: z.string() }).nullable(),
  updatedAt: z.string(),
});
export type CaseStatusAnswer = z.infer<typeof CaseStatusAnswer>;

/** Accepts the number as people type it; provisional desk numbers keep their prefix. */
function canonicalNumber(typed: string): string | null {
  const parsed = parseApplicationNo(typed);
  if (!parsed) return null;
  return formatApplicationNo(parsed.year, parsed.sequence, parsed.prefix ?? undefined);
}

interface Row {
  application_no: string;
  security_code_hash: string | null;
  status: CaseStatusAnswer['status'];
  unit_code: string | null;
  unit_name: string | null;
  updated_at: unknown;
}

/** Null for an unknown number and a wrong code alike, after the same scrypt work. */
export async function queryCaseStatus(db: SqlRunner, typedNumber: string, code: string): Promise<CaseStatusAnswer | null> {
  const number = canonicalNumber(typedNumber);
  const [row] = number
    ? await db.query<Row>(
        `SELECT c.application_no, c.security_code_hash, c.status, c.unit_code, u.name AS unit_name, c.updated_at
         FROM cases c LEFT JOIN units u ON u.code = c.unit_code WHERE c.application_no = $1`,
        [number],
      )
    : [];
  const ok = await securityCodeMatches(row?.security_code_hash ?? null, code);
  if (!ok || !row) return null;
  return {
    applicationNo: row.application_no,
    status: row.status,
    unit: row.unit_code === null ? null : { code: row.unit_code, name: row.unit_name ?? row.unit_code },
    updatedAt: isoInstant(row.updated_at),
  };
}
