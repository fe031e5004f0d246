import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readConfig } from '../config.js';
import { startHost, type Host, type HostOptions } from '../host.js';

export type Cleanups = Array<() => Promise<unknown>>;

/**
 * A desk host as the shells start it, for host-level tests: no simulated calls and no central
 * server unless `env` says otherwise. Without DESK_DATA_DIR it gets a data folder of its own,
 * removed with it; `cleanups` closes it.
 */
export async function startTestDesk(
  cleanups: Cleanups,
  env: Record<string, string> = {},
  options: HostOptions & { log?: (line: string) => void } = {},
): Promise<Host> {
  const ownDir = env.DESK_DATA_DIR === undefined ? mkdtempSync(path.join(os.tmpdir(), 'desk-test-')) : null;
  const host = await startHost(
    readConfig({ DESK_SIM_CALL_INTERVAL_MS: '0', DESK_SERVER_URL: 'off', ...env, DESK_DATA_DIR: env.DESK_DATA_DIR ?? ownDir! }),
    options.log ?? (() => {}),
    options,
  );
  cleanups.push(async () => {
    await host.close();
    if (ownDir !== null) rmSync(ownDir, { recursive: true, force: true });
  });
  return host;
}

/** A request's value; a refusal fails the test with its code. */
export async function invokeValue<T>(host: Host, method: string, params: unknown = {}): Promise<T> {
  const result = await host.invoke(method, params);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}
