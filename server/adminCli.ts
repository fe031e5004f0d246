import { passwordProblem, PASSWORD_MIN_LENGTH } from '../core/passwordPolicy.js';
import { createAccount } from './auth/accounts.js';
import type { ServerConfig } from './config.js';
import { migrate } from './db/migrate.js';
import { openPglite } from './db/pgliteClient.js';
import { openPostgres } from './db/postgresClient.js';
import { seedUnits } from './seed.js';

/**
 * `npm run server -- create-admin NAME ["Display name"]`: the first admin of a real server (one
 * without SERVER_DEMO has no account at all), or another one later. The password comes from
 * SERVER_ADMIN_PASSWORD (scripts, installers) or is asked for twice on the terminal without echo;
 * never from the command line, where `ps` and the shell's history would show it.
 * On PGlite the server must be stopped first: its data folder has one user at a time.
 */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  /** Reads a line without showing it; null when there is no terminal to ask on. */
  askSecret(prompt: string): Promise<string | null>;
  out(line: string): void;
  err(line: string): void;
}

export const USAGE = 'usage: npm run server -- create-admin NAME ["Display name"]   (password: asked for, or SERVER_ADMIN_PASSWORD)';

/** Lower-case letters, digits, dot, dash, underscore: what people type on a login form without surprises. */
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

const PROBLEM_TEXT: Record<string, string> = {
  'too-short': `is shorter than ${PASSWORD_MIN_LENGTH} characters`,
  'too-long': 'is too long',
  'control-character': 'contains a control character',
  'contains-username': 'contains the username',
  repeated: 'is one or two characters repeated',
  common: 'is a well-known password',
};

async function readPassword(io: CliIo): Promise<string | { error: string }> {
  const fromEnv = io.env.SERVER_ADMIN_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const first = await io.askSecret('New admin password: ');
  if (first === null) return { error: 'no terminal to ask for the password on: set SERVER_ADMIN_PASSWORD' };
  const second = await io.askSecret('Again: ');
  if (second !== first) return { error: 'the two passwords differ' };
  return first;
}

/** Runs one admin command; returns the process's exit code (0 done, 1 refused, 2 usage). */
export async function runAdminCommand(args: readonly string[], config: ServerConfig, io: CliIo): Promise<number> {
  const [command, name, displayName, ...rest] = args;
  if (command !== 'create-admin' || name === undefined || rest.length > 0) {
    io.err(USAGE);
    return 2;
  }
  const username = name.trim().toLowerCase();
  if (!USERNAME.test(username)) {
    io.err('NAME: 2 to 64 of a-z 0-9 . _ - (starting with a letter or digit)');
    return 1;
  }
  const password = await readPassword(io);
  if (typeof password !== 'string') {
    io.err(password.error);
    return 1;
  }
  const problem = passwordProblem(password, username);
  if (problem !== null) {
    io.err(`password refused: it ${PROBLEM_TEXT[problem] ?? problem} (at least ${PASSWORD_MIN_LENGTH} characters, not the username, not a well-known one)`);
    return 1;
  }

  const db = config.databaseUrl ? openPostgres(config.databaseUrl, 1) : await openPglite(config.dataDir);
  try {
    await migrate(db);
    await seedUnits(db);
    const [existing] = await db.query<{ role: string }>('SELECT role FROM accounts WHERE username = $1', [username]);
    if (existing) {
      io.err(`account ${username} exists already (${existing.role}); an admin sets its password with POST /api/v1/admin/accounts/${username}/password`);
      return 1;
    }
    await createAccount(db, { username, displayName: displayName?.trim() || 'Sistem Yöneticisi', password, role: 'admin' });
    io.out(`admin account ${username} created on ${config.databaseUrl ? 'PostgreSQL' : `PGlite (${config.dataDir})`}`);
    return 0;
  } finally {
    await db.close();
  }
}

/**
 * Reads a secret from the terminal in raw mode, echoing nothing; Enter ends it, Backspace takes
 * one character back, Ctrl-C or Ctrl-D cancels (null, as when there is no terminal).
 */
export function askSecretOnTerminal(prompt: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<string | null> {
  if (!input.isTTY) return Promise.resolve(null);
  // Echo off before the prompt shows: anything typed after it must not appear.
  input.setRawMode(true);
  output.write(prompt);
  return new Promise((resolve) => {
    let value = '';
    const finish = (result: string | null) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      resolve(result);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n') return finish(value);
        if (ch === '\u0003' || ch === '\u0004') return finish(null);
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    input.resume();
    input.on('data', onData);
  });
}
