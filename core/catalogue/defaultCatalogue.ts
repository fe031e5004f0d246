import { Catalogue } from '../catalogue.js';
import data from './defaultCatalogue.json' with { type: 'json' };
import districts from './istanbulDistricts.json' with { type: 'json' };

/**
 * The catalogue a desk starts with: units, the subject tree and canned answers of a metropolitan
 * municipality, kept as JSON so a municipality can edit it without touching code. Parsed with
 * the schema at load time, so a broken edit fails loudly (in the tests first), not in a form.
 *
 * Istanbul's districts and neighbourhoods live in their own file so that the subjects stay
 * readable. The list is a best effort (postal names of the mid-2020s, organised industrial and
 * free zones left out), and neighbourhoods are merged, split and renamed over the years: a
 * centre's catalogue.json override carries its own authoritative list, and replaces this one.
 */
export const defaultCatalogue: Catalogue = Catalogue.parse({ ...data, districts });

export { findDistrict, findNeighbourhood, findSubject, findUnit, subjectPath, surgeRuleOf } from './lookup.js';
export { searchSubjects } from './search.js';
