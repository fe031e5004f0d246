import i18next from 'i18next';
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { ATTACHMENT_MAX_BYTES } from '../../../core/contract.js';
import { createDesk } from '../app/desk.js';
import { resources } from '../app/texts.js';
import { createCaseFormStore, formCleared, freshFormState, submitCase } from '../callDesk/caseFormStore.js';
import { CaseForm } from '../callDesk/components/CaseForm.js';
import { createDeskClient } from '../shared/api/deskClient.js';
import { DeskProvider } from '../shared/desk/deskContext.js';
import { createFakeTransport } from '../shared/testing/fakeTransport.js';
import { aCase } from '../shared/testing/fixtures.js';
import { flattenLocale } from '../shared/testing/localeTree.js';
import { initialDetailState, type CaseDetailState } from './caseDetail.js';
import { createHostStore, initialHostState } from '../shared/state/hostStore.js';
import { createStore } from 'zustand/vanilla';
import { addNote, NOTE_MAX, NOTE_PROBLEMS, noteProblem, noteProblemFrom } from './caseNote.js';
import { CaseDetail } from './components/CaseDetail.js';
import { PendingAttachments } from './components/PendingAttachments.js';
import {
  createPendingAttachments,
  fileRemoved,
  filePicked,
  followFormSaves,
  initialPending,
  MAX_PENDING,
  type PendingAttachmentsState,
} from './pendingAttachments.js';

const photo = (name = 'çukur.jpg', size = 3, type = 'image/jpeg') => ({ name, type, size, bytes: async () => new Uint8Array([1, 2, 3]) });
const pick = (s: PendingAttachmentsState, ...files: ReturnType<typeof photo>[]) => files.reduce((acc, f, i) => filePicked(acc, f, i + 1), s);
const refusedBy = (message: string) => ({ ok: false as const, error: { code: 'invalid-request' as const, message: 'x', issues: [{ path: 'dataBase64', message }] } });

describe('a note from the case detail', () => {
  it('says an empty or too long note is wrong before sending, counting as the host does (trimmed)', () => {
    expect(noteProblem('  \n ')).toBe('required');
    expect(noteProblem(`  ${'ş'.repeat(NOTE_MAX)}  `)).toBeNull();
    expect(noteProblem('ş'.repeat(NOTE_MAX + 1))).toBe('tooLong');
    expect(noteProblem('Birim aradı: ekip yarın gidecek.')).toBeNull();
  });

  it('reads the host’s refusals as what they are', () => {
    const field = (message: string) => ({ code: 'invalid-request' as const, message: 'x', issues: [{ path: 'text', message }] });
    expect(noteProblemFrom(field('text.tooLong'))).toBe('tooLong');
    expect(noteProblemFrom(field('text.controlChars'))).toBe('controlChars');
    expect(noteProblemFrom({ code: 'forbidden', message: 'x' })).toBe('forbidden');
    expect(noteProblemFrom({ code: 'unavailable', message: 'x' })).toBe('unavailable');
    expect(noteProblemFrom({ code: 'internal', message: 'x' })).toBe('failed');
  });

  it('sends it through the repeat call’s host method with no call tied to it; an empty one is not sent', async () => {
    const fake = createFakeTransport();
    const client = createDeskClient(fake.transport, { warn: vi.fn() });
    fake.answer('cases.appendNote', () => ({ ok: true, value: aCase({ id: 9 }) }));
    expect(await addNote(client, 9, '   ')).toBe('required');
    expect(fake.calls).toEqual([]);
    expect(await addNote(client, 9, 'Birim aradı: ekip yarın gidecek.')).toBeNull();
    expect(fake.calls).toEqual([{ method: 'cases.appendNote', params: { caseId: 9, text: 'Birim aradı: ekip yarın gidecek.', linkedid: null } }]);
    fake.answer('cases.appendNote', () => ({ ok: false, error: { code: 'forbidden', message: 'x' } }));
    expect(await addNote(client, 9, 'Gizli başvuruya not')).toBe('forbidden');
  });
});

