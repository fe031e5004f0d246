import path from 'node:path';
import { parsePbxUrls, type PbxEndpoint } from './queueStats/pbxUrl.js';

export interface ServerConfig {
  port: number;
  host: string;
  /** Null: the embedded engine (PGlite) with its data in dataDir. */
  databaseUrl: string | null;
  dataDir: string;
  /**
   * A demo server (SERVER_DEMO=1; the desk's embedded server sets it): an empty database gets the
   * demo accounts, whose passwords are published. Otherwise there is no account until
   * `create-admin`, and the demo passwords are refused where an older release seeded them.
   */
  demo?: boolean;
  /**
   * Call-backs: unanswered calls before giving up (CALLBACK_MAX_ATTEMPTS, 3), minutes between
   * tries (CALLBACK_RETRY_MINUTES, 120), and minutes after its due time before a call-back shows
   * as late: a resolution notice (CALLBACK_GRACE_MINUTES, 1440) or a time the citizen asked for
   * (CALLBACK_REQUESTED_GRACE_MINUTES, 60).
   */
  /** Optional for callers that build a config by hand (the embedded server): the defaults then. */
  callbacks?: { maxAttempts: number; retryMinutes: number; graceMinutes: { resolution: number; requested: number } };
  /** SERVER_AMI_URL: the PBXs whose queues the server's collector records (queueStats/); none by default. */
  pbxs?: PbxEndpoint[];
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new RangeError(`${name} must be a whole number from 1 to ${max}: ${raw}`);
  return value;
}

/** 1 or 0 (empty: 0); anything else is a typo that must not silently mean either. */
function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = env[name]?.trim() ?? '';
  if (raw === '' || raw === '0') return false;
  if (raw === '1') return true;
  throw new RangeError(`${name} must be 1 or 0: ${raw}`);
}

/** Reads the environment once, at start; nothing else looks at process.env. */
export function readConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const port = Number(env.PORT ?? 8153);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new RangeError(`PORT must be a port number: ${env.PORT}`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL?.trim() ? env.DATABASE_URL.trim() : null,
    dataDir: path.resolve(env.SERVER_DATA_DIR ?? 'server-data'),
    demo: flag(env, 'SERVER_DEMO'),
    callbacks: {
      maxAttempts: positiveInteger(env, 'CALLBACK_MAX_ATTEMPTS', 3, 20),
      retryMinutes: positiveInteger(env, 'CALLBACK_RETRY_MINUTES', 120, 7 * 24 * 60),
      graceMinutes: {
        resolution: positiveInteger(env, 'CALLBACK_GRACE_MINUTES', 24 * 60, 30 * 24 * 60),
        requested: positiveInteger(env, 'CALLBACK_REQUESTED_GRACE_MINUTES', 60, 7 * 24 * 60),
      },
    },
    pbxs: parsePbxUrls(env.SERVER_AMI_URL ?? ''),
  };
}
