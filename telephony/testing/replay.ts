import type { AmiFrame } from '../ami/amiFrame.js';
import { frameKind, header } from '../ami/amiFrame.js';
import { createFrameSplitter, parseFrameText } from '../ami/amiFrameSplitter.js';
import type { RecordedLine } from './recordings.js';

// Replays one connection of a recording as the desk received it, on the recording's clock:
// unsolicited events one by one, list answers (Response + items + Complete) as one unit
// together with the request that asked for them.

export interface ReplayedList {
  /** The request's headers (Action, Queue, Member, …), from the recording's `out` line. */
  request: AmiFrame;
  response: AmiFrame;
  items: AmiFrame[];
  complete: AmiFrame;
}

export interface ReplayHandlers {
  onEvent?(event: AmiFrame, now: number): void;
  onList?(list: ReplayedList, now: number): void;
}

/**
 * Epoch ms of the recording's t = 0, read from the first security event's EventTV (absolute,
 * millisecond precision); every connection of a file shares the same t.
 */
export function recordingEpoch(lines: RecordedLine[]): number {
  for (const line of lines) {
    const match = /EventTV: (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3})\+0000/.exec(line.raw);
    if (line.dir === 'in' && match) return Date.parse(`${match[1]}Z`) - line.t;
  }
  throw new Error('recording has no EventTV to anchor its clock');
}

export function replayConnection(lines: RecordedLine[], conn: string | undefined, handlers: ReplayHandlers): void {
  const epoch = recordingEpoch(lines);
  const requests = new Map<string, AmiFrame>();
  const lists = new Map<string, { request: AmiFrame; response: AmiFrame; items: AmiFrame[] }>();
  let now = epoch;
  const splitter = createFrameSplitter(
    (frame) => {
      const id = header(frame, 'ActionID');
      const open = id === undefined ? undefined : lists.get(id);
      if (frameKind(frame) === 'response') {
        const request = id === undefined ? undefined : requests.get(id);
        if (request !== undefined && header(frame, 'EventList')?.toLowerCase() === 'start') lists.set(id!, { request, response: frame, items: [] });
        return;
      }
      if (open !== undefined) {
        if (header(frame, 'EventList')?.toLowerCase() === 'complete') {
          lists.delete(id!);
          handlers.onList?.({ ...open, complete: frame }, now);
        } else {
          open.items.push(frame);
        }
        return;
      }
      handlers.onEvent?.(frame, now);
    },
    (error) => {
      throw new Error(`recording frame rejected: ${error.kind}`);
    },
  );
  for (const line of lines) {
    if (conn !== undefined && (line.conn ?? '') !== conn) continue;
    if (line.eof) continue;
    now = epoch + line.t;
    if (line.dir === 'out') {
      const request = parseFrameText(line.raw.replace(/\r\n\r\n$/, ''));
      const id = request === null ? undefined : header(request, 'ActionID');
      if (request !== null && id !== undefined) requests.set(id, request);
      continue;
    }
    splitter.push(Buffer.from(line.raw, 'utf8'));
  }
}