describe('attachments chosen before saving', () => {
  it('are listed with their cleaned name and size, once each, and can be removed', () => {
    const s = pick(initialPending, photo('C:\\Masaüstü\\çukur.jpg'), photo('çukur.jpg'), photo('belge.pdf', 2048, 'application/pdf'));
    expect(s.files.map((f) => [f.name, f.size])).toEqual([
      ['çukur.jpg', 3],
      ['belge.pdf', 2048],
    ]);
    expect(fileRemoved(s, s.files[0]!.key).files.map((f) => f.name)).toEqual(['belge.pdf']);
  });

  it('refuses what the host would refuse, with the same reasons, and more than ten files', () => {
    expect(pick(initialPending, photo('büyük.png', ATTACHMENT_MAX_BYTES + 1, 'image/png')).refused).toEqual({ name: 'büyük.png', problem: 'tooLarge' });
    expect(pick(initialPending, photo('rapor.docx', 10, 'application/msword')).refused).toEqual({ name: 'rapor.docx', problem: 'type' });
    expect(pick(initialPending, photo('boş.pdf', 0, 'application/pdf')).refused?.problem).toBe('empty');
    const full = pick(initialPending, ...Array.from({ length: MAX_PENDING }, (_, i) => photo(`foto${i}.jpg`)));
    expect(full.files).toHaveLength(MAX_PENDING);
    const over = filePicked(full, photo('bir-tane-daha.jpg'), 99);
    expect(over.files).toHaveLength(MAX_PENDING);
    expect(over.refused).toEqual({ name: 'bir-tane-daha.jpg', problem: 'tooMany' });
  });

  it('go to the case the form saves, through attachments.add; a refused one is reported, the others stay added', async () => {
    const fake = createFakeTransport();
    const client = createDeskClient(fake.transport, { warn: vi.fn() });
    const form = createCaseFormStore();
    const pending = createPendingAttachments(pick(initialPending, photo('çukur.jpg'), photo('sahte.pdf', 3, 'application/pdf')));
    const stop = followFormSaves(form, pending, client);
    form.setState((s) => ({ ...s, draft: { ...s.draft, subject: 'Yol çökmesi', description: 'Moda Caddesi 12 önünde yol çöktü.' } }));
    fake.answer('cases.create', () => ({ ok: true, value: { case: aCase({ id: 42, applicationNo: '2026-0000042-3' }), securityCode: 'ABCD2345' } }));
    fake.answer('attachments.add', (p) => {
      const { fileName } = p as { fileName: string };
      if (fileName === 'sahte.pdf') return refusedBy('attachment.type');
      return { ok: true, value: { id: 1, caseId: 42, fileName, mimeType: 'image/jpeg', sizeBytes: 3, addedAt: '2026-03-02T08:00:00Z' } };
    });

    await submitCase(form, client, 'forwarded', { currentPop: () => null, catalogue: () => ({ subject: null, triageUnitCode: 'halkla-iliskiler' }) });
    await vi.waitFor(() => expect(pending.getState().sent).not.toBeNull());
    expect(fake.calls.filter((c) => c.method === 'attachments.add').map((c) => c.params)).toEqual([
      { caseId: 42, fileName: 'çukur.jpg', dataBase64: 'AQID' },
      { caseId: 42, fileName: 'sahte.pdf', dataBase64: 'AQID' },
    ]);
    expect(pending.getState()).toMatchObject({
      files: [],
      sending: null,
      sent: { applicationNo: '2026-0000042-3', added: ['çukur.jpg'], failed: [{ name: 'sahte.pdf', problem: 'type' }] },
    });
    stop();
  });

  it('stay while a save fails, and are dropped when the form is cleared', async () => {
    const fake = createFakeTransport();
    const client = createDeskClient(fake.transport, { warn: vi.fn() });
    const form = createCaseFormStore();
    const pending = createPendingAttachments(pick(initialPending, photo()));
    const stop = followFormSaves(form, pending, client);
    fake.answer('cases.create', () => ({ ok: false, error: { code: 'unavailable', message: 'x' } }));
    form.setState((s) => ({ ...s, draft: { ...s.draft, subject: 'Yol çökmesi', description: 'Yol çöktü.' } }));
    await submitCase(form, client, 'forwarded', { currentPop: () => null, catalogue: () => ({ subject: null, triageUnitCode: 'halkla-iliskiler' }) });
    expect(pending.getState().files.map((f) => f.name)).toEqual(['çukur.jpg']);
    expect(fake.calls.some((c) => c.method === 'attachments.add')).toBe(false);

    const written = form.getState().draft;
    form.setState((s) => formCleared(s, null, '00000000-0000-4000-8000-000000000002'), true);
    expect(pending.getState().files).toEqual([]);
    // "Geri al" brings the cleared draft back under a new id (ClearUndo): its files come back with it.
    form.setState(freshFormState('00000000-0000-4000-8000-000000000003', written), true);
    expect(pending.getState().files.map((f) => f.name)).toEqual(['çukur.jpg']);
    // Another form started over is not that draft: nothing comes back.
    form.setState((s) => formCleared(s, null, '00000000-0000-4000-8000-000000000004'), true);
    form.setState((s) => formCleared(s, null, '00000000-0000-4000-8000-000000000005'), true);
    expect(pending.getState().files).toEqual([]);
    stop();
  });

  it('the "added" line goes when the next case begins, as the number and code do; a refusal stays', async () => {
    const fake = createFakeTransport();
    const client = createDeskClient(fake.transport, { warn: vi.fn() });
    const form = createCaseFormStore();
    const stop = followFormSaves(form, createPendingAttachments(), client);
    const done = { kind: 'note-added' as const, caseId: 5, applicationNo: '2026-0000005-1', callLinkedid: null };
    const check = (failed: { name: string; problem: 'type' }[]) => {
      const pending = createPendingAttachments({ ...initialPending, sent: { applicationNo: '2026-0000005-1', added: ['a.jpg'], failed } });
      const off = followFormSaves(form, pending, client);
      form.setState({ done }, false);
      form.setState({ done: null }, false);
      off();
      return pending.getState().sent;
    };
    expect(check([])).toBeNull();
    expect(check([{ name: 'b.pdf', problem: 'type' }])?.failed).toHaveLength(1);
    stop();
  });
});

