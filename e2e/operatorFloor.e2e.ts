import { expect, test, type Page } from '@playwright/test';
import { startDesk } from './support/deskProcess.js';
import { deskPerTest } from './support/deskPerTest.js';

// Issue 18, the operator's floor: what the last caller left on screen, a draft saved under the
// wrong caller, the names and keys of the form, and the desk at 1366×768.
const run = deskPerTest('SIGKILL');

const HATICE = '905551234567';
const MEHMET = '905559876543';

/** Short calls, so the next one comes within seconds (after the 10 s wrap-up). */
const deskEnv = (callers: string) => ({
  DESK_DATA_DIR: run.dataDir,
  DESK_SIM_CALLERS: callers,
  DESK_SIM_CALL_INTERVAL_MS: '1500',
  DESK_SIM_AUTO_ANSWER_MS: '1000',
  DESK_SIM_TALK_MS: '4000',
});

/** A number as stored (905551234567) matched however the screen writes it (0555 123 45 67 too). */
const shownAs = (number: string) => new RegExp(number.slice(2).split('').join('\\s*'));

async function nextCallFrom(page: Page, number: string) {
  await expect(page.getByTestId('screen-pop-caller')).toHaveText(shownAs(number), { timeout: 45_000 });
}

async function writeCase(page: Page, subject: string, description: string) {
  await page.getByTestId('case-subject').fill(subject);
  await page.getByTestId('case-description').fill(description);
}

