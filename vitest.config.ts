import { defineConfig } from 'vitest/config'

/** Unit and integration tests: shared parser goldens, services, hosts, Electron wiring (fake electron), renderer logic. */
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
})
