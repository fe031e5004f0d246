import type { AmiFrame, AmiHeader } from '../ami/amiFrame.js';
import { header } from '../ami/amiFrame.js';

// Asterisk's AstDB (main/db.c, Asterisk 22.10.1) and its manager actions DBPut, DBGet, DBDel
// and DBDelTree, for the mass-incident announcements the dialplan reads with DB(). Asterisk keeps
// one SQLite table of `/family/key` → value; so does this, in memory, because that flat key is
// what makes family `alo153/incident` + key `alo153` the same entry as the dialplan's
// `DB(alo153/incident/alo153)`. It lives as long as the simulator object: Asterisk's database
// is a file, so a restart() or kill() keeps it.

export interface SimAstDb {
  /** The value, or undefined when there is no such entry (`database get`). */
  get(family: string, key: string): string | undefined;
  /** Creates or replaces (`database put`). */
  put(family: string, key: string, value: string): void;
  /** False when there was no such entry (`database del`). */
  del(family: string, key: string): boolean;
  /** Deletes `/family[/keytree]` and everything under it; returns how many (`database deltree`). */
  delTree(family: string, keytree?: string): number;
  /** Every entry as `[/family/key, value]`, ordered by key as `database show` lists them. */
  entries(): Array<[string, string]>;
}

const fullKey = (family: string, key: string) => `/${family}/${key}`;

/** SQLite's default LIKE folds ASCII letters only: `İ`/`i` and `Ş`/`ş` stay different. */
const foldAscii = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * The rows `key || '/' LIKE prefix || '/' || '%'` selects (db.c's deltree statement): a prefix
 * match in which `%` and `_` of the family are wildcards, as they are in Asterisk.
 */
function likeTree(prefix: string): (key: string) => boolean {
  const pattern = [...foldAscii(`${prefix}/`)].map((c) => (c === '%' ? '.*' : c === '_' ? '.' : c.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&'))).join('');
  const re = new RegExp(`^${pattern}`, 'su');
  return (key) => re.test(foldAscii(`${key}/`));
}

export function createAstDb(): SimAstDb {
  const rows = new Map<string, string>();
  return {
    get: (family, key) => rows.get(fullKey(family, key)),
    put(family, key, value) {
      rows.set(fullKey(family, key), value);
    },
    del: (family, key) => rows.delete(fullKey(family, key)),
    delTree(family, keytree) {
      const matches = likeTree(keytree ? fullKey(family, keytree) : `/${family}`);
      let count = 0;
      for (const key of [...rows.keys()]) {
        if (matches(key)) {
          rows.delete(key);
          count++;
        }
      }
      return count;
    },
    entries: () => [...rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  };
}

export type AstDbAction = 'dbput' | 'dbget' | 'dbdel' | 'dbdeltree';

/** What the session writes back: an ack, an error, or DBGet's one-item list. */
export type AstDbAnswer =
  | { kind: 'ack' | 'error'; message: string }
  | { kind: 'list'; message: string; items: AmiFrame[]; completeEvent: string };

/** astman_get_header: Asterisk skips the blanks (any byte below 33) that start a value. */
function managerHeader(frame: AmiFrame, name: string): string {
  return (header(frame, name) ?? '').replace(/^[\x01-\x20]+/, '');
}

const ack = (message: string): AstDbAnswer => ({ kind: 'ack', message });
const error = (message: string): AstDbAnswer => ({ kind: 'error', message });

/**
 * db.c's manager_dbput/dbget/dbdel/dbdeltree, texts included: DBPut's "No family specified" has
 * no full stop, the other three's have one; DBDel of a missing key is "Database entry could not
 * be deleted" while DBGet's and DBDelTree's is "Database entry not found".
 */
export function answerAstDbAction(action: AstDbAction, frame: AmiFrame, actionId: string | undefined, db: SimAstDb): AstDbAnswer {
  const family = managerHeader(frame, 'Family');
  const key = managerHeader(frame, 'Key');
  switch (action) {
    case 'dbput':
      if (family === '') return error('No family specified');
      if (key === '') return error('No key specified');
      db.put(family, key, managerHeader(frame, 'Val'));
      return ack('Updated database successfully');
    case 'dbget': {
      if (family === '') return error('No family specified.');
      if (key === '') return error('No key specified.');
      const value = db.get(family, key);
      if (value === undefined) return error('Database entry not found');
      // The item is written by hand in db.c: its ActionID comes last, after Val.
      const item: AmiHeader[] = [
        ['Event', 'DBGetResponse'],
        ['Family', family],
        ['Key', key],
        ['Val', value],
        ...(actionId === undefined ? [] : [['ActionID', actionId] as AmiHeader]),
      ];
      return { kind: 'list', message: 'Result will follow', items: [{ headers: item }], completeEvent: 'DBGetComplete' };
    }
    case 'dbdel':
      if (family === '') return error('No family specified.');
      if (key === '') return error('No key specified.');
      return db.del(family, key) ? ack('Key deleted successfully') : error('Database entry could not be deleted');
    case 'dbdeltree':
      if (family === '') return error('No family specified.');
      return db.delTree(family, key === '' ? undefined : key) > 0 ? ack('Key tree deleted successfully') : error('Database entry not found');
  }
}
