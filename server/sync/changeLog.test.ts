import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatApplicationNo } from '../../core/applicationNumber.js';
import type { Account } from '../auth/roles.js';
import { migrate } from '../db/migrate.js';
import type { TestDatabase } from '../db/testEngines.js';
import { engines } from '../db/testEngines.js';
import { seedUnits } from '../seed.js';
import { createChange } from '../testSupport.js';
import { CHANGES_CHANNEL } from './changeLog.js';
import { pullChanges } from './pull.js';
import { pushChanges } from './push.js';

const lead: Account = { id: '1', username: 'lead', displayName: 'Lead', role: 'team-lead', unitCode: null };
const now = () => new Date('2026-11-25T10:00:00.000Z');

describe.each(engines)('change log on $name', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await engine.open();
    await migrate(t.db);
    await seedUnits(t.db); // creates are routed to units the server knows
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('never lets a reader see a later number while an earlier one is uncommitted', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let slowTookNumbers!: () => void;
    const slowHasNumbers = new Promise<void>((resolve) => (slowTookNumbers = resolve));
    // A push whose transaction has taken its sequence number and then stalls before COMMIT.
    const slow = t.db.transaction(async (tx) => {
      const r = await pushChanges(
        { ...t.db, transaction: (fn) => fn(tx) },
        lead,
        { deskId: 'D1', changes: [createChange(formatApplicationNo(2026, 1, 'D1'), {}, 'D1')] },
        now,
      );
      slowTookNumbers();
      await gate;
      return r;
    });
    await slowHasNumbers;
    const fast = pushChanges(t.db, lead, { deskId: 'D2', changes: [createChange(formatApplicationNo(2026, 2, 'D2'), {}, 'D2')] }, now);
    const early = pullChanges(t.db, lead, { cursor: '', limit: 100 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    await Promise.all([slow, fast]);
    // PostgreSQL: the reader answered at once with nothing (or slow's row alone); PGlite: it
    // waited for slow's transaction. Never fast's row without slow's.
    const seen = (await early).changes.map((c) => c.caseKey);
    expect([[], [formatApplicationNo(2026, 1, 'D1')], [formatApplicationNo(2026, 1, 'D1'), formatApplicationNo(2026, 2, 'D2')]]).toContainEqual(seen);
    const all = await pullChanges(t.db, lead, { cursor: '', limit: 100 });
    expect(all.changes.map((c) => [c.seq, c.caseKey])).toEqual([
      ['1', formatApplicationNo(2026, 1, 'D1')],
      ['2', formatApplicationNo(2026, 2, 'D2')],
    ]);
  });

  it('notifies listeners with the last sequence number after commit', async () => {
    const payloads: string[] = [];
    const unlisten = await t.db.listen!(CHANGES_CHANNEL, (p) => payloads.push(p));
    await pushChanges(t.db, lead, { deskId: 'D1', changes: [createChange(formatApplicationNo(2026, 3, 'D1'), {}, 'D1')] }, now);
    for (let i = 0; i < 50 && payloads.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    await unlisten();
    expect(payloads).toEqual(['3']);
  });
});
