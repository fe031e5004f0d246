// The project's own import graph, for the check that no module imports itself through others.
// Type imports count too: they load nothing at run time, but two modules that name each other's
// types still cannot be read, tested or moved apart.
import fs from 'node:fs';
import path from 'node:path';

const IMPORT = /^\s*(import|export)\s+(?:type\s+)?([^'";]*?\bfrom\s+)?['"](\.[^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g;
const SOURCE = /\.(ts|tsx|js|mjs)$/;

function resolveImport(fromFile, spec) {
  const base = path.resolve(path.dirname(fromFile), spec);
  for (const candidate of [base, base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx')]) {
    if (SOURCE.test(candidate) && fs.existsSync(candidate)) return candidate;
  }
  return null;
}

/** Every source file under `dirs` (tests excluded) with the files it imports. */
export function importGraph(root, dirs) {
  const graph = new Map();
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(full);
      } else if (SOURCE.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        const text = fs.readFileSync(full, 'utf8');
        const targets = new Set();
        for (const m of text.matchAll(IMPORT)) {
          if (m[1] === 'export' && !m[2]) continue;
          const target = resolveImport(full, m[3]);
          if (target) targets.add(target);
        }
        for (const m of text.matchAll(DYNAMIC)) {
          const target = resolveImport(full, m[1]);
          if (target) targets.add(target);
        }
        graph.set(full, targets);
      }
    }
  };
  for (const dir of dirs) walk(path.join(root, dir));
  return graph;
}

/** The cycles of the graph, each as the files around it (Tarjan's strongly connected components). */
export function importCycles(graph) {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const cycles = [];
  const visit = (node) => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node), index.get(next)));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || graph.get(node)?.has(node)) cycles.push(component);
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}
