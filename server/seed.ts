import { defaultCatalogue } from '../core/catalogue/defaultCatalogue.js';
import { createAccount, type NewAccount } from './auth/accounts.js';
import type { SqlClient } from './db/sqlClient.js';

/** Demo logins for a fresh database (server/README.md); never seeded where accounts exist. */
export const DEMO_ACCOUNTS: readonly NewAccount[] = [
  { username: 'operator', displayName: 'Ayşe Operatör', password: 'operator153', role: 'operator' },
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
