import type { FastifyInstance } from 'fastify';
import { systemClock, type Clock } from '../core/clock.js';
import { createApp, loggerOptions } from './app.js';
import type { ServerConfig } from './config.js';
import type { AllowedHosts } from './http/allowedHosts.js';
import { migrate } from './db/migrate.js';
import { openPglite } from './db/pgliteClient.js';
import { openPostgres } from './db/postgresClient.js';
import type { SqlClient } from './db/sqlClient.js';
import { sendersFromEnv } from './notifications/senders.js';
import { accountsAtStart, seedDemo, seedUnits } from './seed.js';
import { startQueueCollector, type QueueCollector } from './queueStats/collector.js';
import { createQueueFiguresHub, startQueueFiguresPublisher } from './queueStats/liveFigures.js';
import type { PbxEndpoint } from './queueStats/pbxUrl.js';
import { followIncident } from './incidents/announcement.js';

export interface RunningServer {
  app: FastifyInstance;
  db: SqlClient;
  url: string;
  /** One per PBX of SERVER_AMI_URL (and of collect()). */
  collectors: QueueCollector[];
  /** Starts recording one more PBX's queues (the desk's embedded demo server: its simulated PBX). */
  collect(pbx: PbxEndpoint): Promise<QueueCollector>;
  stop(): Promise<void>;
}

/** Says at start what an administrator has to do about accounts, if anything. */
async function reportAccounts(app: FastifyInstance, db: SqlClient, demo: boolean): Promise<void> {
  if (demo) {
    app.log.warn('demo server (SERVER_DEMO=1): the demo accounts log in with their published passwords (server/README.md); never use it for real cases');
    return;
  }
  const { admins, demoPasswords } = await accountsAtStart(db);
  if (admins === 0) {
    app.log.warn(
      'no admin account yet: create the first one with `npm run server -- create-admin NAME` (the password is asked for on the terminal, or read from SERVER_ADMIN_PASSWORD); stop the server first on PGlite',
    );
  }
  if (demoPasswords.length > 0) {
    app.log.warn(
      { accounts: demoPasswords },
      'accounts with the published demo passwords cannot log in until an admin sets new ones (POST /api/v1/admin/accounts/{username}/password)',
    );
  }
}

/**
 * Opens the database, migrates, seeds the units (and, on a demo server, `config.demo`, the demo
 * accounts into an empty database), says what an administrator has to do about accounts, listens.
 * `allowedHosts` (unset for `npm run server`, which answers to whatever names its deployment
 * gives it): the embedded server of a desk passes 'loopback', so a web page that rebinds its name
 * to 127.0.0.1 gets nothing.
 */
export async function startServer(
  config: ServerConfig,
  logger: boolean = true,
  now: Clock = systemClock,
  options: { allowedHosts?: AllowedHosts } = {},
): Promise<RunningServer> {
  const db = config.databaseUrl ? openPostgres(config.databaseUrl) : await openPglite(config.dataDir);
  await migrate(db);
  // Published passwords only where they are meant to be: a demo server (config.demo, SERVER_DEMO=1).
  const seeded = config.demo === true ? await seedDemo(db) : false;
  if (config.demo !== true) await seedUnits(db);
  // SMS is logged (id and template only) until a gateway sender exists; e-mail goes out over SMTP_URL.
  let log: (line: string) => void = () => {};
  const collectors: QueueCollector[] = [];
  const queueFigures = createQueueFiguresHub();
  const app = await createApp({
    db,
    now,
    logger: logger ? loggerOptions : false,
    notificationSenders: sendersFromEnv(process.env, (line) => log(line)),
    ...(config.callbacks ? { callbacks: config.callbacks } : {}),
    ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
    refuseDemoPasswords: config.demo !== true,
    openAgentTime: () => collectors.flatMap((c) => c.openAgentStates()),
    queueFigures,
    // Through the collectors' sessions: the server's manager user needs write `system` for it (telephony/README-ami.md).
    onIncidentChanged: async (before, after, active) => {
      if (collectors.length === 0) return;
      const result = await followIncident(
        collectors.map((c) => c.client),
        before,
        after,
        active,
      );
      if (result.failed > 0) app.log.warn({ failed: result.failed }, 'incident announcement: the PBX did not take every AstDB write');
    },
  });
  log = (line) => app.log.info(line);
  await reportAccounts(app, db, config.demo === true);
  let publisher: { stop(): void } | null = null;
  const collect = async (pbx: PbxEndpoint): Promise<QueueCollector> => {
    const collector = await startQueueCollector({ db, pbx, now: () => now().getTime(), log: (line) => app.log.info(line) });
    collectors.push(collector);
    // The publisher reads the list at every turn: a collector added later is published too.
    publisher ??= startQueueFiguresPublisher({ collectors, now: () => now().getTime(), publish: queueFigures.publish });
    app.log.info({ pbx: pbx.name }, 'queue statistics: collecting from the PBX');
    return collector;
  };
  for (const pbx of config.pbxs ?? []) await collect(pbx);
  const url = await app.listen({ port: config.port, host: config.host });
  app.log.info({ engine: config.databaseUrl ? 'postgresql' : 'pglite', demo: config.demo === true, seeded }, 'case server listening');
  return {
    app,
    db,
    url,
    collectors,
    collect,
    async stop() {
      publisher?.stop();
      for (const collector of collectors) await collector.stop();
      await app.close();
      await db.close();
    },
  };
}