test('the last citizen\'s number and code leave the screen when the next call pops; a draft left from another call asks, with both numbers, before it is saved', async ({ page }) => {
  run.desk = await startDesk(deskEnv(`${HATICE}:Hatice Güneş,${MEHMET}:Mehmet Kaya`));
  await page.goto(run.desk.url);
  await expect(page.getByTestId('screen-pop')).toBeVisible({ timeout: 30_000 });
  const first = shownAs(HATICE).test((await page.getByTestId('screen-pop-caller').textContent()) ?? '') ? HATICE : MEHMET;
  const second = first === HATICE ? MEHMET : HATICE;

  await writeCase(page, 'Kaldırım çökmesi', 'Işıklı Sokak 4 önündeki kaldırım çöktü, yayalar yola iniyor.');
  await page.getByTestId('case-description').press('Control+Enter');
  await expect(page.getByTestId('case-security-code')).toHaveText(/^[A-Z2-9]{8}$/);
  const firstCase = (await page.getByTestId('case-number').textContent())!.trim();

  // The operator scrolls the call column down to the saved notice and the form's last fields; the
  // next call is still seen from its top, its number in view.
  const column = page.locator('.column--call');
  await column.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect.poll(() => column.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  await expect(page.getByTestId('screen-pop-caller')).not.toBeInViewport();

  // The next citizen's call: the previous one's number and security code are gone from the form.
  await nextCallFrom(page, second);
  await expect(page.getByTestId('screen-pop-caller')).toBeInViewport();
  await expect(page.getByTestId('case-saved')).toHaveCount(0);
  await expect(page.getByTestId('case-form')).not.toContainText(firstCase);

  // The operator writes for this caller, and the call after it (the first citizen again) pops
  // before the draft is saved.
  const subject = `Park bankı kırık ${Date.now()}`;
  await writeCase(page, subject, 'Çınar Parkı girişindeki bank kırık.');
  await nextCallFrom(page, first);
  await expect(page.getByTestId('case-binding-warning')).toBeVisible();

  // The save shortcut asks first, showing whose number the draft holds and who is calling now.
  await page.getByTestId('case-description').press('Control+Enter');
  const ask = page.getByTestId('stale-draft-confirm');
  await expect(ask).toBeVisible();
  await expect(ask.getByTestId('stale-draft-number')).toHaveText(shownAs(second));
  await expect(ask.getByTestId('stale-caller-number')).toHaveText(shownAs(first));
  await expect(ask.getByTestId('stale-draft-cancel')).toBeFocused();
  // Esc: nothing saved, the text still there, the caret back in the description.
  await page.keyboard.press('Escape');
  await expect(ask).toHaveCount(0);
  await expect(page.getByTestId('case-saved')).toHaveCount(0);
  await expect(page.getByTestId('case-subject')).toHaveValue(subject);
  await expect(page.getByTestId('case-description')).toBeFocused();

  // The button asks too; the shortcut pressed again in the question saves, under the draft's number.
  await page.getByTestId('case-forward').click();
  await expect(ask).toBeVisible();
  await page.keyboard.press('Control+Shift+Enter');
  await expect(page.getByTestId('case-saved')).toBeVisible();
  const row = page.getByTestId('case-row').filter({ hasText: subject });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(shownAs(second));
});

test('"Temizle" can be taken back for a few seconds; Enter in the subject takes the first suggestion; hang-up and dismiss have different names', async ({ page }) => {
  run.desk = await startDesk({ ...deskEnv(`${HATICE}:Hatice Güneş`), DESK_SIM_TALK_MS: '12000' });
  await page.goto(run.desk.url);
  await nextCallFrom(page, HATICE);
  // The red button ends the call on the line...
  await expect(page.getByTestId('hangup-button')).toHaveText(/Çağrıyı sonlandır/);

  // Enter without ↓: the first suggestion is taken, and the caret moves on to the description.
  const subject = page.getByTestId('case-subject');
  await subject.focus();
  await page.keyboard.type('su kesin');
  await page.keyboard.press('Enter');
  await expect(subject).not.toHaveAttribute('data-subject-code', '');
  await expect(page.getByTestId('case-subject-path')).toBeVisible();
  await expect(page.getByTestId('case-description')).toBeFocused();
  await page.keyboard.type('Su ne zaman gelecek diye sordu.');
  const chosen = await subject.inputValue();

  // Temizle empties the form at once, and "Geri al" brings the draft back.
  await page.getByTestId('case-clear').click();
  await expect(subject).toHaveValue('');
  const undo = page.getByTestId('clear-undo');
  await expect(undo).toContainText('Taslak silindi');
  await undo.getByRole('button', { name: 'Geri al' }).click();
  await expect(subject).toHaveValue(chosen);
  await expect(page.getByTestId('case-description')).toHaveValue('Su ne zaman gelecek diye sordu.');
  await expect(undo).toHaveCount(0);
  // Cleared again and left alone: the offer goes after a few seconds.
  await page.getByTestId('case-clear').click();
  await expect(undo).toBeVisible();
  await expect(undo).toHaveCount(0, { timeout: 15_000 });
  await expect(subject).toHaveValue('');

  // ...the grey one, once the call has ended, only closes its card: no button says "Çağrıyı kapat".
  await expect(page.getByTestId('screen-pop-dismiss')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('screen-pop-dismiss')).toHaveText('Çağrı kartını kapat');
  await expect(page.getByRole('button', { name: 'Çağrıyı kapat' })).toHaveCount(0);
});

/** Horizontal overflow of the pop, the call column and the form, in CSS pixels (0: none). */
const sidewaysOverflow = (page: Page) =>
  page.evaluate(() =>
    ['[data-testid="screen-pop"]', '.column--call', '[data-testid="case-form"]', 'html'].map((selector) => {
      const el = document.querySelector(selector)!;
      return { selector, over: el.scrollWidth - el.clientWidth };
    }),
  );

test.describe('at 1366×768', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test('a repeat caller\'s pop and the form fit: no sideways scroll, "Bu başvuruya ekle" in full, the form\'s first field and the list\'s time column in view', async ({ page }) => {
    // Calls long enough to measure the pop while connected, its fullest (the hang-up button shows).
    run.desk = await startDesk({ ...deskEnv(`${HATICE}:Hatice Güneş`), DESK_SIM_TALK_MS: '25000' });
    await page.goto(run.desk.url);
    await nextCallFrom(page, HATICE);
    await writeCase(page, 'Kaldırım çökmesi', 'Işıklı Sokak 4 önündeki kaldırım çöktü.');
    await page.getByTestId('case-forward').click();
    await expect(page.getByTestId('case-number')).toBeVisible();

    // The same citizen calls again: the pop flags it with the case to add to.
    await expect(page.getByTestId('repeat-call-flag')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('screen-pop')).toHaveAttribute('data-phase', 'connected');
    for (const size of [{ width: 1366, height: 768 }, { width: 1280, height: 720 }, { width: 1600, height: 900 }]) {
      await page.setViewportSize(size);
      await page.screenshot({ path: test.info().outputPath(`desk-${size.width}x${size.height}.png`) });
      await expect(page.getByTestId('repeat-add-note').first(), `${size.width}×${size.height}`).toBeInViewport({ ratio: 1 });
      for (const { selector, over } of await sidewaysOverflow(page)) expect(over, `${selector} at ${size.width}×${size.height}`).toBeLessThanOrEqual(0);
    }
    await page.setViewportSize({ width: 1366, height: 768 });
    await expect(page.getByTestId('repeat-add-note').first()).toBeInViewport({ ratio: 1 });
    await expect(page.getByTestId('case-subject')).toBeInViewport({ ratio: 1 });
    await expect(page.locator('.case-grid--head .col--time')).toBeVisible();
    await expect(page.getByTestId('case-row').first().locator('.col--time')).toBeVisible();
  });
});
