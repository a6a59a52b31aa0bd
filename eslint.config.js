// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'events', 'stream', 'url', 'util', 'worker_threads'];

/** Folder boundaries (see docs/ARCHITECTURE.md): which layer may import which. */
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'data/**', 'test-results/**', 'playwright-report/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // `import { type A }` stays in the output as `import {}` (verbatimModuleSyntax): a real import, which the
      // cycle check below would wrongly take for type-only.
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  {
    // No import cycles in product code: a module in a cycle can run before what it imports has finished
    // loading, and a cycle joins folders that should stand apart. Type-only imports (`import type`, or every
    // specifier `type`) are erased at build time and may form cycles; no-cycle leaves them out by design.
    files: ['shared/**/*.ts', 'server/**/*.ts', 'renderer/**/*.{ts,tsx}', 'electron/**/*.ts'],
    ignores: ['**/*.test.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      ...restrict([
        { group: nodeBuiltins, message: 'shared/ runs in every runtime: no Node APIs.' },
        { group: ['electron', 'electron/*'], message: 'shared/ may not import Electron.' },
        { group: ['dexie', 'react', 'react-dom', 'better-sqlite3', 'pg', 'fastify', 'kysely'], message: 'shared/ holds pure code: no I/O or UI libraries.' },
        { group: ['**/server/**', '**/renderer/**', '**/electron/**'], message: 'shared/ imports nothing from the other folders.' },
      ]),
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'indexedDB', 'navigator', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict([
        { group: nodeBuiltins, message: 'renderer/ runs in a sandboxed page: no Node APIs.' },
        { group: ['electron', 'electron/*'], message: 'renderer/ reaches the main process only through the preload bridge.' },
        { group: ['**/server/**', '**/electron/**'], message: 'renderer/ may import shared/ only.' },
      ]),
    },
  },
  {
    files: ['server/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: restrict([{ group: ['**/renderer/**', '**/electron/**', 'electron'], message: 'server/ may import shared/ only.' }]),
  },
  {
    files: ['electron/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: restrict([{ group: ['**/renderer/**', '**/server/**'], message: 'electron/ may import shared/ only.' }]),
  },
  {
    files: ['tests/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts', '*.config.{ts,js}', '**/*.test.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Runs inside the browser page under test, never in Node (see tests/e2e/support/inPageProbes.ts).
    files: ['tests/e2e/inPage/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Tools read their configuration from a default export.
    files: ['*.config.{ts,js}'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
