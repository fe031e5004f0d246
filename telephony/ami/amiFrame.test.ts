import { describe, expect, it } from 'vitest';
import type { AmiFrame } from './amiFrame.js';
import { frameKind, header, serializeFrame } from './amiFrame.js';
import type { FrameSplitterError } from './amiFrameSplitter.js';
import { createFrameSplitter, parseFrameText } from './amiFrameSplitter.js';
import { connections, loadRecording, recordingNames } from '../testing/recordings.js';

/** Independent oracle: the recording's own text, split the obvious way. */
function expectedHeaders(raw: string): Array<[string, string]> {
  return raw
    .replace(/\r\n\r\n$/, '')
    .split('\r\n')
    .map((line) => {
      const at = line.indexOf(': ');
      return [line.slice(0, at), line.slice(at + 2)] as [string, string];
    });
}

function split(chunks: Buffer[], options = {}) {
  const frames: AmiFrame[] = [];
  const errors: FrameSplitterError[] = [];
  const banners: string[] = [];
  const splitter = createFrameSplitter(
    (frame) => frames.push(frame),
    (error) => errors.push(error),
    { ...options, onBanner: (banner) => banners.push(banner) },
  );
  for (const chunk of chunks) splitter.push(chunk);
  return { frames, errors, banners, splitter };
}

describe('frame helpers', () => {
  const originateResponse = parseFrameText(
    'Event: OriginateResponse\r\nPrivilege: call,all\r\nActionID: cb-1\r\nResponse: Success\r\nUniqueid: 1.0',
  )!;

  it('treats OriginateResponse as an event although it carries Response', () => {
    expect(frameKind(originateResponse)).toBe('event');
    expect(frameKind(parseFrameText('Response: Success\r\nActionID: 1')!)).toBe('response');
  });

  it('finds headers case-insensitively, first match', () => {
    const cdr = parseFrameText('Event: Cdr\r\nUniqueID: 7.1\r\nOutput: a\r\nOutput: b')!;
    expect(header(cdr, 'uniqueid')).toBe('7.1');
    expect(header(cdr, 'OUTPUT')).toBe('a');
    expect(header(cdr, 'Missing')).toBeUndefined();
  });

  it('serializes in order and refuses line breaks in values', () => {
    expect(serializeFrame([['Action', 'Ping'], ['ActionID', 'x-1']])).toBe('Action: Ping\r\nActionID: x-1\r\n\r\n');
    expect(serializeFrame([['PausedReason', '']])).toBe('PausedReason: \r\n\r\n');
    expect(() => serializeFrame([['Reason', 'Lunch\r\nAction: Logoff']])).toThrow(TypeError);
    expect(() => serializeFrame([['Bad: name', 'x']])).toThrow(TypeError);
  });
});

