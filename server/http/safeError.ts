/**
 * What a log may say about an error. Database errors carry personal data: PGlite attaches the
 * statement's parameters to the error it throws (a case's name, phone, T.C. kimlik no,
 * description), PostgreSQL's `detail` repeats values ("Key (phone)=(0532…)"), and messages of both
 * quote input ("invalid input syntax for type bigint: \"Ali Veli\""). KVKK keeps all of that out
 * of logs, so a log gets the error's class, its code, a message chosen here from the code, the
 * schema names a constraint error points at, and the stack's frames (file and line, without the
 * message line). Never the error's own message, detail, query or parameters.
 */
export interface SafeError {
  type: string;
  code?: string;
  message: string;
  statusCode?: number;
  /** PostgreSQL's constraint, table and column names: schema, not data. */
  constraint?: string;
  table?: string;
  column?: string;
  stack?: string[];
  cause?: SafeError;
}

/** SQLSTATE classes (PostgreSQL appendix A), by the code's first two characters. */
const SQLSTATE_CLASSES: Record<string, string> = {
  '08': 'database connection exception',
  '0A': 'database feature not supported',
  '21': 'database cardinality violation',
  '22': 'database data exception',
  '23': 'database integrity constraint violation',
  '25': 'database invalid transaction state',
  '28': 'database authorization failed',
  '3D': 'database does not exist',
  '40': 'database transaction rollback',
  '42': 'database syntax error or access rule violation',
  '53': 'database insufficient resources',
  '54': 'database program limit exceeded',
  '55': 'database object not in prerequisite state',
  '57': 'database operator intervention',
  '58': 'database system error',
  P0: 'database PL/pgSQL error',
  XX: 'database internal error',
};

const IDENTIFIER = /^[A-Za-z_$][\w$]{0,80}$/;
const CODE = /^[A-Z0-9_]{2,60}$/;
const SQLSTATE = /^[0-9A-Z]{5}$/;
const MAX_FRAMES = 15;

function field(error: object, name: string): unknown {
  try {
    return (error as Record<string, unknown>)[name];
  } catch {
    return undefined;
  }
}

function messageFor(code: string | undefined): string {
  if (code === undefined) return 'unexpected error';
  if (SQLSTATE.test(code)) return SQLSTATE_CLASSES[code.slice(0, 2)] ?? 'database error';
  if (code.startsWith('FST_')) return 'request handling error';
  if (code.startsWith('ERR_')) return 'runtime error';
  if (code.startsWith('E')) return 'system error';
  return 'error';
}

/**
 * Only the "    at fn (file:line:col)" lines. A stack starts with the message, which may run over
 * several lines of input, so everything up to its end is cut off before frames are picked.
 */
function frames(stack: unknown, message: unknown): string[] | undefined {
  if (typeof stack !== 'string') return undefined;
  let rest = stack;
  if (typeof message === 'string' && message !== '') {
    const at = rest.indexOf(message);
    if (at >= 0) rest = rest.slice(at + message.length);
  }
  const lines = rest
    .split('\n')
    .filter((line) => /^\s+at \S.*:\d+:\d+\)?$/.test(line))
    .map((line) => line.trim())
    .slice(0, MAX_FRAMES);
  return lines.length > 0 ? lines : undefined;
}

export function safeError(error: unknown, depth = 0): SafeError {
  if (typeof error !== 'object' || error === null) return { type: typeof error, message: 'non-error thrown' };
  const ctor = field(error, 'constructor') as { name?: unknown } | undefined;
  const type = typeof ctor?.name === 'string' && IDENTIFIER.test(ctor.name) ? ctor.name : 'unknown';
  const rawCode = field(error, 'code');
  const code = typeof rawCode === 'string' && CODE.test(rawCode) ? rawCode : undefined;
  const out: SafeError = { type, message: messageFor(code) };
  if (code !== undefined) out.code = code;
  const statusCode = field(error, 'statusCode');
  if (typeof statusCode === 'number' && Number.isInteger(statusCode)) out.statusCode = statusCode;
  for (const name of ['constraint', 'table', 'column'] as const) {
    const value = field(error, name);
    if (typeof value === 'string' && IDENTIFIER.test(value)) out[name] = value;
  }
  const stack = frames(field(error, 'stack'), field(error, 'message'));
  if (stack) out.stack = stack;
  const cause = field(error, 'cause');
  if (cause !== undefined && depth < 3) out.cause = safeError(cause, depth + 1);
  return out;
}
