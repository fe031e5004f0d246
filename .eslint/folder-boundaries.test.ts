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

  it("lets server/ use the AMI client and the queue reducer, but not the desk's softphone, and the simulator only in tests", async () => {
    const collector = "import { a } from '../../telephony/ami/amiClient.js';\nimport { b } from '../../telephony/queueMetrics/index.js';\nexport const q = [a, b];\n";
    expect(await boundaryErrors('server/queueStats/fixture.ts', collector)).toEqual([]);
    expect(await boundaryErrors('server/queueStats/fixture.ts', "export * from '../../telephony/softphone/x.js';\n")).toHaveLength(1);
    const simulator = "import { s } from '../../telephony/simulator/pbxSimulator.js';\nexport const q = s;\n";
    expect(await boundaryErrors('server/queueStats/fixture.ts', simulator)).toHaveLength(1);
    expect(await boundaryErrors('server/queueStats/fixture.test.ts', simulator)).toEqual([]);
  });

  it('rejects telephony/ importing db/', async () => {
    expect(await boundaryErrors('telephony/fixture.ts', "export * from '../db/x.js';\n")).toHaveLength(1);
  });

  describe('renderer features', () => {
    it("rejects a feature reaching into another feature's files, and lets it through that feature's index.ts", async () => {
      const inside = await boundaryErrors('renderer/src/cases/components/Fixture.tsx', "import { CaseForm } from '../../callDesk/components/CaseForm.js';\nexport const f = CaseForm;\n");
      expect(inside).toHaveLength(1);
      expect(inside[0]).toContain('renderer/src/callDesk/index.ts');
      expect(await boundaryErrors('renderer/src/cases/components/Fixture.tsx', "import { CaseForm } from '../../callDesk/index.js';\nexport const f = CaseForm;\n")).toEqual([]);
    });

    it('keeps features from importing the shell: they read the wired desk through shared/desk/', async () => {
      expect(await boundaryErrors('renderer/src/reports/fixture.ts', "import { createDesk } from '../app/desk.js';\nexport const d = createDesk;\n")).toHaveLength(1);
      expect(await boundaryErrors('renderer/src/reports/fixture.ts', "import { resources } from '../app/index.js';\nexport const d = resources;\n")).toHaveLength(1);
      expect(await boundaryErrors('renderer/src/reports/fixture.ts', "import { useDeskPart } from '../shared/desk/deskContext.js';\nexport const d = useDeskPart;\n")).toEqual([]);
    });

    it('keeps shared/ free of features and of the shell, while every feature may use it', async () => {
      expect(await boundaryErrors('renderer/src/shared/ui/Fixture.tsx', "import { CaseList } from '../../cases/index.js';\nexport const c = CaseList;\n")).toHaveLength(1);
      expect(await boundaryErrors('renderer/src/shared/ui/Fixture.tsx', "import { createDesk } from '../../app/desk.js';\nexport const c = createDesk;\n")).toHaveLength(1);
      expect(await boundaryErrors('renderer/src/wallboard/fixture.ts', "import { maskPhone } from '../shared/privacy/personalData.js';\nexport const m = maskPhone;\n")).toEqual([]);
    });

    it('lets the shell assemble features only through their index.ts', async () => {
      expect(await boundaryErrors('renderer/src/app/fixture.ts', "import { CaseList } from '../cases/components/CaseList.js';\nexport const c = CaseList;\n")).toHaveLength(1);
      expect(await boundaryErrors('renderer/src/main.tsx', "import { CaseList } from './cases/index.js';\nexport const c = CaseList;\n")).toEqual([]);
    });

    it('lets tests assemble the whole desk', async () => {
      expect(await boundaryErrors('renderer/src/cases/fixture.test.ts', "import { createDesk } from '../app/desk.js';\nexport const d = createDesk;\n")).toEqual([]);
    });
  });
});
