import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  // Relative asset URLs: the same build is served by Electron's app protocol and by browser mode.
  base: './',
  oxc: { jsx: { runtime: 'automatic' } },
  server: { host: '127.0.0.1' },
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // The CSP has no data: for fonts or scripts; every asset stays a separate file.
    assetsInlineLimit: 0,
    sourcemap: false,
    // Loaded from disk (Electron) or loopback (browser mode), never over a WAN: one 600 kB app
    // chunk costs nothing noticeable. JsSIP is split off and loaded only when SIP is configured.
    chunkSizeWarningLimit: 800,
    // Two pages: the desk (index.html) and the TV wallboard the central server serves at
    // /wallboard/ (tv.html, server/queueStats/wallboardPage.ts). rolldownOptions is Vite 8's name
    // for rollupOptions.
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        tv: fileURLToPath(new URL('./tv.html', import.meta.url)),
      },
      // What both pages load (React, the wallboard, styles.css…) in one chunk named for what it is,
      // not after whichever module came first.
      output: { codeSplitting: { groups: [{ name: 'shared', minShareCount: 2 }] } },
    },
  },
});
