import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildIfChanged } from './buildStamp.mjs';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function project() {
  const root = mkdtempSync(path.join(tmpdir(), 'build-stamp-'));
  dirs.push(root);
  mkdirSync(path.join(root, 'src'));
  writeFileSync(path.join(root, 'src', 'a.ts'), 'export const a = 1;\n');
  let builds = 0;
  const start = () =>
    buildIfChanged({
      root,
      inputs: ['src'],
      output: 'out/index.html',
      stampFile: 'out.stamp',
      build: () => {
        builds += 1;
        mkdirSync(path.join(root, 'out'), { recursive: true });
        writeFileSync(path.join(root, 'out', 'index.html'), `build ${builds}`);
      },
    });
  return { root, start, builds: () => builds };
}

describe('npm start builds only what changed', () => {
  it('builds once, then starts without building while nothing changed', () => {
    const p = project();
    expect(p.start()).toBe(true);
    expect(p.start()).toBe(false);
    expect(p.start()).toBe(false);
    expect(p.builds()).toBe(1);
  });

  it('builds again after a source file changed, was added or the output is gone', () => {
    const p = project();
    p.start();
    writeFileSync(path.join(p.root, 'src', 'a.ts'), 'export const a = 2;\n');
    expect(p.start()).toBe(true);
    writeFileSync(path.join(p.root, 'src', 'b.ts'), 'export const b = 1;\n');
    expect(p.start()).toBe(true);
    rmSync(path.join(p.root, 'out'), { recursive: true });
    expect(p.start()).toBe(true);
    expect(p.builds()).toBe(4);
  });

  it('builds again when another command rebuilt the output from other sources', () => {
    const p = project();
    p.start();
    writeFileSync(path.join(p.root, 'out', 'index.html'), 'built elsewhere');
    expect(p.start()).toBe(true);
  });
});
