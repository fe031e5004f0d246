import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatApplicationNo } from '../../core/applicationNumber.js';
import { loggerOptions } from '../app.js';
import { engines } from '../db/testEngines.js';
import { createChange, startTestServer, type TestServer } from '../testSupport.js';
import { safeError } from './safeError.js';

/** A citizen as a case carries them: none of it may reach a log line. */
const NAME = 'Ali Veli';
const PHONE = '05321234567';
const TC = '10000000146';
const DESCRIPTION = 'Sokakta çukur var, Zümrüt Apartmanı önü';
const PERSONAL = [NAME, PHONE, TC, DESCRIPTION, 'Zümrüt'];

describe.each(engines)('server log on $name', (engine) => {
  let s: TestServer;
  let log = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      log += chunk.toString();
      done();
    },
  });
  const lines = () => log.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { level: number; msg: string; error?: Record<string, unknown> });

  beforeAll(async () => {
    s = await startTestServer(engine, { logger: { ...(loggerOptions as object), level: 'trace', stream } });
    // A handler whose statements fail with the citizen's data as their parameters, as a bug in a route would.
    s.app.post('/test/cast', async () => s.db.query('SELECT $1::int AS n, $2::text AS phone, $3::text AS tc, $4::text AS d', [NAME, PHONE, TC, DESCRIPTION]));
    s.app.post('/test/duplicate', async () =>
      s.db.transaction(async (tx) => {
        await tx.query('CREATE TEMP TABLE citizens (phone text PRIMARY KEY, name text, tc text) ON COMMIT DROP');
        for (let i = 0; i < 2; i++) await tx.query('INSERT INTO citizens VALUES ($1, $2, $3)', [PHONE, NAME, TC]);
      }),
    );
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it('answers 500 and logs the class, the SQLSTATE and a fixed message, never the values, for a failed cast', async () => {
    const res = await s.app.inject({ method: 'POST', url: '/test/cast' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: 'internal' });
    const failed = lines().filter((l) => l.msg === 'request failed');
    expect(failed.at(-1)?.error).toMatchObject({ code: '22P02', message: 'database data exception' });
    for (const value of PERSONAL) expect(log).not.toContain(value);
  });

  it('keeps a unique violation’s detail (the duplicate key’s value) out of the log', async () => {
    const res = await s.app.inject({ method: 'POST', url: '/test/duplicate' });
    expect(res.statusCode).toBe(500);
    expect(lines().filter((l) => l.msg === 'request failed').at(-1)?.error).toMatchObject({ code: '23505', constraint: 'citizens_pkey' });
    for (const value of PERSONAL) expect(log).not.toContain(value);
  });

  it('keeps a pushed case’s fields out of the log when the database refuses it', async () => {
    // The database refuses this citizen's case, as a broken constraint or a full disk would.
    // The number as the server stores it (canonical, issue 18); PHONE is inside it, so the log checks still hold.
    await s.db.query("ALTER TABLE cases ADD CONSTRAINT refuse_for_test CHECK (fields->>'phone' IS DISTINCT FROM '905321234567')");
    try {
      const headers = await s.auth('operator');
      const change = createChange(formatApplicationNo(2026, 1, 'D12'), { citizenName: NAME, phone: PHONE, tcKimlikNo: TC, description: DESCRIPTION });
      const res = await s.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers, payload: { deskId: 'D12', changes: [change] } });
      expect(res.statusCode, res.body).toBe(500);
      expect(res.body).not.toContain(PHONE);
      expect(lines().filter((l) => l.msg === 'request failed').at(-1)?.error).toMatchObject({ code: '23514', message: 'database integrity constraint violation' });
      for (const value of PERSONAL) expect(log).not.toContain(value);
    } finally {
      await s.db.query('ALTER TABLE cases DROP CONSTRAINT refuse_for_test');
    }
  });
});

describe('safeError', () => {
  it('takes the class, code, schema names and stack frames; never the message, detail, query or parameters', () => {
    const error = Object.assign(new Error(`invalid input syntax for type integer: "${NAME}"\n    at ${PHONE}:1:1`), {
      code: '22P02',
      detail: `Key (phone)=(${PHONE}) already exists.`,
      query: 'SELECT $1::int',
      params: [NAME, PHONE, TC],
      table: 'cases',
      constraint: 'cases_pkey',
      cause: Object.assign(new TypeError(`bad ${TC}`), { code: `not a code ${TC}` }),
    });
    const safe = safeError(error);
    expect(safe).toMatchObject({ type: 'Error', code: '22P02', message: 'database data exception', table: 'cases', constraint: 'cases_pkey', cause: { type: 'TypeError', message: 'unexpected error' } });
    expect(safe.stack!.length).toBeGreaterThan(0);
    expect(safe.stack!.every((frame) => frame.startsWith('at '))).toBe(true);
    const text = JSON.stringify(safe);
    for (const value of [NAME, PHONE, TC, 'SELECT']) expect(text).not.toContain(value);
    expect(safeError('a string with 05321234567')).toEqual({ type: 'string', message: 'non-error thrown' });
  });
});
