// Event filters as Asterisk 22 applies them to a session: manager.conf `eventfilter` lines of
// the user plus `Action: Filter` of the session. Legacy filters are regular expressions over
// the whole event text (`!` in front excludes); with includes only, everything else is
// dropped; with excludes only, everything else passes; with both, includes then excludes.
// MatchCriteria (Asterisk ≥ 20) narrows by event name and/or one header's value.

export interface EventFilter {
  readonly exclude: boolean;
  matches(eventName: string, text: string): boolean;
}

export class FilterError extends Error {}

/** A legacy filter: a POSIX extended regular expression, in JavaScript's dialect. */
export function legacyFilter(source: string): EventFilter {
  const exclude = source.startsWith('!');
  let regex: RegExp;
  try {
    regex = new RegExp(exclude ? source.slice(1) : source);
  } catch {
    throw new FilterError('Filter did not compile.  Check the syntax of the filter given.');
  }
  return { exclude, matches: (_name, text) => regex.test(text) };
}

const CRITERION = /^(action|name|header|method)\(([^)]*)\)$/;

/** `action(exclude),name(Newexten)`, `header(Channel),method(starts_with)` with a Filter value. */
export function advancedFilter(criteria: string, value: string): EventFilter {
  const parts: Record<string, string> = {};
  for (const raw of criteria.split(',')) {
    const part = raw.trim();
    if (part === '') continue;
    const match = CRITERION.exec(part);
    if (match === null || match[1]! in parts) throw new FilterError('Filter was formatted incorrectly.  Check the syntax of the filter given.');
    parts[match[1]!] = match[2]!;
  }
  const exclude = (parts.action ?? 'include').toLowerCase() === 'exclude';
  const name = parts.name?.toLowerCase();
  const headerName = parts.header?.toLowerCase();
  const method = (parts.method ?? (value === '' ? 'none' : 'regex')).toLowerCase();
  let test: (subject: string) => boolean;
  switch (method) {
    case 'none':
      test = () => true;
      break;
    case 'exact':
      test = (s) => s === value;
      break;
    case 'starts_with':
      test = (s) => s.startsWith(value);
      break;
    case 'ends_with':
      test = (s) => s.endsWith(value);
      break;
    case 'contains':
      test = (s) => s.includes(value);
      break;
    case 'regex': {
      let regex: RegExp;
      try {
        regex = new RegExp(value);
      } catch {
        throw new FilterError('Filter did not compile.  Check the syntax of the filter given.');
      }
      test = (s) => regex.test(s);
      break;
    }
    default:
      throw new FilterError('Filter was formatted incorrectly.  Check the syntax of the filter given.');
  }
  return {
    exclude,
    matches(eventName, text) {
      if (name !== undefined && eventName.toLowerCase() !== name) return false;
      if (headerName === undefined) return test(text);
      for (const line of text.split('\r\n')) {
        const colon = line.indexOf(': ');
        if (colon > 0 && line.slice(0, colon).toLowerCase() === headerName && test(line.slice(colon + 2))) return true;
      }
      return false;
    },
  };
}

/** Whether an event passes a session's filters (its user's, then its own). */
export function passes(filters: readonly EventFilter[], eventName: string, text: string): boolean {
  if (filters.length === 0) return true;
  let includes = false;
  let included = false;
  for (const filter of filters) {
    if (filter.exclude) continue;
    includes = true;
    if (filter.matches(eventName, text)) {
      included = true;
      break;
    }
  }
  if (includes && !included) return false;
  for (const filter of filters) if (filter.exclude && filter.matches(eventName, text)) return false;
  return true;
}
