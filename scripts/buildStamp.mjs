// `npm start` rebuilds only what changed: a build's inputs are fingerprinted (file names and
// contents, not times: a checkout or a copy changes times without changing anything) and the
// fingerprint is kept beside the output. Same fingerprint and the output still there: no build.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const SKIP = new Set(['node_modules', 'dist', '.git']);

function filesUnder(root, rel) {
  const full = path.join(root, rel);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [rel];
  return readdirSync(full, { withFileTypes: true })
    .filter((entry) => !SKIP.has(entry.name))
    .flatMap((entry) => filesUnder(root, path.join(rel, entry.name)));
}

/** A hash of every file under `inputs` (files or folders relative to `root`), names and contents. */
export function fingerprint(root, inputs) {
  const hash = createHash('sha256');
  for (const rel of inputs.flatMap((input) => filesUnder(root, input)).sort()) {
    hash.update(rel.split(path.sep).join('/'));
    hash.update('\0');
    hash.update(readFileSync(path.join(root, rel)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

const outputHash = (file) => (existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : 'missing');

/**
 * Runs `build` unless `output` is the one built from inputs with this fingerprint. The stamp
 * holds the output's hash too, so an output another command rebuilt (from other inputs) is not
 * taken for ours.
 */
export function buildIfChanged({ root, inputs, output, stampFile, build }) {
  const current = fingerprint(root, inputs);
  const outputPath = path.join(root, output);
  const stampPath = path.join(root, stampFile);
  const stamp = existsSync(stampPath) ? readFileSync(stampPath, 'utf8') : '';
  if (existsSync(outputPath) && stamp === `${current}\n${outputHash(outputPath)}`) return false;
  build();
  writeFileSync(stampPath, `${current}\n${outputHash(outputPath)}`);
  return true;
}
