import { ATTACHMENT_EXTENSIONS } from '../../core/attachmentName.js';
import { ATTACHMENT_TYPES } from '../../core/contract.js';

export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);

/** The file's real type from its first bytes; a name or a claimed MIME type proves nothing. */
export function detectAttachmentType(bytes: Uint8Array): AttachmentType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  return null;
}

/** The extension a stored file gets: the type's own (core/attachmentName.ts keeps names to it too). */
export const extensionOf: Record<AttachmentType, string> = {
  'image/jpeg': ATTACHMENT_EXTENSIONS['image/jpeg'][0],
  'image/png': ATTACHMENT_EXTENSIONS['image/png'][0],
  'image/webp': ATTACHMENT_EXTENSIONS['image/webp'][0],
  'application/pdf': ATTACHMENT_EXTENSIONS['application/pdf'][0],
};
