import { defineConfig } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './e2e/fixtures/paths'

/**
 * End-to-end tests. `browser`: the writing window served by `inkpost serve` and driven in Debian
 * Chromium, one fresh copy of the sample site per test. `electron`: the same flows in the desktop
 * shell; those specs skip with a printed notice when no Electron binary is installed.
 * `scripts/test.mjs` sets PLAYWRIGHT_JSON_OUTPUT_NAME so its summary can count the results.
 */
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e-artifacts',
  globalSetup: './e2e/fixtures/global-setup.ts',
  // two cores: one worker keeps the server, the browser and the parser worker from starving each other
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? 'test-results/e2e.json' }],
  ],
  use: {
    screenshot: 'only-on-failure',
    trace: 'off',
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
  },
  projects: [
    {
      name: 'browser',
      testMatch: 'browser/**/*.spec.ts',
      use: {
        browserName: 'chromium',
        viewport: { width: 1440, height: 900 },
        locale: 'ko-KR',
        colorScheme: 'light',
        launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
      },
    },
    {
      name: 'electron',
      testMatch: 'electron/**/*.spec.ts',
    },
  ],
})
