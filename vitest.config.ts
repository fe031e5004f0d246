import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{core,telephony,db,sync,server,main,renderer,scripts,.eslint}/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
