// Which top-level folder may import which (docs: ARCHITECTURE.md "Folders").
// The boundary is checked by a machine, not by memory: an import that crosses it fails lint.
import path from 'node:path';

export const allowedImports = {
  core: [],
  telephony: ['core'],
  db: ['core'],
  sync: ['core'],
  server: ['core', 'sync'],
  main: ['core', 'telephony', 'db', 'sync', 'server'],
  renderer: ['core', 'telephony/softphone'],
  e2e: '*',
  bench: '*',
  scripts: '*',
};

const projectRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

/** The top-level folder a path sits in, or null outside the governed folders. */
function folderOf(relPath) {
  const top = relPath.split(/[\\/]/)[0];
  return Object.hasOwn(allowedImports, top) ? top : null;
}

function mayImport(fromFolder, targetRel) {
  const rule = allowedImports[fromFolder];
  if (rule === '*') return true;
  const targetFolder = folderOf(targetRel);
  if (targetFolder === null || targetFolder === fromFolder) return true;
  const normalized = targetRel.split(path.sep).join('/');
  return rule.some((allowed) => normalized === allowed || normalized.startsWith(`${allowed}/`));
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the folder import table of ARCHITECTURE.md' },
    schema: [],
    messages: {
      forbidden: "'{{from}}/' may not import from '{{target}}' (allowed: {{allowed}}).",
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
      if (!mayImport(fromFolder, targetRel)) {
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
      }
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};
