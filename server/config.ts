import path from 'node:path';

export interface ServerConfig {
  port: number;
  host: string;
  /** Null: the embedded engine (PGlite) with its data in dataDir. */
  databaseUrl: string | null;
  dataDir: string;
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
  };
}
