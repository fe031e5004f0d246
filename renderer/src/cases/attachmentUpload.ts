import { safeAttachmentName } from '../../../core/attachmentName.js';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, type DeskError } from '../../../core/contract.js';

/** Why a file was not attached; each has a message that names the limit. */
export const ATTACHMENT_PROBLEMS = ['tooLarge', 'type', 'empty', 'name', 'not-found', 'unavailable', 'failed'] as const;
export type AttachmentProblem = (typeof ATTACHMENT_PROBLEMS)[number];

export interface PickedFile {
  name: string;
  /** The browser's guess from the name; the host checks the content. */
  type: string;
  size: number;
}

/** What can be told before sending: the host checks again, by content. */
export function precheckAttachment(file: PickedFile): AttachmentProblem | null {
  if (file.size === 0) return 'empty';
  if (file.size > ATTACHMENT_MAX_BYTES) return 'tooLarge';
  if (file.name.trim() === '' || file.name.length > 200) return 'name';
  // An unknown type ('') is left to the host's content check.
  if (file.type !== '' && !(ATTACHMENT_TYPES as readonly string[]).includes(file.type)) return 'type';
  return null;
}

/** The host's refusal (core/contract.ts attachments.add; main/host/attachmentFiles.ts) as a problem to show. */
export function attachmentProblemFrom(error: DeskError): AttachmentProblem {
  if (error.code === 'not-found') return 'not-found';
  if (error.code === 'unavailable') return 'unavailable';
  if (error.code !== 'invalid-request') return 'failed';
  for (const issue of error.issues ?? []) {
    if (issue.message === 'attachment.tooLarge') return 'tooLarge';
    if (issue.message === 'attachment.type') return 'type';
    if (issue.message === 'attachment.empty') return 'empty';
    if (issue.path === 'fileName') return 'name';
  }
  return 'failed';
}

const CHUNK = 0x8000;

/** Base64 without a data: URL round trip; chunks keep String.fromCharCode under the argument limit. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

/**
 * The name as the contract accepts it (no control characters, no path) and as the host will
 * keep it (core/attachmentName.ts: no bidi tricks or device names), so the name shown while
 * uploading is the one the list will show, but for an extension the host may add to fit the
 * file's type. Empty stays empty: that is a problem to show.
 */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  const cleaned = base.replace(/[\u0000-\u001F\u007F]/g, '').trim().slice(0, 200);
  return cleaned === '' ? '' : safeAttachmentName(cleaned);
}
