import { describe, expect, it, vi } from 'vitest';
import { ATTACHMENT_MAX_BYTES } from '../../../core/contract.js';
import { createDeskClient } from '../shared/api/deskClient.js';
import { createFakeTransport } from '../shared/testing/fakeTransport.js';
import { aCase } from '../shared/testing/fixtures.js';
import { attachmentProblemFrom, bytesToBase64, cleanFileName, precheckAttachment } from './attachmentUpload.js';
import { createCaseDetail } from './caseDetail.js';
import { historyLine } from './history.js';

describe('attachments', () => {
  it('refuses what the host would refuse before sending it, and leaves unknown types to the host', () => {
    expect(precheckAttachment({ name: 'foto.jpg', type: 'image/jpeg', size: 1000 })).toBeNull();
    expect(precheckAttachment({ name: 'x.bin', type: '', size: 1000 })).toBeNull();
    expect(precheckAttachment({ name: 'büyük.png', type: 'image/png', size: ATTACHMENT_MAX_BYTES + 1 })).toBe('tooLarge');
    expect(precheckAttachment({ name: 'belge.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: 10 })).toBe('type');
    expect(precheckAttachment({ name: 'boş.pdf', type: 'application/pdf', size: 0 })).toBe('empty');
  });

  it('shows the host\'s refusal as what it is', () => {
    const refused = (message: string) => ({ code: 'invalid-request' as const, message: 'x', issues: [{ path: 'dataBase64', message }] });
    expect(attachmentProblemFrom(refused('attachment.tooLarge'))).toBe('tooLarge');
    expect(attachmentProblemFrom(refused('attachment.type'))).toBe('type');
    expect(attachmentProblemFrom(refused('attachment.empty'))).toBe('empty');
    expect(attachmentProblemFrom({ code: 'not-found', message: 'x' })).toBe('not-found');
    expect(attachmentProblemFrom({ code: 'internal', message: 'x' })).toBe('failed');
  });

  it('encodes bytes as base64 in chunks and keeps only the file\'s own name', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => i % 256);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(cleanFileName('C:\\Users\\op\\Masaüstü\\çukur\u0007.jpg')).toBe('çukur.jpg');
    expect(cleanFileName('fatura\u202Efdp.exe')).toBe('faturafdp.exe');
    expect(cleanFileName('com1.PDF')).toBe('_com1.PDF');
    expect(cleanFileName(' \u0007 ')).toBe('');
  });

  it('sends the file, then reloads the case; a refused file says why', async () => {
    const fake = createFakeTransport();
    const client = createDeskClient(fake.transport, { warn: vi.fn() });
    const detail = createCaseDetail(client);
    fake.answer('cases.get', () => ({ ok: true, value: { case: aCase({ id: 9 }), history: [], attachments: [], call: null } }));
    await detail.open(9);
    fake.answer('attachments.add', () => ({
      ok: false,
      error: { code: 'invalid-request', message: 'x', issues: [{ path: 'dataBase64', message: 'attachment.type' }] },
    }));
    const file = { name: 'foto.jpg', type: 'image/jpeg', size: 3, bytes: async () => new Uint8Array([1, 2, 3]) };
    expect(await detail.attach(file)).toBe(false);
    expect(detail.store.getState().upload).toEqual({ busy: false, problem: 'type', fileName: 'foto.jpg' });
    expect(fake.calls.at(-1)).toEqual({ method: 'attachments.add', params: { caseId: 9, fileName: 'foto.jpg', dataBase64: 'AQID' } });

    fake.answer('attachments.add', () => ({
      ok: true,
      value: { id: 1, caseId: 9, fileName: 'foto.jpg', mimeType: 'image/jpeg', sizeBytes: 3, addedAt: '2025-11-25T10:00:00Z' },
    }));
    expect(await detail.attach(file)).toBe(true);
    expect(fake.calls.at(-1)?.method).toBe('cases.get');
  });
});

describe('case detail', () => {
  it('asks for the T.C. kimlik no in full only when told, and forgets it on the next case', async () => {
    const fake = createFakeTransport();
    const client = createDeskClient(fake.transport, { warn: vi.fn() });
    const detail = createCaseDetail(client);
    fake.answer('cases.get', (p) => ({ ok: true, value: { case: aCase({ id: (p as { id: number }).id }), history: [], attachments: [], call: null } }));
    await detail.open(3);
    await detail.setRevealed(true);
    expect(detail.store.getState().revealed).toBe(true);
    await detail.open(4);
    expect(detail.store.getState().revealed).toBe(false);
    expect(fake.calls.map((c) => c.params)).toEqual([
      { id: 3, revealTcKimlikNo: false },
      { id: 3, revealTcKimlikNo: true },
      { id: 4, revealTcKimlikNo: false },
    ]);
  });
});

describe('historyLine', () => {
  it('reads the steps the host records', () => {
    expect(historyLine({ kind: 'created', detail: { channel: 'phone', type: 'complaint' } })).toEqual({ kind: 'created', channel: 'phone', type: 'complaint' });
    expect(historyLine({ kind: 'forwarded', detail: { unitCode: 'fen-isleri' } })).toEqual({ kind: 'forwarded', unitCode: 'fen-isleri' });
    expect(historyLine({ kind: 'closed', detail: { resolution: 'Bilgi verildi.' } })).toEqual({ kind: 'closed', text: 'Bilgi verildi.' });
    expect(historyLine({ kind: 'note', detail: { text: 'Tekrar aradı.', linkedid: '1.2' } })).toEqual({ kind: 'note', text: 'Tekrar aradı.' });
    expect(historyLine({ kind: 'attachment', detail: { fileName: 'foto.jpg' } })).toEqual({ kind: 'attachment', fileName: 'foto.jpg' });
    expect(historyLine({ kind: 'reopened', detail: null })).toEqual({ kind: 'other', name: 'reopened' });
  });

  it('shows an attachment name recorded before names were cleaned as core/attachmentName.ts cleans it', () => {
    expect(historyLine({ kind: 'attachment', detail: { fileName: 'fatura\u202Efdp.exe', mimeType: 'application/pdf' } })).toEqual({
      kind: 'attachment',
      fileName: 'faturafdp.exe.pdf',
    });
    expect(historyLine({ kind: 'attachment', detail: { fileName: 'C:\\x\\aux.jpg', mimeType: 'image/jpeg' } })).toEqual({ kind: 'attachment', fileName: '_aux.jpg' });
  });
});
