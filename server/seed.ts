import { defaultCatalogue } from '../core/catalogue/defaultCatalogue.js';
import { createAccount, type NewAccount } from './auth/accounts.js';
import { verifyPassword } from './auth/password.js';
import type { SqlClient } from './db/sqlClient.js';

/**
 * Demo logins for a fresh database (server/README.md): their passwords are published, so they are
 * seeded only on a demo server (SERVER_DEMO=1, the desk's embedded server) and never where
 * accounts exist. A real server starts with no account until `create-admin` (server/adminCli.ts).
 */
export const DEMO_ACCOUNTS: readonly NewAccount[] = [
  // The demo operator is agent 1001 of the simulated queue (main/host/demoData.ts): one name in the header and the timeline.
  { username: 'operator', displayName: 'Ayşe Yılmaz', password: 'operator153', role: 'operator' },
  { username: 'feedback', displayName: 'Mehmet Geri Bildirim', password: 'feedback153', role: 'feedback-operator' },
  { username: 'lead', displayName: 'Zeynep Takım Lideri', password: 'lead153', role: 'team-lead' },
  { username: 'fen', displayName: 'Fen İşleri Birimi', password: 'fen153', role: 'department', unitCode: 'fen-isleri' },
  { username: 'zabita', displayName: 'Zabıta Birimi', password: 'zabita153', role: 'department', unitCode: 'zabita' },
  { username: 'admin', displayName: 'Sistem Yöneticisi', password: 'admin153', role: 'admin' },
];

/** Units come from the catalogue the desktops ship with, so case routing agrees on codes. */
export async function seedUnits(db: SqlClient): Promise<void> {
  for (const unit of defaultCatalogue.units) {
    await db.query('INSERT INTO units (code, name, kind) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING', [unit.code, unit.name, unit.kind]);
  }
}

/** Returns whether it seeded: only an empty accounts table gets the demo logins. */
export async function seedDemo(db: SqlClient, accounts: readonly NewAccount[] = DEMO_ACCOUNTS): Promise<boolean> {
  await seedUnits(db);
  const [row] = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM accounts');
  if (row?.n !== '0') return false;
  for (const account of accounts) await createAccount(db, account);
  return true;
}

/** A demo account's published username and password, as a login would send them. */
export function isDemoCredential(username: string, password: string, accounts: readonly NewAccount[] = DEMO_ACCOUNTS): boolean {
  const name = username.trim().toLowerCase();
  return accounts.some((a) => a.username === name && a.password === password);
}

/** What the start says about accounts: whether an admin exists, and which accounts still have a published password. */
export async function accountsAtStart(db: SqlClient, accounts: readonly NewAccount[] = DEMO_ACCOUNTS): Promise<{ admins: number; demoPasswords: string[] }> {
  const [admins] = await db.query<{ n: string }>("SELECT count(*)::text AS n FROM accounts WHERE role = 'admin' AND active");
  const rows = await db.query<{ username: string; password_hash: string }>(
    'SELECT username, password_hash FROM accounts WHERE username = ANY($1::text[]) AND active ORDER BY username',
    [accounts.map((a) => a.username)],
  );
  const demoPasswords: string[] = [];
  for (const row of rows) {
    const published = accounts.find((a) => a.username === row.username)!.password;
    if (await verifyPassword(row.password_hash, published)) demoPasswords.push(row.username);
  }
  return { admins: Number(admins?.n ?? 0), demoPasswords };
}
