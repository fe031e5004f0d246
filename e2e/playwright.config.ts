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
        // Softphone and SIP peer pages: grant the microphone without a prompt, and a fake device (a beep) as its source.
        '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'],
    },
    trace: 'off',
  },
});
