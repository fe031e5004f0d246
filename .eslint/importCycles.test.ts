import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph } from './importGraph.js';

const root = path.resolve(import.meta.dirname, '..');
const FOLDERS = ['core', 'telephony', 'db', 'sync', 'server', 'main', 'renderer/src'];

describe('import cycles (ARCHITECTURE.md)', () => {
  it('finds none: no module imports itself through others', () => {
    const cycles = importCycles(importGraph(root, FOLDERS)).map((files) => files.map((f) => path.relative(root, f)).sort());
    expect(cycles).toEqual([]);
  });

  it('sees a cycle of two modules, and none in a chain', () => {
    const a = '/x/a.ts';
    const b = '/x/b.ts';
    expect(importCycles(new Map([[a, new Set([b])], [b, new Set([a])]]))).toHaveLength(1);
    expect(importCycles(new Map([[a, new Set([b])], [b, new Set<string>()]]))).toEqual([]);
  });
});