describe('what the operator sees', () => {
  type Desk = ReturnType<typeof createDesk>;
  // Rendered on the "server", a store shows its initial state: the test's stores start where it needs them.
  function render(element: ReactElement, setUp: (desk: Desk) => Desk = (desk) => desk): string {
    const desk = setUp(createDesk(createFakeTransport({ status: 'disconnected', retryAt: 0 }).transport));
    const i18n = i18next.createInstance();
    void i18n.use(initReactI18next).init({ lng: 'tr', fallbackLng: 'tr', resources, initAsync: false, interpolation: { escapeValue: false } });
    return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(DeskProvider, { desk, children: element })));
  }
  const openCase = (confidential: boolean, role: 'operator' | 'team-lead') => (desk: Desk): Desk => ({
    ...desk,
    host: createHostStore({ ...initialHostState, role }),
    detail: {
      ...desk.detail,
      store: createStore<CaseDetailState>()(() => ({
        ...initialDetailState,
        openId: 9,
        data: { case: aCase({ id: 9, confidential }), history: [], attachments: [], call: null },
      })),
    },
  });

  it('the case detail has a "Not ekle" form with its counter', () => {
    const html = render(createElement(CaseDetail), openCase(false, 'operator'));
    expect(html).toContain('data-testid="case-note-input"');
    expect(html).toMatch(/<h3 id="case-note-title">Not ekle<\/h3>/);
    expect(html).toContain(`0 / ${NOTE_MAX} karakter`);
  });

  it('a confidential case says who may note it instead of offering the form, unless the user is a team lead', () => {
    const operator = render(createElement(CaseDetail), openCase(true, 'operator'));
    expect(operator).not.toContain('case-note-input');
    expect(operator).toContain('Gizli başvuruya yalnızca takım lideri not ekleyebilir.');
    expect(render(createElement(CaseDetail), openCase(true, 'team-lead'))).toContain('case-note-input');
  });

  it('the case form offers a Turkish file button, and lists chosen files with size and a remove button', () => {
    expect(render(createElement(CaseForm))).toContain('Dosya seç…');
    const form = createCaseFormStore();
    const chosen = pick(initialPending, photo('çukur.jpg', 1536), photo('rapor.docx', 10, 'application/msword'));
    const html = render(createElement(PendingAttachments, { form, store: createPendingAttachments(chosen) }));
    expect(html).toContain('Ekler (1)');
    expect(html).toContain('çukur.jpg');
    expect(html).toContain('1,5 KB');
    expect(html).toContain('aria-label="çukur.jpg dosyasını kaldır"');
    expect(html).toContain('rapor.docx eklenemedi: yalnızca JPEG, PNG, WebP, PDF dosyaları kabul edilir.');
  });

  it('after the save: how many were added to which case, and what to do about a refused one', () => {
    const form = createCaseFormStore();
    const sent = { ...initialPending, sent: { applicationNo: '2026-0000042-3', added: ['çukur.jpg'], failed: [{ name: 'sahte.pdf', problem: 'type' as const }] } };
    const html = render(createElement(PendingAttachments, { form, store: createPendingAttachments(sent) }));
    expect(html).toContain('1 dosya 2026-0000042-3 başvurusuna eklendi.');
    expect(html).toContain('sahte.pdf eklenemedi');
    expect(html).toContain('Başvuru 2026-0000042-3 kaydedildi; dosyayı başvuru ayrıntısından yeniden ekleyebilirsiniz.');
  });

  it('has Turkish and English text for every note problem', () => {
    const tr = flattenLocale(resources.tr.translation);
    const en = flattenLocale(resources.en.translation);
    for (const problem of NOTE_PROBLEMS) {
      expect(tr.has(`caseNote.problem.${problem}`), problem).toBe(true);
      expect(en.has(`caseNote.problem.${problem}`), problem).toBe(true);
    }
  });
});
