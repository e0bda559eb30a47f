// Playwright fixture for the desktop app: launches the built Electron app (dist/electron/main.cjs
// via `electron .`) with Playwright's `_electron`, on a fresh copy of the sample site
// (`--site <copy>`) and its own data folder (INKPOST_USER_DATA_DIR), and hands the spec the app's
// window as a Page. Without an Electron binary (it cannot be downloaded in some CI boxes) every
// spec skips with a printed notice, so the run stays green and says why.
import { _electron as electron, test as base, expect, type ElectronApplication, type Page } from '@playwright/test'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { REPO_ROOT } from '../fixtures/paths'
import { createSiteCopy, type SiteCopy } from '../fixtures/site-copy'

const require = createRequire(import.meta.url)

/** Where the Electron binary is, or why it cannot be used. */
export function findElectron(): { executable: string } | { missing: string } {
  let pkgDir: string
  try {
    pkgDir = dirname(require.resolve('electron/package.json'))
  } catch {
    return { missing: 'the electron npm package is not installed' }
  }
  // resolved like the electron package does: path.txt names the binary in dist/, or ELECTRON_OVERRIDE_DIST_PATH
  const pathFile = join(pkgDir, 'path.txt')
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  if (!name && !override) return { missing: `no Electron binary installed (${pathFile} is missing; run \`node node_modules/electron/install.js\` on Node >= 22.12 with network access)` }
  const executable = override ? join(override, name || 'electron') : join(pkgDir, 'dist', name!)
  if (!existsSync(executable)) return { missing: `the Electron binary ${executable} is missing` }
  return { executable }
}

const announced = new Set<string>()

/**
 * Skips every test of the calling spec file, with a printed notice, when no Electron binary is
 * installed. Call at the top of each Electron spec file.
 */
export function skipWithoutElectron(specFile: string): void {
  const found = findElectron()
  const reason = 'missing' in found ? `Electron e2e skipped: ${found.missing}` : null
  if (reason && !announced.has(specFile)) {
    announced.add(specFile)
    console.log(`NOTICE ${specFile}: ${reason}`)
  }
  test.skip(reason !== null, reason ?? '')
}

/** What an Electron spec gets: the running app, its window, and its private site copy. */
export interface DesktopApp extends Omit<SiteCopy, 'remove'> {
  app: ElectronApplication
  /** The app window. */
  page: Page
}

/** `test` with a `desktop` fixture: a fresh sample-site copy and a running app, per test. */
export const test = base.extend<{ desktop: DesktopApp }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a destructured object
  desktop: async ({}, use, testInfo) => {
    const found = findElectron()
    if ('missing' in found) throw new Error(found.missing)
    for (const built of ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html']) {
      if (!existsSync(join(REPO_ROOT, built))) throw new Error(`${built} is missing: run \`node scripts/build.mjs\``)
    }
    const site = createSiteCopy('inkpost-electron-e2e-')
    const { siteDir, dataDir } = site
    const app = await electron.launch({
      executablePath: found.executable,
      args: [REPO_ROOT, '--site', siteDir, ...(process.platform === 'linux' ? ['--no-sandbox', '--disable-gpu'] : [])],
      cwd: REPO_ROOT,
      env: { ...process.env, INKPOST_USER_DATA_DIR: dataDir, ELECTRON_DISABLE_SECURITY_WARNINGS: 'true' },
      timeout: 30_000,
    })
    const logs: string[] = []
    app.process().stdout?.on('data', (chunk: Buffer) => logs.push(chunk.toString()))
    app.process().stderr?.on('data', (chunk: Buffer) => logs.push(chunk.toString()))
    const page = await app.firstWindow()
    await page.setViewportSize({ width: 1440, height: 900 }).catch(() => undefined)
    try {
      await use({ app, page, siteDir, dataDir, postPath: site.postPath, readPost: site.readPost, writePost: site.writePost })
    } finally {
      await app.close().catch(() => undefined)
      if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('electron.log', { body: logs.join(''), contentType: 'text/plain' })
      site.remove()
    }
  },
})

/** Waits until the desktop window shows the writing window with its library. */
export async function waitForWindow(page: Page): Promise<void> {
  await expect(page.getByTestId('app')).toBeVisible({ timeout: 20_000 })
  await expect(page.getByTestId('library')).toBeVisible()
}

export { expect }
