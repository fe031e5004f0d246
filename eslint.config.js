import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import folderBoundaries from './.eslint/rules/folder-boundaries.js';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { local: { rules: { 'folder-boundaries': folderBoundaries } } },
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', window: 'readonly', document: 'readonly' } },
    rules: {
      'local/folder-boundaries': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Control characters are matched on purpose: hostile text is refused by the schemas.
      'no-control-regex': 'off',
    },
  },
);
