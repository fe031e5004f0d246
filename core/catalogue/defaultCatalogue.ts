import { Catalogue } from '../catalogue.js';
import data from './defaultCatalogue.json' with { type: 'json' };

/**
 * The catalogue a desk starts with: units, the subject tree and canned answers of a metropolitan
 * municipality, kept as JSON so a municipality can edit it without touching code. Parsed with
 * the schema at load time, so a broken edit fails loudly (in the tests first), not in a form.
 */
export const defaultCatalogue: Catalogue = Catalogue.parse(data);

export { findSubject, findUnit, subjectPath } from './lookup.js';
export { searchSubjects } from './search.js';
