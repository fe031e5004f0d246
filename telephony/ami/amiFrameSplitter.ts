import type { AmiFrame, AmiHeader } from './amiFrame.js';

// Frames are split on bytes and decoded only once complete: a UTF-8 name such as
// "Vatandaş Ali" can be cut between two TCP chunks, and decoding chunk by chunk would turn
// the halves of "ş" into two replacement characters.

const TERMINATOR = Buffer.from('\r\n\r\n');
const LINE_END = Buffer.from('\r\n');
const BANNER_PREFIX = 'Asterisk Call Manager/';

/** Parses one frame's text (without its blank-line terminator); null when a line has no `: `. */
export function parseFrameText(text: string): AmiFrame | null {
  const headers: AmiHeader[] = [];
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(': ');
    if (colon <= 0) return null;
    headers.push([line.slice(0, colon), line.slice(colon + 2)]);
  }
  return { headers };
}

export interface FrameSplitterOptions {
  /** A frame (or unterminated data) larger than this is skipped, not buffered: a bound on memory. */
  maxFrameBytes?: number;
  /** Receives the greeting line (`Asterisk Call Manager/11.0.0`) when the stream starts with one. */
  onBanner?: (banner: string) => void;
}

export interface FrameSplitterError {
  kind: 'malformed' | 'oversized';
  /** Size of what was skipped; never its content, which may hold caller names and numbers. */
  bytes: number;
}

export interface FrameSplitter {
  push(chunk: Uint8Array): void;
  /** Bytes held while waiting for the rest of a frame. */
  readonly pendingBytes: number;
}

export function createFrameSplitter(
  onFrame: (frame: AmiFrame) => void,
  onError: (error: FrameSplitterError) => void,
  { maxFrameBytes = 64 * 1024, onBanner }: FrameSplitterOptions = {},
): FrameSplitter {
  let pending: Buffer = Buffer.alloc(0);
  let atStreamStart = true;
  // While true we are inside an oversized frame whose head was already dropped.
  let discarding = false;
  let discardedBytes = 0;

  /** False while the first bytes could still be the start of a banner line. */
  function takeBanner(): boolean {
    const lineEnd = pending.indexOf(LINE_END);
    if (lineEnd < 0) {
      const head = pending.toString('latin1', 0, Math.min(pending.length, BANNER_PREFIX.length));
      const mayBeBanner = BANNER_PREFIX.startsWith(head) || head.startsWith(BANNER_PREFIX);
      if (mayBeBanner && pending.length <= maxFrameBytes) return false;
      atStreamStart = false;
      return true;
    }
    const line = pending.toString('utf8', 0, lineEnd);
    atStreamStart = false;
    if (line.startsWith(BANNER_PREFIX)) {
      pending = pending.subarray(lineEnd + LINE_END.length);
      onBanner?.(line);
    }
    return true;
  }

  function emitFrame(bytes: Buffer): void {
    if (bytes.length === 0) return; // stray blank lines between frames
    if (bytes.length > maxFrameBytes) {
      onError({ kind: 'oversized', bytes: bytes.length });
      return;
    }
    // Invalid UTF-8 (a Latin-1 name from an old trunk) becomes U+FFFD instead of losing the event.
    const frame = parseFrameText(bytes.toString('utf8'));
    if (frame === null) onError({ kind: 'malformed', bytes: bytes.length });
    else onFrame(frame);
  }

  return {
    get pendingBytes() {
      return pending.length;
    },
    push(chunk: Uint8Array): void {
      pending = pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([pending, chunk]);
      if (atStreamStart && !takeBanner()) return;

      for (;;) {
        const end = pending.indexOf(TERMINATOR);
        if (end < 0) break;
        const frameBytes = pending.subarray(0, end);
        pending = pending.subarray(end + TERMINATOR.length);
        if (discarding) {
          discarding = false;
          onError({ kind: 'oversized', bytes: discardedBytes + frameBytes.length });
          discardedBytes = 0;
        } else {
          emitFrame(frameBytes);
        }
      }

      if (pending.length > maxFrameBytes) {
        // Keep the last 3 bytes: they may be the start of the terminator.
        const keep = TERMINATOR.length - 1;
        discardedBytes += pending.length - keep;
        pending = Buffer.from(pending.subarray(pending.length - keep));
        discarding = true;
      } else if (pending.byteOffset !== 0 && pending.length < 4096) {
        // Detach the small remainder from the large chunk it views, so that chunk can be freed.
        pending = Buffer.from(pending);
      }
    },
  };
}
