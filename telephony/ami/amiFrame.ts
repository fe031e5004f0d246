// AMI frames are kept as ordered header lists rather than objects: Asterisk repeats headers
// (`Output:` in Command responses, `Variable:` in Originate), the order is part of what the
// simulator must reproduce, and names must keep their original case for display.

export type AmiHeader = readonly [string, string];
export type AmiFrame = { readonly headers: ReadonlyArray<AmiHeader> };

/** The first header called `name`, compared case-insensitively (Asterisk varies case: `Uniqueid`/`UniqueID`). */
export function header(frame: AmiFrame, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of frame.headers) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/** `Event:` is checked first because OriginateResponse is an event that also carries `Response:`. */
export function frameKind(frame: AmiFrame): 'event' | 'response' {
  return header(frame, 'Event') !== undefined ? 'event' : 'response';
}

/**
 * Refuses CR/LF anywhere: one stray line break in a value (a pause reason typed by an operator,
 * a caller name from a SIP trunk) would otherwise let the text inject headers or end the frame.
 */
export function serializeFrame(headers: ReadonlyArray<AmiHeader>): string {
  let text = '';
  for (const [name, value] of headers) {
    if (name === '' || /[\r\n:]/.test(name)) throw new TypeError('AMI header name must be non-empty without CR, LF or colon');
    if (/[\r\n]/.test(value)) throw new TypeError(`AMI header ${name} must not contain CR or LF`);
    text += `${name}: ${value}\r\n`;
  }
  return `${text}\r\n`;
}