describe('frame splitter on every recording', () => {
  for (const name of recordingNames()) {
    it(`parses every received frame of ${name}`, () => {
      const lines = loadRecording(name);
      for (const conn of connections(lines)) {
        const received = lines.filter((line) => line.dir === 'in' && !line.eof && (line.conn ?? '') === conn);
        const bannerLines = received.filter((line) => line.raw.startsWith('Asterisk Call Manager/'));
        const frameLines = received.filter((line) => !line.raw.startsWith('Asterisk Call Manager/'));
        // i-restart-reconnect reconnects on a second connection name, so one banner per stream.
        expect(bannerLines.length).toBeLessThanOrEqual(1);
        const { frames, errors, banners } = split(received.map((line) => Buffer.from(line.raw, 'utf8')));
        expect(errors).toEqual([]);
        expect(banners).toEqual(bannerLines.map((line) => line.raw.replace('\r\n', '')));
        expect(frames.map((frame) => frame.headers)).toEqual(frameLines.map((line) => expectedHeaders(line.raw)));
        // The whole connection as one chunk gives the same frames as frame-sized chunks.
        const whole = split([Buffer.from(received.map((line) => line.raw).join(''), 'utf8')]);
        expect(whole.frames).toEqual(frames);
      }
    });
  }

  it('gives the same frames however a stream is cut (pseudo-random chunk sizes over all files)', () => {
    let seed = 153;
    const nextSize = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return 1 + (seed % 97);
    };
    for (const name of recordingNames()) {
      const lines = loadRecording(name);
      for (const conn of connections(lines)) {
        const bytes = Buffer.from(
          lines
            .filter((line) => line.dir === 'in' && !line.eof && (line.conn ?? '') === conn)
            .map((line) => line.raw)
            .join(''),
          'utf8',
        );
        const chunks: Buffer[] = [];
        for (let at = 0; at < bytes.length; ) {
          const size = nextSize();
          chunks.push(bytes.subarray(at, at + size));
          at += size;
        }
        expect(split(chunks).frames).toEqual(split([bytes]).frames);
      }
    }
  });

  it('gives the same frame for every received frame of every file cut inside characters and line ends', () => {
    let cuts = 0;
    const mismatches: string[] = [];
    for (const name of recordingNames()) {
      // Up to 20 frames of each shape (the same header names in the same order) per file: the
      // long recordings repeat a handful of shapes thousands of times.
      const shapes = new Map<string, number>();
      for (const line of loadRecording(name)) {
        if (line.dir !== 'in' || line.eof) continue;
        const shape = line.raw.replace(/:[^\r]*\r\n/g, '\n');
        const seen = shapes.get(shape) ?? 0;
        if (seen >= 20) continue;
        shapes.set(shape, seen + 1);
        const bytes = Buffer.from(line.raw, 'utf8');
        const reference = JSON.stringify(split([bytes]).frames);
        // Cut points where a naive splitter breaks: inside multi-byte UTF-8 sequences and
        // around every CR/LF, the blank-line terminator included.
        const points = new Set<number>();
        bytes.forEach((byte, at) => {
          if (byte >= 0x80 || byte === 0x0d || byte === 0x0a) [at, at + 1].forEach((p) => p > 0 && p < bytes.length && points.add(p));
        });
        for (const cut of points) {
          const result = split([bytes.subarray(0, cut), bytes.subarray(cut)]);
          if (JSON.stringify(result.frames) !== reference || result.errors.length > 0) mismatches.push(`${name} t=${line.t} cut ${cut}`);
          cuts++;
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(cuts).toBeGreaterThan(10_000);
  });

  it('decodes a frame with Turkish names identically when cut at every byte boundary', () => {
    const agentCalled = loadRecording('b-single-call-answered').find((line) => line.raw.startsWith('Event: AgentCalled'))!;
    const bytes = Buffer.from(`Asterisk Call Manager/11.0.0\r\n${agentCalled.raw}`, 'utf8');
    const reference = split([bytes]);
    expect(header(reference.frames[0]!, 'CallerIDName')).toBe('Vatandaş Ali');
    expect(header(reference.frames[0]!, 'MemberName')).toBe('Ayşe Yılmaz');
    for (let cut = 1; cut < bytes.length; cut++) {
      const result = split([bytes.subarray(0, cut), bytes.subarray(cut)]);
      expect(result.frames).toEqual(reference.frames);
      expect(result.banners).toEqual(['Asterisk Call Manager/11.0.0']);
    }
    // One byte at a time, too.
    const byByte = split([...bytes].map((byte) => Buffer.from([byte])));
    expect(byByte.frames).toEqual(reference.frames);
  });
});

describe('frame splitter on bad input', () => {
  const ping = 'Response: Success\r\nActionID: a-1\r\nPing: Pong\r\n\r\n';

  it('skips and reports a malformed frame, then carries on', () => {
    const { frames, errors } = split([Buffer.from(`Event: X\r\nthis line has no separator\r\n\r\n${ping}`)]);
    expect(errors).toEqual([{ kind: 'malformed', bytes: 36 }]);
    expect(frames.map((frame) => header(frame, 'ActionID'))).toEqual(['a-1']);
  });

  it('skips an oversized frame that arrives in pieces without buffering it whole', () => {
    const big = `Event: Big\r\nData: ${'x'.repeat(5000)}\r\n\r\n`;
    const chunks = [Buffer.from(ping)];
    for (let at = 0; at < big.length; at += 700) chunks.push(Buffer.from(big.slice(at, at + 700)));
    chunks.push(Buffer.from(ping.replace('a-1', 'a-2')));
    const frames: AmiFrame[] = [];
    const errors: FrameSplitterError[] = [];
    const splitter = createFrameSplitter((frame) => frames.push(frame), (error) => errors.push(error), { maxFrameBytes: 1024 });
    let maxPending = 0;
    for (const chunk of chunks) {
      splitter.push(chunk);
      maxPending = Math.max(maxPending, splitter.pendingBytes);
    }
    expect(errors).toEqual([{ kind: 'oversized', bytes: big.length - 4 }]);
    expect(frames.map((frame) => header(frame, 'ActionID'))).toEqual(['a-1', 'a-2']);
    expect(maxPending).toBeLessThanOrEqual(1024 + 700);
  });

  it('skips an oversized frame that arrives in one chunk', () => {
    const big = `Event: Big\r\nData: ${'y'.repeat(3000)}\r\n\r\n`;
    const { frames, errors } = split([Buffer.from(big + ping)], { maxFrameBytes: 1024 });
    expect(errors).toEqual([{ kind: 'oversized', bytes: big.length - 4 }]);
    expect(frames).toHaveLength(1);
  });

  it('does not mistake a stream without banner for one', () => {
    const { frames, banners } = split([Buffer.from('Act'), Buffer.from('ion: Ping\r\nActionID: 1\r\n\r\n')]);
    expect(banners).toEqual([]);
    expect(frames[0]!.headers).toEqual([
      ['Action', 'Ping'],
      ['ActionID', '1'],
    ]);
  });
});
