import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDesk, type DeskProcess } from './support/deskProcess.js';

let dataDir: string;
let desk: DeskProcess | null = null;

test.beforeEach(async ({ page }) => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-'));
  // No calls: the operator records cases by hand (a walk-in, a petition).
  desk = await startDesk({ DESK_DATA_DIR: dataDir, DESK_SIM_CALL_INTERVAL_MS: '0' });
  await page.goto(desk.url);
  await expect(page.getByTestId('case-form')).toBeVisible();
});
test.afterEach(async () => {
  await desk?.stop('SIGKILL');
  desk = null;
  rmSync(dataDir, { recursive: true, force: true });
});

const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

async function fillCase(page: Page, subject: string, description: string) {
  await page.getByTestId('case-subject').fill(subject);
  await page.getByTestId('case-description').fill(description);
}

async function forward(page: Page): Promise<string> {
  await page.getByTestId('case-forward').click();
  const applicationNo = (await page.getByTestId('case-number').textContent())!.trim();
  expect(applicationNo).toMatch(/^([A-Z][A-Z0-9]{0,7}-)?\d{4}-\d{7}-\d$/);
  return applicationNo;
}

async function openCase(page: Page, applicationNo: string) {
  await page.getByTestId('case-row').filter({ has: page.getByRole('gridcell', { name: applicationNo, exact: true }) }).click();
  await expect(page.getByTestId('case-detail')).toBeVisible();
  await expect(page.getByRole('heading', { name: applicationNo, exact: true })).toBeVisible();
}

/** Opens the case form's file button through the system's dialog, as an operator does, and picks `files`. */
async function chooseFiles(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[], button = 'Dosya seç…') {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: button }).click();
  await (await chooser).setFiles(files);
}

test('a note added from the case detail shows in its history, with Turkish errors for an empty one', async ({ page }) => {
  await fillCase(page, 'Park bankı kırık', 'Moda Parkı girişindeki bank kırılmış, çocuklar için tehlikeli.');
  const applicationNo = await forward(page);
  await openCase(page, applicationNo);

  const note = page.getByTestId('case-note-input');
  await page.getByRole('button', { name: 'Not ekle' }).click();
  await expect(page.getByTestId('case-note-error')).toHaveText('Not boş olamaz; eklemek istediğiniz bilgiyi yazın.');

  const text = 'Park ve Bahçeler aradı: bank yarın sabah değiştirilecek.';
  await note.fill(text);
  await expect(page.getByTestId('case-note-error')).toBeHidden();
  await expect(page.getByTestId('case-note-count')).toHaveText(`${text.length} / 4000 karakter`);
  await page.getByRole('button', { name: 'Not ekle' }).click();

  const noted = page.getByTestId('case-history-entry').filter({ hasText: text });
  await expect(noted).toHaveCount(1);
  await expect(noted).toHaveAttribute('data-kind', 'note');
  await expect(page.getByTestId('case-note-added')).toHaveText('Not eklendi; tarihçede görünüyor.');
  await expect(note).toHaveValue('');

  // The note stays with the case: it is there when the case is opened again.
  await page.getByTestId('case-detail-close').click();
  await openCase(page, applicationNo);
  await expect(page.getByTestId('case-history-entry').filter({ hasText: text })).toHaveCount(1);
});

test('files chosen before saving are listed, a wrong one is refused, and the saved case has them', async ({ page }) => {
  await fillCase(page, 'Yol çökmesi', 'Moda Caddesi 12 önünde yol çöktü; fotoğrafı vatandaş getirdi.');

  await chooseFiles(page, [
    { name: 'çukur.png', mimeType: 'image/png', buffer: png },
    { name: 'fazladan.png', mimeType: 'image/png', buffer: Buffer.concat([png, Buffer.from([0])]) },
  ]);
  const pending = page.getByTestId('pending-attachment');
  await expect(pending).toHaveCount(2);
  await expect(pending.first()).toContainText('çukur.png');
  await expect(pending.first()).toContainText(`${png.length} B`);
  await page.getByRole('button', { name: 'fazladan.png dosyasını kaldır' }).click();
  await expect(pending).toHaveCount(1);

  await chooseFiles(page, [{ name: 'tutanak.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from('PK\x03\x04') }]);
  await expect(page.getByTestId('pending-attachment-error')).toHaveText('tutanak.docx eklenemedi: yalnızca JPEG, PNG, WebP, PDF dosyaları kabul edilir.');
  await expect(pending).toHaveCount(1);

  const applicationNo = await forward(page);
  await expect(page.getByTestId('pending-attachments-added')).toHaveText(`1 dosya ${applicationNo} başvurusuna eklendi.`);
  await expect(pending).toHaveCount(0);

  await openCase(page, applicationNo);
  const attached = page.getByTestId('case-attachment');
  await expect(attached).toHaveCount(1);
  await expect(attached).toContainText('çukur.png');
  await expect(page.getByTestId('case-history-entry').filter({ hasText: 'Ek eklendi: çukur.png' })).toHaveCount(1);

  // And one more from the saved case's detail, through the desk's own Turkish button.
  await chooseFiles(page, [{ name: 'ikinci.png', mimeType: 'image/png', buffer: png }], 'Fotoğraf ya da dosya ekle');
  await expect(attached).toHaveCount(2);
  await expect(attached.nth(1)).toContainText('ikinci.png');
});
