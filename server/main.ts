import { askSecretOnTerminal, runAdminCommand } from './adminCli.js';
import { readConfig } from './config.js';
import { restrictUmask } from './db/privateFiles.js';
import { startServer } from './start.js';

// Whatever the server writes (PGlite's files, anything later) is for its own user only.
restrictUmask();

// `npm run server -- create-admin NAME`: a one-off command on the same database, then exit (adminCli.ts).
const command = process.argv.slice(2);
if (command.length > 0) {
  const io = { env: process.env, askSecret: (prompt: string) => askSecretOnTerminal(prompt), out: console.log, err: console.error };
  process.exit(await runAdminCommand(command, readConfig(process.env), io));
}

const server = await startServer(readConfig(process.env));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.stop().then(() => process.exit(0));
  });
}
