import { createHash, randomBytes } from 'node:crypto';
import type { SqlClient, SqlRunner } from '../db/sqlClient.js';
import { hashPassword, verifyPassword } from './password.js';
import type { Account, Role } from './roles.js';

export interface NewAccount {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  unitCode?: string | null;
}

interface AccountRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  unit_code: string | null;
  password_hash: string;
}

const ACCOUNT_COLUMNS = 'a.id::text AS id, a.username, a.display_name, a.role, a.unit_code';

function toAccount(row: Omit<AccountRow, 'password_hash'>): Account {
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role, unitCode: row.unit_code };
}

export async function createAccount(db: SqlRunner, input: NewAccount): Promise<Account> {
  const hash = await hashPassword(input.password);
  const [row] = await db.query<AccountRow>(
    `INSERT INTO accounts AS a (username, display_name, password_hash, role, unit_code)
     VALUES ($1, $2, $3, $4, $5) RETURNING ${ACCOUNT_COLUMNS}`,
    [input.username.toLowerCase(), input.displayName, hash, input.role, input.unitCode ?? null],
  );
  return toAccount(row!);
}

/** Tokens are 32 random bytes: SHA-256 is enough to store them (nothing to guess from). */
function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface Session {
  token: string;
  expiresAt: Date;
  account: Account;
}

/** Null for an unknown user, a wrong password or an inactive account alike. */
export async function login(db: SqlRunner, username: string, password: string, now: Date, ttlMs: number): Promise<Session | null> {
  const [row] = await db.query<AccountRow>(
    `SELECT ${ACCOUNT_COLUMNS}, a.password_hash FROM accounts a WHERE a.username = $1 AND a.active`,
    [username.toLowerCase()],
  );
  const ok = await verifyPassword(row?.password_hash ?? null, password);
  if (!ok || !row) return null;
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlMs);
  await db.query('INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
    tokenHash(token),
    row.id,
    now,
    expiresAt,
  ]);
  return { token, expiresAt, account: toAccount(row) };
}

export async function authenticate(db: SqlRunner, token: string, now: Date): Promise<Account | null> {
  const [row] = await db.query<AccountRow>(
    `SELECT ${ACCOUNT_COLUMNS} FROM sessions s JOIN accounts a ON a.id = s.account_id
     WHERE s.token_hash = $1 AND s.expires_at > $2 AND a.active`,
    [tokenHash(token), now],
  );
  return row ? toAccount(row) : null;
}

/**
 * `authenticate` for many sessions in one query: the live channel checks every open stream
 * before each notice it sends. Tokens whose session ended are missing from the answer.
 */
export async function authenticateAll(db: SqlRunner, tokens: readonly string[], now: Date): Promise<Map<string, Account>> {
  const byHash = new Map(tokens.map((token) => [tokenHash(token), token]));
  const rows = await db.query<AccountRow & { token_hash: string }>(
    `SELECT s.token_hash, ${ACCOUNT_COLUMNS} FROM sessions s JOIN accounts a ON a.id = s.account_id
     WHERE s.token_hash IN (SELECT jsonb_array_elements_text($1::jsonb)) AND s.expires_at > $2 AND a.active`,
    [JSON.stringify([...byHash.keys()]), now],
  );
  return new Map(rows.map((row) => [byHash.get(row.token_hash)!, toAccount(row)]));
}

export async function logout(db: SqlRunner, token: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash(token)]);
}

/** Whether `password` is the active account's own (a password change asks for the current one). */
export async function passwordMatches(db: SqlRunner, accountId: string, password: string): Promise<boolean> {
  const [row] = await db.query<{ password_hash: string }>('SELECT password_hash FROM accounts WHERE id = $1 AND active', [accountId]);
  return verifyPassword(row?.password_hash ?? null, password);
}

/**
 * Sets an account's password and ends its sessions, all but `keepToken` (the session asking, when
 * an account changes its own): whoever knew the old password is logged out everywhere else.
 * Null when there is no such account.
 */
export async function setPassword(
  db: SqlClient,
  account: { id: string } | { username: string },
  password: string,
  keepToken: string | null,
): Promise<{ id: string; username: string; sessionsEnded: number } | null> {
  const hash = await hashPassword(password);
  const [where, key] = 'id' in account ? ['id = $2', account.id] : ['username = $2', account.username.trim().toLowerCase()];
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string; username: string }>(
      `UPDATE accounts SET password_hash = $1 WHERE ${where} RETURNING id::text AS id, username`,
      [hash, key],
    );
    if (!row) return null;
    const ended = await tx.query<{ token_hash: string }>(
      'DELETE FROM sessions WHERE account_id = $1 AND token_hash <> $2 RETURNING token_hash',
      [row.id, keepToken === null ? '' : tokenHash(keepToken)],
    );
    return { id: row.id, username: row.username, sessionsEnded: ended.length };
  });
}
