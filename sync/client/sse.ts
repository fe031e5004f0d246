/** One dispatched Server-Sent Event. */
export interface SseEvent {
  event: string;
  data: string;
  id: string | null;
}

export interface SseParser {
  /** Feed decoded text; chunks may split lines and frames anywhere, including between \r and \n. */
  push(text: string): void;
}

/** Longest line kept while waiting for its end; a stream beyond it is broken, not slow. */
export const MAX_SSE_LINE = 1024 * 1024;

/**
 * Incremental parser for text/event-stream (WHATWG HTML §9.2.6): lines end with CRLF, LF or CR;
 * a blank line dispatches the event; `:` lines are comments (heartbeats); `field: value` with
 * one optional space after the colon; an event without data is not dispatched.
 */
export function createSseParser(onEvent: (event: SseEvent) => void, onComment?: (text: string) => void): SseParser {
  let buffer = '';
  let first = true;
  let eventType = '';
  let data: string[] = [];
  let lastId: string | null = null;

  const line = (text: string) => {
    if (text === '') {
      if (data.length > 0) onEvent({ event: eventType || 'message', data: data.join('\n'), id: lastId });
      eventType = '';
      data = [];
      return;
    }
    if (text.startsWith(':')) {
      onComment?.(text.slice(1).replace(/^ /, ''));
      return;
    }
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    const value = colon === -1 ? '' : text.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') eventType = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id' && !value.includes('\0')) lastId = value;
    // `retry` and unknown fields are ignored: reconnecting is the engine's decision.
  };

  return {
    push(text: string) {
      buffer += text;
      if (first && buffer.length > 0) {
        if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
        first = buffer.length === 0;
      }
      let start = 0;
      const terminator = /[\r\n]/g;
      for (;;) {
        terminator.lastIndex = start;
        const found = terminator.exec(buffer);
        if (!found) break;
        const at = found.index;
        // A CR at the very end may be the first half of a CRLF split across chunks: wait.
        if (buffer[at] === '\r' && at === buffer.length - 1) break;
        const next = buffer[at] === '\r' && buffer[at + 1] === '\n' ? at + 2 : at + 1;
        line(buffer.slice(start, at));
        start = next;
      }
      buffer = buffer.slice(start);
      if (buffer.length > MAX_SSE_LINE) throw new Error('event stream line too long');
    },
  };
}
