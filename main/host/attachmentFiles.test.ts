import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX_BYTES } from '../../core/contract.js';
import { storeAttachment } from './attachmentFiles.js';
import { RequestError } from './dispatch.js';
import { detectAttachmentType } from './fileType.js';

const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n', 'latin1');

let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'desk-att-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function refusal(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof RequestError) return error.error.issues?.[0]?.message;
    throw error;
  }
  return undefined;
}

describe('attachments', () => {
  it('recognises photos and PDFs by their bytes, not their names', () => {
    expect(detectAttachmentType(png)).toBe('image/png');
    expect(detectAttachmentType(pdf)).toBe('application/pdf');
    expect(detectAttachmentType(Buffer.from('ffd8ffe0', 'hex'))).toBe('image/jpeg');
    expect(detectAttachmentType(Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(detectAttachmentType(Buffer.from('MZ\x90\0 windows exe', 'latin1'))).toBeNull();
    expect(detectAttachmentType(Buffer.from('<svg onload=alert(1)>', 'utf8'))).toBeNull();
  });

  it('stores a file once under its content hash and leaves no temporary file', () => {
    const first = storeAttachment(dir, png.toString('base64'));
    const second = storeAttachment(dir, png.toString('base64'));
    expect(first).toEqual(second);
    expect(first.mimeType).toBe('image/png');
    expect(readdirSync(path.join(dir, 'attachments'))).toEqual([first.storedName]);
    expect(readFileSync(path.join(dir, 'attachments', first.storedName))).toEqual(png);
  });

  it('refuses empty, oversized and disguised files with a reason the UI can show', () => {
    expect(refusal(() => storeAttachment(dir, ''))).toBe('attachment.empty');
    expect(refusal(() => storeAttachment(dir, Buffer.from('#!/bin/sh\nrm -rf /').toString('base64')))).toBe('attachment.type');
    const big = Buffer.alloc(ATTACHMENT_MAX_BYTES + 1);
    png.copy(big);
    expect(refusal(() => storeAttachment(dir, big.toString('base64')))).toBe('attachment.tooLarge');
  });
});
