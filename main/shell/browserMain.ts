// Entry point of browser mode: `npm start` without an Electron binary, or DESK_BROWSER=1.
import { ConfigError, readConfig } from '../host/config.js';
import { startHost } from '../host/host.js';
import { startBrowserMode } from './browserMode.js';
import { keepRunningOnUnexpectedErrors } from './keepRunning.js';

const log = (line: string) => process.stderr.write(`[desk] ${line}\n`);
/** Until the desk is up there is nothing to close. */
let shutdown: () => Promise<void> = async () => process.exit(1);
keepRunningOnUnexpectedErrors(process, log, () => void shutdown());

async function main(): Promise<void> {
  const config = readConfig();
  const host = await startHost(config, log);
  const server = await startBrowserMode(host, { port: config.browserPort, log, sipWsUrl: config.softphone.wsUrl });
  // The one line a user needs: where to open the desk (the token is valid for this launch only).
  process.stdout.write(`ALO 153 masası hazır / desk ready: ${server.url}\n`);

  let closing = false;
  shutdown = async () => {
    if (closing) return;
    closing = true;
    await server.close();
    await host.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  log(error instanceof ConfigError ? `configuration error: ${error.message}` : `could not start: ${error instanceof Error ? error.message : 'unknown error'}`);
  process.exit(1);
});
