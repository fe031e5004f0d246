import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../../core/catalogue/defaultCatalogue.js';
import { CATALOGUE_FILE, loadCatalogue } from './catalogueSource.js';

let dir: string;
let logged: string[];
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'desk-cat-'));
  logged = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('subject catalogue source', () => {
  it('uses the built-in catalogue when the municipality has not put its own', () => {
    expect(loadCatalogue(dir, (l) => logged.push(l))).toBe(defaultCatalogue);
  });

  it("uses the municipality's edited catalogue.json", () => {
    const own = { ...defaultCatalogue, version: 'kadikoy-2026-11' };
    writeFileSync(path.join(dir, CATALOGUE_FILE), JSON.stringify(own));
    expect(loadCatalogue(dir, (l) => logged.push(l)).version).toBe('kadikoy-2026-11');
  });

  it('keeps working on a broken edit and says where it is broken', () => {
    writeFileSync(path.join(dir, CATALOGUE_FILE), JSON.stringify({ ...defaultCatalogue, subjects: [{ code: 'x' }] }));
    expect(loadCatalogue(dir, (l) => logged.push(l))).toBe(defaultCatalogue);
    expect(logged[0]).toMatch(/catalogue.json is invalid at subjects\.0\./);
    writeFileSync(path.join(dir, CATALOGUE_FILE), '{ not json');
    expect(loadCatalogue(dir, (l) => logged.push(l))).toBe(defaultCatalogue);
    expect(logged[1]).toContain('not valid JSON');
  });
});
