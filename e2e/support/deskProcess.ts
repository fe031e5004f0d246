import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const READY_LINE = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/;

export interface DeskProcess {
  readonly url: string;
  readonly output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts the real host in browser mode, as `npm start` does, and waits for its URL line.
 * `fakeTime` ('2032-12-20 06:00:00', UTC) runs the host process alone at that date under Debian's
 * libfaketime, its clock ticking from there; the browser keeps the real date.
 */
export async function startDesk(env: Record<string, string>, options: { fakeTime?: string } = {}): Promise<DeskProcess> {
  const node = [process.execPath, '--import', 'tsx', 'main/shell/browserMain.ts'];
  const [command, ...args] = options.fakeTime ? ['faketime', options.fakeTime, ...node] : node;
  const child: ChildProcess = spawn(command!, args, {
    cwd: root,
    env: { ...process.env, DESK_BROWSER: '1', DESK_PORT: '0', ...(options.fakeTime ? { DONT_FAKE_MONOTONIC: '1', TZ: 'UTC' } : {}), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Not left running behind the failed test: nothing else would stop it.
      child.kill('SIGKILL');
      reject(new Error(`desk did not start:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = READY_LINE.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`desk exited with ${code}:\n${output}`)));
  });
  return {
    url,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      await exited;
    },
  };
}
