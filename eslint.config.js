import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'action/dist/**', 'node_modules/**', 'test/fixtures/**', 'test/**/generated/**', '.notion-schema/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // CommonJS on purpose: the bin (V8's code cache needs a script, not a module) and the bundle's shim.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', __dirname: 'readonly', __filename: 'readonly', Buffer: 'readonly', module: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/diff/**', 'src/plan/**', 'src/codegen/**', 'src/wire/**', 'src/render/**', 'src/migrate/core/**'],
    ignores: ['src/codegen/runtime.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['node:fs', 'fs', 'node:fs/promises', 'undici', 'picocolors', 'node:child_process', 'node:http'],
        patterns: ['**/notion/**', '**/cli/**', '**/apply/**', '**/emulator/**', '**/pipeline/**', '**/action/**'],
      }],
    },
  },
  {
    // Notion paths have one home: src/wire/paths.ts (the emulator serves them; the client checks the prefix).
    files: ['src/**'],
    ignores: ['src/wire/**', 'src/emulator/**', 'src/notion/client.ts'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: 'Literal[value=/^\\/v1\\//]', message: 'Notion paths live in src/wire/paths.ts' },
        { selector: 'TemplateElement[value.raw=/^\\/v1\\//]', message: 'Notion paths live in src/wire/paths.ts' },
      ],
    },
  },
  {
    // The model is types only and imports nothing outside itself.
    files: ['src/model/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!\\./)', message: 'src/model/ imports nothing outside itself' }] }],
    },
  },
);
