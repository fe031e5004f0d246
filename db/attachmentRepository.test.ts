import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX_BYTES } from '../core/contract.js';
import { addAttachment, attachmentRepositorySql, getAttachment, listAttachments } from './attachmentRepository.js';
import type { NewAttachment } from './attachmentRepository.js';
import { caseEvents, getCase, insertCase } from './caseRepository.js';
import { ACTOR, minutesAfter, preparedCase, queryPlan, T0, tempStore } from './testSupport.js';

let store: ReturnType<typeof tempStore>;
let db: Database;
let caseId: number;

const SHA = 'a'.repeat(64);
const photo = (overrides: Partial<NewAttachment> = {}): NewAttachment => ({
  caseId,
  fileName: 'çukur fotoğrafı.jpg',
  mimeType: 'image/jpeg',
  sizeBytes: 123_456,
  sha256: SHA,
  storedName: `${SHA}.jpg`,
  actor: 'PJSIP/1002',
  ...overrides,
});

beforeEach(() => {
  store = tempStore();
  db = store.open();
  caseId = insertCase(db, preparedCase(), { now: T0, actor: ACTOR, securityCode: 'ABCD2345' }).id;
});

afterEach(() => store.close());

describe('attachments', () => {
  it('stores the row, counts it on the case, moves updated_at and writes an attachment event', () => {
    const info = addAttachment(db, photo(), minutesAfter(5));
    expect(info).toEqual({
      id: expect.any(Number),
      caseId,
      fileName: 'çukur fotoğrafı.jpg',
      mimeType: 'image/jpeg',
      sizeBytes: 123_456,
      addedAt: minutesAfter(5).toISOString(),
    });
    expect(listAttachments(db, caseId)).toEqual([info]);
    expect(getCase(db, caseId, T0)).toMatchObject({ attachmentCount: 1, updatedAt: minutesAfter(5).toISOString() });
    const last = caseEvents(db, caseId).at(-1);
    expect(last).toEqual({
      at: minutesAfter(5).toISOString(),
      actor: 'PJSIP/1002',
      kind: 'attachment',
      detail: { attachmentId: info.id, fileName: 'çukur fotoğrafı.jpg', mimeType: 'image/jpeg', sizeBytes: 123_456, sha256: SHA },
    });
    expect(getAttachment(db, info.id)).toEqual({ ...info, sha256: SHA, storedName: `${SHA}.jpg` });
    expect(getAttachment(db, 999)).toBeNull();
  });

  it('lists a case’s attachments in the order they were added; the same file twice is two rows', () => {
    const a = addAttachment(db, photo(), minutesAfter(1));
    const b = addAttachment(db, photo({ fileName: 'dilekçe.pdf', mimeType: 'application/pdf', sha256: 'b'.repeat(64), storedName: `${'b'.repeat(64)}.pdf` }), minutesAfter(2));
    const c = addAttachment(db, photo({ fileName: 'aynı foto.jpg' }), minutesAfter(3));
    expect(listAttachments(db, caseId).map((x) => x.id)).toEqual([a.id, b.id, c.id]);
    expect(getCase(db, caseId, T0)?.attachmentCount).toBe(3);
    const other = insertCase(db, preparedCase(), { now: T0, actor: ACTOR, securityCode: 'ABCD2345' });
    expect(listAttachments(db, other.id)).toEqual([]);
  });

  it('refuses a type or size the contract does not accept, and an unknown case', () => {
    expect(() => addAttachment(db, photo({ mimeType: 'text/html' }), T0)).toThrow(/type not accepted/);
    expect(() => addAttachment(db, photo({ sizeBytes: ATTACHMENT_MAX_BYTES + 1 }), T0)).toThrow(/size/);
    expect(() => addAttachment(db, photo({ caseId: 999 }), T0)).toThrow(/FOREIGN KEY/);
    expect(() => addAttachment(db, photo({ sha256: 'not-hex' }), T0)).toThrow(/CHECK/);
    expect(listAttachments(db, caseId)).toEqual([]);
    expect(caseEvents(db, caseId).map((e) => e.kind)).toEqual(['created', 'forwarded']);
  });

  it('keeps a hostile name cleaned (core/attachmentName.ts), and cleans names stored before on read', () => {
    const info = addAttachment(db, photo({ fileName: '..\\CON\u202Egpj.exe' }), minutesAfter(1));
    expect(info.fileName).toBe('CONgpj.exe.jpg');
    expect(db.prepare('SELECT file_name FROM attachments WHERE id = ?').pluck().get(info.id)).toBe('CONgpj.exe.jpg');
    expect(caseEvents(db, caseId).at(-1)?.detail).toMatchObject({ fileName: 'CONgpj.exe.jpg' });
    const device = addAttachment(db, photo({ fileName: 'lpt1.PDF', mimeType: 'application/pdf' }), minutesAfter(2));
    expect(device.fileName).toBe('_lpt1.PDF');
    // A row an older desk wrote as the name came.
    const old = db
      .prepare(
        `INSERT INTO attachments (case_id, file_name, mime_type, size_bytes, sha256, stored_name, added_at)
         VALUES (?, ?, 'application/pdf', 10, ?, ?, ?) RETURNING id`,
      )
      .pluck()
      .get(caseId, 'NUL\u202Efdp.exe', SHA, `${SHA}.pdf`, minutesAfter(3).toISOString()) as number;
    expect(listAttachments(db, caseId).map((a) => a.fileName)).toEqual(['CONgpj.exe.jpg', '_lpt1.PDF', 'NULfdp.exe.pdf']);
    expect(getAttachment(db, old)?.fileName).toBe('NULfdp.exe.pdf');
  });

  it('reads a case’s attachments through the case_id index', () => {
    const plan = queryPlan(db, attachmentRepositorySql.listAttachments, { caseId: 1 });
    expect(plan).toMatch(/SEARCH attachments USING INDEX attachments_case_id \(case_id=\?\)/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });
});
