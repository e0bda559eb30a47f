// Lint: TypeScript rules plus the import boundaries of the design card —
// electron/ and renderer/ never import each other; shared/ imports neither (nor node:*, electron).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

const nodeBuiltins = ['node:*', 'fs', 'fs/promises', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'url', 'stream', 'util', 'events', 'buffer', 'worker_threads']
// exact module names (a gitignore-style `group` entry like 'events' would also match '../services/events')
const nodeOrElectron = `^(electron|node:.*|${nodeBuiltins.filter((n) => n !== 'node:*').join('|')})$`

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'tests/fixtures/**', 'assets/sample-site/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ must not import from electron/ or renderer/.' },
        { regex: nodeOrElectron, message: 'shared/ runs in the browser too: no Node or Electron modules.' },
      ] }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**', 'react', 'react-dom', '@codemirror/*'], message: 'electron/ must not import renderer code.' }] }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/electron/**'], message: 'renderer/ must not import main-process code; talk to it through the shared service contract.' },
        { regex: nodeOrElectron, message: 'renderer/ is sandboxed web code: no Node or Electron modules.' },
      ] }],
    },
  },
)
