// The publish bundle's standalone preview, as a writer opens it from disk: `inkpost export` (through
// a tiny esbuild bundle of the export command) writes the sample post's bundle from a copy of the
// sample site, and Chromium opens preview/index.html over file:// with JavaScript disabled — the
// title, the Korean text and the 4 images must all be there, loaded from the bundle, with no
// request leaving it.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import { expect, test } from '@playwright/test'
import { REPO_ROOT, SAMPLE_POST, SAMPLE_TITLE, SCREENSHOT_DIR } from '../fixtures/paths'
import { createSiteCopy, type SiteCopy } from '../fixtures/site-copy'

test.use({ javaScriptEnabled: false })

let site: SiteCopy
let bundle: string
let cli: string

test.beforeAll(async () => {
  // inside the repo, so the packages left external (sharp is native) resolve from its node_modules
  cli = join(REPO_ROOT, 'node_modules', '.cache', 'inkpost-e2e', `export-${process.pid}.mjs`)
  await build({
    stdin: {
      contents: "import { runExport } from './electron/cli/export-command'\nimport { processCliIo } from './electron/cli/cli-io'\nprocess.exitCode = await runExport(process.argv.slice(2), processCliIo())\n",
      resolveDir: REPO_ROOT,
      loader: 'ts',
    },
    bundle: true, platform: 'node', format: 'esm', outfile: cli, logLevel: 'error', external: ['fsevents', 'sharp', 'svgo'],
    banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
  })
  site = createSiteCopy('inkpost-export-e2e-')
  bundle = join(site.dataDir, 'llama2-bundle')
  const run = spawnSync(process.execPath, [cli, site.siteDir, SAMPLE_POST, '--out', bundle], { cwd: REPO_ROOT, encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`inkpost export failed (${run.status}):\n${run.stderr}${run.stdout}`)
})

test.afterAll(() => {
  site?.remove()
  if (cli) rmSync(cli, { force: true })
})

test('the exported preview opens from disk without JavaScript: title, Korean text, the 4 images', async ({ page }) => {
  const index = join(bundle, 'preview', 'index.html')
  expect(existsSync(index)).toBe(true)
  expect(readFileSync(index, 'utf8')).not.toMatch(/<script/i)
  const requests: string[] = []
  page.on('request', (request) => requests.push(request.url()))
  await page.goto(pathToFileURL(index).href)

  await expect(page).toHaveTitle(SAMPLE_TITLE)
  await expect(page.locator('h1.post-title')).toHaveText(SAMPLE_TITLE)
  await expect(page.locator('.post-meta time')).toHaveText('2024-01-16')
  await expect(page.locator('.post-tags .tag')).toHaveText(['#LLM', '#LLaMA2', '#paper review', '#NLP'])
  await expect(page.locator('.post-body')).toContainText('LLaMA2는 Transformer 기반의 LLM으로')
  await expect(page.getByRole('heading', { name: '참고자료' })).toBeVisible()

  const images = page.locator('.post-body figure img')
  await expect(images).toHaveCount(4)
  for (let i = 0; i < 4; i++) {
    const image = images.nth(i)
    await image.scrollIntoViewIfNeeded()
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { message: `image ${i + 1} loaded` }).toBeGreaterThan(0)
    expect(await image.getAttribute('src')).toBe(`../public/images/blogImg/2024-01-16-${i + 1}.png`)
  }
  // everything came from the bundle: the page, its 4 images, nothing else
  expect(requests.every((url) => url.startsWith(pathToFileURL(bundle).href + '/'))).toBe(true)
  expect(requests.filter((url) => url.endsWith('.png'))).toHaveLength(4)

  await page.evaluate(() => window.scrollTo(0, 0))
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const shot = join(SCREENSHOT_DIR, 'export-preview.png')
  await page.setViewportSize({ width: 1280, height: 1560 }) // the header, the intro and the first figure with its caption
  await page.screenshot({ path: shot, animations: 'disabled', caret: 'hide' })
  await test.info().attach('export-preview', { path: shot, contentType: 'image/png' })
})
