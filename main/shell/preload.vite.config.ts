import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Sandboxed preloads cannot require our modules, so the preload and the contract it derives
// its functions from are bundled into one CommonJS file.
export default defineConfig({
  build: {
    outDir: fileURLToPath(new URL('../../dist/main/shell/', import.meta.url)),
    emptyOutDir: false,
    minify: false,
    lib: {
      entry: fileURLToPath(new URL('./preload.ts', import.meta.url)),
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    rollupOptions: { external: ['electron'] },
  },
});
