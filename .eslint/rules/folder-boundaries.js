// Which top-level folder may import which (ARCHITECTURE.md "Layers").
// The boundary is checked by a machine, not by memory: an import that crosses it fails lint.
import path from 'node:path';

export const allowedImports = {
  core: [],
  telephony: ['core'],
  db: ['core'],
  sync: ['core'],
  // The queue statistics collector holds an AMI session and runs the desk's own reducer.
  server: ['core', 'sync', 'telephony/ami', 'telephony/queueMetrics'],
  main: ['core', 'telephony', 'db', 'sync', 'server'],
  renderer: ['core', 'telephony/softphone'],
  e2e: '*',
  bench: '*',
  scripts: '*',
};

/** What tests may use besides: the server's collector is tested against the PBX simulator. */
export const allowedTestImports = {
  server: ['telephony/simulator', 'telephony/testing'],
};

const projectRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

// Inside the renderer (ARCHITECTURE.md "Renderer"): every folder of renderer/src is a feature,
// except the shell that wires them (app/, with main.tsx) and what several features share (shared/).
// A feature is entered only through its index.ts, so its inside can change without its users
// noticing. Nothing imports the shell: features read the wired desk through shared/desk/.
const RENDERER_SRC = 'renderer/src';
const SHELL = 'app';
const SHARED = 'shared';
const INDEX = /^index\.(js|ts|tsx)$/;

/** The renderer unit (feature, 'app' or 'shared') of a path under renderer/src, else null. */
function rendererUnitOf(relPath) {
  const normalized = relPath.split(path.sep).join('/');
  if (!normalized.startsWith(`${RENDERER_SRC}/`)) return null;
  const rest = normalized.slice(RENDERER_SRC.length + 1).split('/');
  return { unit: rest.length === 1 ? SHELL : rest[0], inner: rest.slice(1).join('/') };
}

/** Tests assemble the whole desk to check what a user sees; the feature rule binds product code. */
const isTestCode = (relPath) => /\.test\.tsx?$/.test(relPath) || /[\\/]testing[\\/]/.test(relPath);

/** Null when allowed, else why not. */
function rendererViolation(fromRel, targetRel) {
  const from = rendererUnitOf(fromRel);
  const target = rendererUnitOf(targetRel);
  if (from === null || target === null || from.unit === target.unit || isTestCode(fromRel)) return null;
  if (target.unit === SHARED) return null;
  if (from.unit === SHARED) return 'shared/ serves the features and imports none of them, nor app/';
  if (target.unit === SHELL) return 'the shell wires the features and nothing imports it (the wired desk: shared/desk/deskContext.tsx)';
  if (INDEX.test(target.inner)) return null;
  return `a feature is imported only through its index.ts (renderer/src/${target.unit}/index.ts)`;
}

/** The top-level folder a path sits in, or null outside the governed folders. */
function folderOf(relPath) {
  const top = relPath.split(/[\\/]/)[0];
  return Object.hasOwn(allowedImports, top) ? top : null;
}

function mayImport(fromFolder, fromRel, targetRel) {
  const rule = allowedImports[fromFolder];
  if (rule === '*') return true;
  const targetFolder = folderOf(targetRel);
  if (targetFolder === null || targetFolder === fromFolder) return true;
  const normalized = targetRel.split(path.sep).join('/');
  const allowed = isTestCode(fromRel) ? [...rule, ...(allowedTestImports[fromFolder] ?? [])] : rule;
  return allowed.some((folder) => normalized === folder || normalized.startsWith(`${folder}/`));
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the folder import table and the renderer features of ARCHITECTURE.md' },
    schema: [],
    messages: {
      forbidden: "'{{from}}/' may not import from '{{target}}' (allowed: {{allowed}}).",
      feature: "'{{target}}': {{why}}.",
    },
  },
  create(context) {
    const filename = context.filename;
    const fromRel = path.relative(projectRoot, filename);
    const fromFolder = folderOf(fromRel);
    if (fromFolder === null) return {};

    function check(node, source) {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const targetAbs = path.resolve(path.dirname(filename), source);
      const targetRel = path.relative(projectRoot, targetAbs);
      if (!mayImport(fromFolder, fromRel, targetRel)) {
        const allowed = allowedImports[fromFolder];
        context.report({
          node,
          messageId: 'forbidden',
          data: {
            from: fromFolder,
            target: targetRel.split(path.sep).join('/'),
            allowed: allowed.length ? allowed.join(', ') : 'nothing of ours',
          },
        });
        return;
      }
      const why = rendererViolation(fromRel, targetRel);
      if (why !== null) context.report({ node, messageId: 'feature', data: { target: targetRel.split(path.sep).join('/'), why } });
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};
