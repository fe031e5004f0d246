import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AmiFrame } from '../ami/amiFrame.js';
import { createFrameSplitter } from '../ami/amiFrameSplitter.js';

// Test support: the real Asterisk recordings, copied unchanged into fixtures/ami/ from the
// team's shared folder so a fresh clone tests alone; AMI_FIXTURES_DIR points at other recordings.

export interface RecordedLine {
  t: number;
  dir: 'in' | 'out';
  raw: string;
  conn?: string;
  eof?: boolean;
}

export const fixturesDir =
  process.env.AMI_FIXTURES_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/ami');

export function recordingNames(): string[] {
  return readdirSync(fixturesDir).filter((name) => name.endsWith('.jsonl')).sort();
}

export function loadRecording(name: string): RecordedLine[] {
  const file = name.endsWith('.jsonl') ? name : `${name}.jsonl`;
  return readFileSync(path.join(fixturesDir, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as RecordedLine);
}

/** The frames one connection received, parsed by the production splitter, banner excluded. */
export function receivedFrames(lines: RecordedLine[], conn?: string): AmiFrame[] {
  const frames: AmiFrame[] = [];
  const splitter = createFrameSplitter(
    (frame) => frames.push(frame),
    (error) => {
      throw new Error(`recording frame rejected: ${error.kind}`);
    },
  );
  for (const line of lines) {
    if (line.dir !== 'in' || line.eof || (conn !== undefined && line.conn !== conn)) continue;
    splitter.push(Buffer.from(line.raw, 'utf8'));
  }
  return frames;
}

/** Connection names of a multi-connection recording, in order of appearance ('' for single ones). */
export function connections(lines: RecordedLine[]): string[] {
  return [...new Set(lines.map((line) => line.conn ?? ''))];
}
