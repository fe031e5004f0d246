import { describe, expect, it } from 'vitest';
import { createSseParser, type SseEvent } from './sse.js';

const STREAM =
  'retry: 3000\n: connected\n\n' +
  'event: changed\ndata: {"seq":"41"}\n\n' +
  ': heartbeat\r\n\r\n' +
  'event: changed\r\ndata: {"seq":"42"}\r\n\r\n' +
  'data:first\rdata: second\r\r' +
  'event: changed\n\n' +
  'id: 7\nevent: changed\ndata:{"seq":"43"}\n\n';

function parseInChunks(chunks: string[]) {
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const parser = createSseParser((event) => events.push(event), (text) => comments.push(text));
  for (const chunk of chunks) parser.push(chunk);
  return { events, comments };
}

describe('SSE parser', () => {
  const whole = parseInChunks([STREAM]);

  it('dispatches events on blank lines with LF, CRLF and CR line ends, and reports comments', () => {
    expect(whole.events).toEqual([
      { event: 'changed', data: '{"seq":"41"}', id: null },
      { event: 'changed', data: '{"seq":"42"}', id: null },
      { event: 'message', data: 'first\nsecond', id: null },
      { event: 'changed', data: '{"seq":"43"}', id: '7' },
    ]);
    expect(whole.comments).toEqual(['connected', 'heartbeat']);
  });

  it('gives the same events however the stream is split, even between CR and LF', () => {
    for (let cut = 1; cut < STREAM.length; cut += 1) {
      expect(parseInChunks([STREAM.slice(0, cut), STREAM.slice(cut)])).toEqual(whole);
    }
    expect(parseInChunks([...STREAM])).toEqual(whole);
  });

  it('ignores a byte order mark at the start and keeps an unfinished frame for later', () => {
    const events: SseEvent[] = [];
    const parser = createSseParser((event) => events.push(event));
    parser.push('\uFEFFevent: changed\ndata: 1\n');
    expect(events).toEqual([]);
    parser.push('\n');
    expect(events).toEqual([{ event: 'changed', data: '1', id: null }]);
  });
});
