import type { FastifyInstance } from 'fastify';
import { systemClock, type Clock } from '../core/clock.js';
import { createApp, loggerOptions } from './app.js';
import type { ServerConfig } from './config.js';
import { migrate } from './db/migrate.js';
import { openPglite } from './db/pgliteClient.js';
import { openPostgres } from './db/postgresClient.js';
import type { SqlClient } from './db/sqlClient.js';
import { sendersFromEnv } from './notifications/senders.js';
import { seedDemo } from './seed.js';

export interface RunningServer {
  app: FastifyInstance;
  db: SqlClient;
  url: string;
  stop(): Promise<void>;
}

/** Opens the database, migrates, seeds an empty one, listens. */
export async function startServer(config: ServerConfig, logger: boolean = true, now: Clock = systemClock): Promise<RunningServer> {
  const db = config.databaseUrl ? openPostgres(config.databaseUrl) : await openPglite(config.dataDir);
  await migrate(db);
  const seeded = await seedDemo(db);
  // SMS is logged (id and template only) until a gateway sender exists; e-mail goes out over SMTP_URL.
  let log: (line: string) => void = () => {};
  const app = await createApp({
    db,
    now,
    logger: logger ? loggerOptions : false,
    notificationSenders: sendersFromEnv(process.env, (line) => log(line)),
    ...(config.callbacks ? { callbacks: config.callbacks } : {}),
  });
  log = (line) => app.log.info(line);
  const url = await app.listen({ port: config.port, host: config.host });
  app.log.info({ engine: config.databaseUrl ? 'postgresql' : 'pglite', seeded }, 'case server listening');
  return {
    app,
    db,
    url,
    async stop() {
      await app.close();
      await db.close();
    },
  };
}
