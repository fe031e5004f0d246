import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'local/folder-boundaries').map((m) => m.message);
}

describe('folder boundaries (ARCHITECTURE.md table)', () => {
  it('rejects core/ importing db/', async () => {
    const errors = await boundaryErrors('core/fixture.ts', "import { openDatabase } from '../db/openDatabase.js';\nexport const x = openDatabase;\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("'core/' may not import from 'db/openDatabase.js'");
  });

  it('rejects the renderer reaching into db/ or main/', async () => {
    const errors = await boundaryErrors(
      'renderer/src/fixture.ts',
      "import { a } from '../../db/x.js';\nimport { b } from '../../main/host/host.js';\nexport const y = [a, b];\n",
    );
    expect(errors).toHaveLength(2);
  });

  it('lets telephony/ import core/ and main/ import everything below it', async () => {
    expect(await boundaryErrors('telephony/fixture.ts', "import { z } from '../core/case.js';\nexport const q = z;\n")).toEqual([]);
    expect(
      await boundaryErrors('main/host/fixture.ts', "import { a } from '../../db/x.js';\nimport { b } from '../../telephony/y.js';\nexport const q = [a, b];\n"),
    ).toEqual([]);
  });

  it('rejects telephony/ importing db/', async () => {
    expect(await boundaryErrors('telephony/fixture.ts', "export * from '../db/x.js';\n")).toHaveLength(1);
  });
});
