/**
 * An attachment's name as the desk keeps, shows and would hand out for download. The name is
 * whatever the operator's file was called, so it is treated as hostile:
 * - bidi controls (U+202E RIGHT-TO-LEFT OVERRIDE and friends) make `fatura\u202Efdp.exe` show as
 *   `faturaexe.pdf`: every invisible format character is dropped, control characters too;
 * - a path (`..\..\x`, `C:\x`) keeps only its last part, and the characters Windows refuses in a
 *   name (`<>:"/\|?*`) become `_`, so a saved copy lands where it was meant to;
 * - a Windows device name (`CON`, `NUL`, `COM1`, `LPT1.pdf` — with any extension, in any case)
 *   opens the device instead of a file: it gets a `_` in front;
 * - the extension says what the bytes are: a name whose extension does not fit the detected type
 *   gets the type's own (`belge.exe` holding a PDF becomes `belge.exe.pdf`).
 * Applying it again changes nothing, so names stored before the rule existed are cleaned on read
 * with the same function.
 */
import type { ATTACHMENT_TYPES } from './contract.js';

/** The extensions each accepted type (core/contract.ts ATTACHMENT_TYPES) goes by; the first is its own. */
export const ATTACHMENT_EXTENSIONS = {
  'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
} as const satisfies Record<(typeof ATTACHMENT_TYPES)[number], readonly string[]>;

/** The contract's limit on a name (attachments.add). */
export const ATTACHMENT_NAME_MAX = 200;
const FALLBACK_STEM = 'ek';

/** Format characters (bidi controls, zero-width marks, BOM), control characters, lone surrogates. */
const INVISIBLE = /[\p{Cf}\p{Cc}\p{Cs}]/gu;
const FORBIDDEN_ON_WINDOWS = /[<>:"|?*]/g;
/** What Windows opens as a device, whatever follows the first dot (and spaces before it). */
const DEVICE_NAME = /^(?:CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³]|CONIN\$|CONOUT\$)[ ]*(?:\.|$)/i;

function extensionOf(name: string): string | null {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? null : name.slice(dot + 1).toLowerCase();
}

/** Cuts `name` to `max` code points, keeping its extension when there is one. */
function fitted(name: string, max: number): string {
  const chars = [...name];
  if (chars.length <= max) return name;
  const ext = extensionOf(name);
  const tail = ext === null || ext.length > 16 ? '' : `.${ext}`;
  const stem = chars.slice(0, max - [...tail].length).join('').replace(/[ .]+$/, '');
  return `${stem === '' ? FALLBACK_STEM : stem}${tail}`;
}

/**
 * The name to keep and show. `mimeType`: the type detected from the bytes, when known; the
 * name's extension is then made to fit it.
 */
export function safeAttachmentName(name: string, mimeType?: string | null): string {
  const lastPart = name.split(/[\\/]/).pop() ?? '';
  let cleaned = lastPart
    .replace(INVISIBLE, '')
    .replace(FORBIDDEN_ON_WINDOWS, '_')
    .replace(/\s+/g, ' ')
    // Windows drops trailing dots and spaces (`CON.` is CON); leading dots hide a file on Unix.
    .replace(/^[ .]+|[ .]+$/g, '');
  if (cleaned === '') cleaned = FALLBACK_STEM;
  if (DEVICE_NAME.test(cleaned)) cleaned = `_${cleaned}`;

  const known = mimeType == null ? undefined : (ATTACHMENT_EXTENSIONS as Record<string, readonly string[]>)[mimeType];
  if (known !== undefined) {
    const ext = extensionOf(cleaned);
    if (ext === null || !known.includes(ext)) {
      return `${fitted(cleaned, ATTACHMENT_NAME_MAX - known[0]!.length - 1)}.${known[0]}`;
    }
  }
  return fitted(cleaned, ATTACHMENT_NAME_MAX);
}
