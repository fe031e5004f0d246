// `npm start`: Electron when its binary is installed, otherwise browser mode (DESK_BROWSER=1 forces it).
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildIfChanged } from './buildStamp.mjs';
import { electronBinary } from './electronBinary.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (script) => {
  const result = spawnSync('npm', ['run', '--silent', script], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

// What each build reads (the lint table says the renderer imports only core/ and telephony/softphone/).
const SHARED_INPUTS = ['package-lock.json', 'package.json', 'tsconfig.base.json'];
const RENDERER_INPUTS = ['renderer', 'core', 'telephony/softphone', ...SHARED_INPUTS];
const ELECTRON_INPUTS = ['main', 'core', 'telephony', 'db', 'sync', 'server', 'tsconfig.electron.json', 'scripts/copy-migrations.mjs', ...SHARED_INPUTS];

const binary = process.env.DESK_BROWSER === '1' ? null : electronBinary();
// The build empties dist/renderer, so the stamp lives beside it, not in it.
buildIfChanged({ root, inputs: RENDERER_INPUTS, output: 'dist/renderer/index.html', stampFile: 'dist/.renderer-inputs', build: () => run('build:renderer') });

let child;
if (binary) {
  buildIfChanged({ root, inputs: ELECTRON_INPUTS, output: 'dist/main/shell/electron.main.js', stampFile: 'dist/.electron-inputs', build: () => run('build:electron') });
  child = spawn(binary, ['.'], { cwd: root, stdio: 'inherit' });
} else {
  child = spawn(process.execPath, ['--import', 'tsx', 'main/shell/browserMain.ts'], { cwd: root, stdio: 'inherit' });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
