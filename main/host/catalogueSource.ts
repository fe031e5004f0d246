import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Catalogue } from '../../core/catalogue.js';
import { defaultCatalogue } from '../../core/catalogue/defaultCatalogue.js';

export const CATALOGUE_FILE = 'catalogue.json';

/**
 * The subject catalogue: the built-in one, unless the municipality put its own `catalogue.json`
 * in the data folder. A broken file is reported and the built-in catalogue is used, so a typo
 * in an edit never stops the call center.
 */
export function loadCatalogue(dataDir: string, log: (line: string) => void): Catalogue {
  const file = path.join(dataDir, CATALOGUE_FILE);
  if (!existsSync(file)) return defaultCatalogue;
  try {
    const parsed = Catalogue.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data;
    const first = parsed.error.issues[0];
    log(`${CATALOGUE_FILE} is invalid at ${first?.path.join('.') ?? '?'} (${first?.message ?? ''}); using the built-in catalogue`);
  } catch {
    log(`${CATALOGUE_FILE} is not valid JSON; using the built-in catalogue`);
  }
  return defaultCatalogue;
}
