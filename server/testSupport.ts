import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { createApp, type AppOptions } from './app.js';
import { migrate } from './db/migrate.js';
import type { SqlClient, SqlRunner } from './db/sqlClient.js';
import type { Engine } from './db/testEngines.js';
import { seedDemo } from './seed.js';
import type { CaseChange, CreatePayload } from '../sync/protocol.js';

export interface TestServer {
  app: FastifyInstance;
  db: SqlClient;
  /** Bearer header of a fresh login. */
  auth(username: string, password?: string): Promise<{ authorization: string }>;
  close(): Promise<void>;
}

export async function startTestServer(engine: Engine, options: Omit<AppOptions, 'db'> = {}): Promise<TestServer> {
  const t = await engine.open();
  await migrate(t.db);
  await seedDemo(t.db);
  const app = await createApp({ db: t.db, ...options });
  return {
    app,
    db: t.db,
    async auth(username, password = `${username}153`) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode}`);
      return { authorization: `Bearer ${res.json<{ token: string }>().token}` };
    },
    async close() {
      await app.close();
      await t.drop();
    },
  };
}

/**
 * Records final numbers as reserved for a desk, as `POST /api/v1/numbers/reserve` would have
 * (server/numbers): the server takes a create under a final number only from its desk.
 */
export async function reserveNumbersFor(db: SqlRunner, deskId: string, numbers: readonly string[]): Promise<void> {
  await db.query('INSERT INTO reserved_numbers (application_no, desk_id) SELECT n, $1 FROM jsonb_array_elements_text($2::jsonb) AS n', [deskId, JSON.stringify(numbers)]);
}

/** When createChange's cases were created on the desk: tests that depend on it fix the server's clock near it. */
export const CREATED_AT = '2026-11-25T09:00:00.000Z';

/** A create payload with plausible fields, as createChange sends it; `overrides` changes any of them. */
export function createPayload(overrides: Partial<CreatePayload> = {}): CreatePayload {
  return {
    type: 'complaint',
    subject: 'Yol çökmesi',
    subjectCode: null,
    channel: 'phone',
    priority: 'normal',
    confidential: false,
    urgent: false,
    description: 'Sokakta çukur var',
    phone: '05321234567',
    citizenName: 'Ali Veli',
    tcKimlikNo: null,
    address: null,
    linkedid: null,
    dueAt: null,
    incidentId: null,
    status: 'forwarded',
    unitCode: 'fen-isleri',
    resolution: null,
    firstContactResolution: false,
    securityCodeHash: null,
    createdAt: CREATED_AT,
    ...overrides,
  };
}

/** A desk's create change with plausible fields; `overrides` changes the payload. */
export function createChange(caseKey: string, overrides: Partial<CreatePayload> = {}, deskId = 'D12'): CaseChange {
  return {
    changeId: randomUUID(),
    deskId,
    caseKey,
    kind: 'create',
    clientAt: CREATED_AT,
    payload: createPayload(overrides),
  };
}
