import type { AmiFrame } from '../ami/amiFrame.js';
import { header } from '../ami/amiFrame.js';

// Compares the simulator's frames with a recording event for event: same event names, same
// header names in the same order, same Privilege, and the same values except where a value
// must differ between two runs (ids, clock readings, the bridge's uuid, session details).

type Volatility = 'id' | 'uuid' | 'time' | 'session' | 'actionid';

const ID_HEADER = /^(Dest|LocalOne|LocalTwo)?(Uniqueid|Linkedid)$/i;
const CLOCK_HEADERS = new Set(['StartTime', 'AnswerTime', 'EndTime', 'LoginTime', 'LastCall', 'LastPause', 'Timestamp']);
const SESSION_HEADERS = new Set(['SessionID', 'LocalAddress', 'RemoteAddress', 'EventTV', 'SessionTV', 'Uptime', 'LastReload']);
/** Dialplan variables holding milliseconds measured by the PBX (3014 ms recorded for a 3 s talk). */
const CLOCK_VARIABLES = new Set(['ANSWEREDTIME_MS', 'DIALEDTIME_MS', 'ANSWEREDTIME', 'DIALEDTIME', 'MEMBERLASTCALL']);

function volatility(frame: AmiFrame, name: string): Volatility | null {
  if (ID_HEADER.test(name)) return 'id';
  if (name === 'BridgeUniqueid') return 'uuid';
  if (name === 'ActionID') return 'actionid';
  if (CLOCK_HEADERS.has(name)) return 'time';
  if (SESSION_HEADERS.has(name)) return 'session';
  if (name === 'Value' && header(frame, 'Event') === 'VarSet' && CLOCK_VARIABLES.has(header(frame, 'Variable') ?? '')) return 'time';
  return null;
}

const FORMAT: Record<Volatility, RegExp> = {
  id: /^\d+\.\d+$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  time: /^(\d+(\.\d+)?|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d|)$/,
  session: /./,
  actionid: /./,
};

export interface CompareOptions {
  /** false: compare only names, header order and Privilege (for racy recordings). */
  values?: boolean;
  /** Headers whose values are not compared (a race in the recording made them arbitrary). */
  ignoreValuesOf?: string[];
}

/** Human-readable differences; empty when the frames match. */
export function compareFrames(recorded: AmiFrame[], produced: AmiFrame[], { values = true, ignoreValuesOf = [] }: CompareOptions = {}): string[] {
  const problems: string[] = [];
  const names = (frames: AmiFrame[]) => frames.map((frame) => header(frame, 'Event') ?? header(frame, 'Response') ?? '?');
  if (recorded.length !== produced.length) {
    problems.push(`count: recorded ${recorded.length}, produced ${produced.length}`);
  }
  // Ids and uuids may differ but must map one to one (the same Linkedid on every leg, …).
  const mapping = new Map<string, string>();
  const reverse = new Map<string, string>();
  const count = Math.min(recorded.length, produced.length);
  for (let i = 0; i < count && problems.length < 20; i++) {
    const want = recorded[i]!;
    const got = produced[i]!;
    const where = `#${i} ${names([want])[0]}`;
    const wantNames = want.headers.map(([name]) => name).join(',');
    const gotNames = got.headers.map(([name]) => name).join(',');
    if (wantNames !== gotNames) {
      problems.push(`${where}: headers\n  recorded ${wantNames}\n  produced ${gotNames}`);
      continue;
    }
    if (header(want, 'Privilege') !== header(got, 'Privilege')) problems.push(`${where}: Privilege ${header(got, 'Privilege')}`);
    if (!values) continue;
    want.headers.forEach(([name, wantValue], h) => {
      const gotValue = got.headers[h]![1];
      if (ignoreValuesOf.includes(name)) return;
      const kind = volatility(want, name);
      // A volatile header holding a fixed word (`Uniqueid: <unknown>` of a failed Originate) must match it.
      if (kind === null || (kind !== 'session' && kind !== 'actionid' && !FORMAT[kind].test(wantValue))) {
        if (wantValue !== gotValue) problems.push(`${where}: ${name} recorded '${wantValue}', produced '${gotValue}'`);
        return;
      }
      if (!FORMAT[kind].test(gotValue) || (wantValue === '') !== (gotValue === '')) {
        problems.push(`${where}: ${name} '${gotValue}' is not a ${kind}`);
      }
      if (kind === 'id' || kind === 'uuid') {
        const mapped = mapping.get(wantValue);
        if (mapped === undefined && !reverse.has(gotValue)) {
          mapping.set(wantValue, gotValue);
          reverse.set(gotValue, wantValue);
        } else if (mapped !== gotValue) {
          problems.push(`${where}: ${name} '${gotValue}' breaks the id mapping (recorded '${wantValue}')`);
        }
      }
    });
  }
  if (recorded.length !== produced.length) {
    problems.push(`recorded tail: ${names(recorded.slice(count)).join(', ')}`, `produced tail: ${names(produced.slice(count)).join(', ')}`);
  }
  return problems;
}
