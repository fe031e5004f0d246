import { ServerCase, type CreatePayload } from '../../sync/protocol.js';
import { isoInstant } from '../db/sqlClient.js';

/** A `cases` row as selected by CASE_COLUMNS. */
export interface CaseRow {
  id: string;
  application_no: string;
  status: ServerCase['status'];
  unit_code: string | null;
  confidential: boolean;
  fields: Record<string, unknown>;
  created_at: unknown;
  updated_at: unknown;
  version: number;
}

export const CASE_COLUMNS =
  'c.id::text AS id, c.application_no, c.status, c.unit_code, c.confidential, c.fields, c.created_at, c.updated_at, c.version';

/** Columns the server filters on live in their own columns; the rest in `fields` (jsonb). */
const COLUMN_FIELDS = new Set(['applicationNo', 'status', 'unitCode', 'confidential', 'createdAt', 'updatedAt', 'version']);

export function rowToCase(row: CaseRow): ServerCase {
  return ServerCase.parse({
    ...row.fields,
    applicationNo: row.application_no,
    status: row.status,
    unitCode: row.unit_code,
    confidential: row.confidential,
    createdAt: isoInstant(row.created_at),
    updatedAt: isoInstant(row.updated_at),
    version: row.version,
  });
}

/** The case's `fields` column: every field that has no column of its own. */
export function fieldsObject(c: ServerCase): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) if (!COLUMN_FIELDS.has(k)) doc[k] = v;
  return doc;
}

export function fieldsDocument(c: ServerCase): string {
  return JSON.stringify(fieldsObject(c));
}

export function caseFromCreate(applicationNo: string, p: CreatePayload, at: string): ServerCase {
  const { securityCodeHash: _hash, createdAt, ...fields } = p;
  return { ...fields, applicationNo, createdAt: isoInstant(createdAt), updatedAt: at, version: 1 };
}
