import { afterEach, describe, expect, it } from 'vitest';
import type { CaseHistoryEntry, CaseRecord, CreatedCase } from '../../core/case.js';
import type { AttachmentInfo, ResponseOf } from '../../core/contract.js';
import type { SyncStatus } from '../../core/syncStatus.js';
import { pendingChanges } from '../../db/syncOutbox.js';
import { openDatabase } from '../../db/openDatabase.js';
import { startCentralServer, waitUntil } from './testing/centralServer.js';
import { freePort } from './testing/freePort.js';
import { invokeValue as call, startTestDesk, type Cleanups } from './testing/testDesk.js';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

const lampCase = (extra: Record<string, unknown> = {}) => ({
  subject: 'Sokak lambası yanmıyor',
  description: 'Çınar Sokak 14 önündeki direk üç gündür yanmıyor.',
  outcome: 'forwarded' as const,
  phone: '05321112233',
  citizenName: 'İbrahim Işık',
  linkedid: null,
  ...extra,
});

const notesOf = (history: CaseHistoryEntry[]) => history.filter((h) => h.kind === 'note').map((h) => h.detail);

describe('a note added from the case detail', () => {
  it('goes into the case history, waits in the outbox while the server is down, and reaches the server like a repeat call’s note', async () => {
    const port = await freePort();
    const desk = await startTestDesk(cleanups, { DESK_SERVER_URL: `http://127.0.0.1:${port}`, DESK_SERVER_USER: 'operator', DESK_SERVER_PASSWORD: 'operator153' });
    const created = await call<CreatedCase>(desk, 'cases.create', lampCase());
    const before = (await call<SyncStatus>(desk, 'sync.status')).pending;
    const text = 'Vatandaş yeniden aradı: direğin kapağı da açık, çocuklar için tehlikeli.';

    const noted = await call<CaseRecord>(desk, 'cases.appendNote', { caseId: created.case.id, text: `  ${text}  `, linkedid: null });
    expect(noted.status).toBe('forwarded');

    const detail = await call<ResponseOf<'cases.get'>>(desk, 'cases.get', { id: created.case.id });
    expect(notesOf(detail.history)).toEqual([{ text, linkedid: null }]);
    expect((await call<SyncStatus>(desk, 'sync.status')).pending).toBe(before + 1);
    const reader = openDatabase(desk.dataFile);
    try {
      const queued = pendingChanges(reader, 100).filter((c) => c.kind === 'note');
      expect(queued.map((c) => [c.caseId, c.payload])).toEqual([[created.case.id, { text }]]);
    } finally {
      reader.close();
    }

    const server = await startCentralServer('pglite', port);
    cleanups.push(() => server.close());
    await waitUntil(async () => (await call<SyncStatus>(desk, 'sync.status')).pending === 0, 60_000, 'the outbox to drain');
    const rows = await server.db.query<{ text: string }>(
      `SELECT e.detail->>'text' AS text FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.application_no = $1 AND e.kind = 'note'`,
      [created.case.applicationNo],
    );
    expect(rows.map((r) => r.text)).toEqual([text]);
  }, 120_000);

  it('refuses an empty or too long note with the field’s reason, and adds nothing', async () => {
    const desk = await startTestDesk(cleanups);
    const created = await call<CreatedCase>(desk, 'cases.create', lampCase());
    for (const [text, reason] of [['   ', 'text.required'], ['ç'.repeat(4001), 'text.tooLong']] as const) {
      const result = await desk.invoke('cases.appendNote', { caseId: created.case.id, text, linkedid: null });
      expect(result.ok ? null : result.error.issues).toEqual([{ path: 'text', message: reason }]);
    }
    const detail = await call<ResponseOf<'cases.get'>>(desk, 'cases.get', { id: created.case.id });
    expect(notesOf(detail.history)).toEqual([]);
  });

  it('lets only a team lead note a confidential case, as the central server would', async () => {
    const operator = await startTestDesk(cleanups);
    const secret = await call<CreatedCase>(operator, 'cases.create', lampCase({ confidential: true }));
    const refused = await operator.invoke('cases.appendNote', { caseId: secret.case.id, text: 'Ek bilgi.', linkedid: null });
    expect(refused.ok ? null : refused.error.code).toBe('forbidden');
    expect(notesOf((await call<ResponseOf<'cases.get'>>(operator, 'cases.get', { id: secret.case.id })).history)).toEqual([]);

    const lead = await startTestDesk(cleanups, { DESK_ROLE: 'team-lead' });
    const leads = await call<CreatedCase>(lead, 'cases.create', lampCase({ confidential: true }));
    await call(lead, 'cases.appendNote', { caseId: leads.case.id, text: 'Ek bilgi.', linkedid: null });
    expect(notesOf((await call<ResponseOf<'cases.get'>>(lead, 'cases.get', { id: leads.case.id })).history)).toEqual([{ text: 'Ek bilgi.', linkedid: null }]);
  });
});

describe('attachments chosen before the case was saved', () => {
  it('are stored with the saved case, in its attachments and its history; a disguised file is refused and not listed', async () => {
    const desk = await startTestDesk(cleanups);
    const created = await call<CreatedCase>(desk, 'cases.create', lampCase());
    // What the case form sends once cases.create has answered (renderer/src/cases/pendingAttachments.ts).
    const added = await call<AttachmentInfo>(desk, 'attachments.add', { caseId: created.case.id, fileName: 'direk.png', dataBase64: png.toString('base64') });
    const disguised = await desk.invoke('attachments.add', { caseId: created.case.id, fileName: 'fatura.pdf', dataBase64: Buffer.from('MZ\x90\0 exe').toString('base64') });
    expect(disguised.ok ? null : disguised.error.issues).toEqual([{ path: 'dataBase64', message: 'attachment.type' }]);

    const detail = await call<ResponseOf<'cases.get'>>(desk, 'cases.get', { id: created.case.id });
    expect(detail.attachments).toEqual([added]);
    expect(added).toMatchObject({ caseId: created.case.id, fileName: 'direk.png', mimeType: 'image/png', sizeBytes: png.length });
    expect(detail.history.filter((h) => h.kind === 'attachment').map((h) => (h.detail as { fileName: string }).fileName)).toEqual(['direk.png']);
  });
});
