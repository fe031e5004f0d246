// `npm start`: Electron when its binary is installed, otherwise browser mode (DESK_BROWSER=1 forces it).
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electronBinary.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (script) => {
  const result = spawnSync('npm', ['run', '--silent', script], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

const binary = process.env.DESK_BROWSER === '1' ? null : electronBinary();
run('build:renderer');

let child;
if (binary) {
  run('build:electron');
  child = spawn(binary, ['.'], { cwd: root, stdio: 'inherit' });
} else {
  child = spawn(process.execPath, ['--import', 'tsx', 'main/shell/browserMain.ts'], { cwd: root, stdio: 'inherit' });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
