import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser (these machines have no internet).
export default defineConfig({
  testDir: '.',
  testMatch: '*.e2e.ts',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  reporter: [['list']],
  use: {
    headless: true,
    locale: 'tr-TR',
    timezoneId: 'Europe/Istanbul',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
        // Date fields laid out in the page's language (dd.mm.yyyy under <html lang="tr">), as the
        // Electron shell asks for (main/shell/electron.main.ts).
        '--enable-blink-features=LangAttributeAwareFormControlUI',
        // Softphone and SIP peer pages: grant the microphone without a prompt, and a fake device (a beep) as its source.
        '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'],
    },
    trace: 'off',
  },
  // Every screen at the size the suite was written at, and at 1366×768, the most common
  // call-center monitor (issue 18). What does not depend on the window runs once: sipPeer (SIP
  // pages with no desk UI), sync (the desk's queue of changes against a server going down and
  // up; its screens are the ones the other specs show at both sizes), and a test that fixes its
  // own size, named "at W×H" (test.use viewport): in the project of that size, else in 1280.
  projects: [
    { name: '1280', use: { viewport: { width: 1280, height: 720 } }, grepInvert: /\bat 1366×768\b/ },
    {
      name: '1366',
      use: { viewport: { width: 1366, height: 768 } },
      testIgnore: ['sipPeer.e2e.ts', 'sync.e2e.ts'],
      grepInvert: /\bat (?!1366×768)\d{3,4}×\d{3,4}\b/,
    },
  ],
});
