import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ATTACHMENT_MAX_BYTES } from '../../core/contract.js';
import { invalidField } from './dispatch.js';
import { detectAttachmentType, extensionOf, type AttachmentType } from './fileType.js';

export interface StoredFile {
  mimeType: AttachmentType;
  sizeBytes: number;
  sha256: string;
  storedName: string;
}

/**
 * Writes an attachment's bytes under the data folder, named by content hash (the same photo
 * twice is stored once), via a temporary file and a rename so a crash never leaves half a file.
 */
export function storeAttachment(dataDir: string, dataBase64: string): StoredFile {
  const bytes = Buffer.from(dataBase64, 'base64');
  if (bytes.length === 0) throw invalidField('dataBase64', 'attachment.empty');
  if (bytes.length > ATTACHMENT_MAX_BYTES) throw invalidField('dataBase64', 'attachment.tooLarge');
  const mimeType = detectAttachmentType(bytes);
  if (mimeType === null) throw invalidField('dataBase64', 'attachment.type');

  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const storedName = `${sha256}.${extensionOf[mimeType]}`;
  const folder = path.join(dataDir, 'attachments');
  const target = path.join(folder, storedName);
  if (!existsSync(target)) {
    // Citizens' photos and documents: the folder and the files are the desk user's alone.
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const temporary = `${target}.${process.pid}.tmp`;
    writeFileSync(temporary, bytes, { flag: 'wx', mode: 0o600 });
    renameSync(temporary, target);
  }
  return { mimeType, sizeBytes: bytes.length, sha256, storedName };
}
