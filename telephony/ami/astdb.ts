import type { AmiClient } from './amiClient.js';
import type { AmiFrame } from './amiFrame.js';
import { header } from './amiFrame.js';
import { AmiCommandError } from './queueControl.js';

// Asterisk's AstDB over AMI (DBPut, DBGet, DBDel; main/db.c in Asterisk 22). The manager user
// needs write `system` (DBGet: `system` or `reporting`), or every call is refused with
// "Permission denied". Names and values go out as AMI headers, so they are one line: the client
// refuses CR/LF before anything is sent (AmiActionError `invalid`, serializeFrame's guard).
// Asterisk drops the blanks that start a header value: ` x` is stored as `x`.

/** DBGet's answer for a missing key. */
const GET_NOT_FOUND = 'Database entry not found';
/** DBDel's answer for a missing key (db.c's ast_db_del2); also what a failing SQLite write gives. */
const DEL_NOT_FOUND = 'Database entry could not be deleted';

const succeeded = (frame: AmiFrame) => header(frame, 'Response')?.toLowerCase() === 'success';
const messageOf = (frame: AmiFrame) => header(frame, 'Message') ?? 'no message';

/** Creates or replaces `family/key`; an error answer (e.g. "Permission denied") throws AmiCommandError. */
export async function dbPut(client: AmiClient, family: string, key: string, value: string): Promise<void> {
  const response = await client.action({ Action: 'DBPut', Family: family, Key: key, Val: value });
  if (!succeeded(response)) throw new AmiCommandError('DBPut', messageOf(response));
}

/** The value of `family/key`, or null when there is none. */
export async function dbGet(client: AmiClient, family: string, key: string): Promise<string | null> {
  // A found key comes as a one-item list (DBGetResponse, DBGetComplete); a missing one as an error.
  const { response, items } = await client.listAction({ Action: 'DBGet', Family: family, Key: key });
  if (!succeeded(response)) {
    if (messageOf(response) === GET_NOT_FOUND) return null;
    throw new AmiCommandError('DBGet', messageOf(response));
  }
  const item = items.find((frame) => header(frame, 'Event')?.toLowerCase() === 'dbgetresponse');
  if (item === undefined) throw new AmiCommandError('DBGet', 'no DBGetResponse in the answer');
  return header(item, 'Val') ?? '';
}

/** Deletes `family/key`; false when there was no such key. */
export async function dbDel(client: AmiClient, family: string, key: string): Promise<boolean> {
  const response = await client.action({ Action: 'DBDel', Family: family, Key: key });
  if (succeeded(response)) return true;
  if (messageOf(response) === DEL_NOT_FOUND) return false;
  throw new AmiCommandError('DBDel', messageOf(response));
}
