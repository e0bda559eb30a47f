// Browser mode: publishing. The problems panel shows the pre-publish checks live while typing (click
// to jump, quick fix), the status bar counts them and says when saved frontmatter is invalid, the
// Export dialog builds the same bundle as `inkpost export`, and a site-cache entry opens as a post.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { caretToEnd, editorContent, expect, expectSaveState, openApp, openPost, saveScreenshot, test, typeText } from '../fixtures/app-page'
import { REPO_ROOT, SAMPLE_POST } from '../fixtures/paths'

test('the problems panel follows typing: a missing image and a broken link appear with their line, a click jumps there', async ({ page, inkpost }) => {
  await openApp(page, inkpost)
  await openPost(page, SAMPLE_POST)
  const counter = page.getByTestId('status-problems')
  await expect(counter).toBeVisible()
  await counter.click()
  const panel = page.getByTestId('problems-panel')
  await expect(panel).toBeVisible()
  await expect(panel.locator('[data-testid="problem"][data-severity="error"]')).toHaveCount(0)

  await caretToEnd(page)
  await typeText(page, '\n![gone](/images/blogImg/nope.png)\n\n[next post](/blog/does-not-exist)\n')
  const missing = panel.locator('[data-testid="problem"][data-rule="missing-image"]')
  await expect(missing).toContainText('/images/blogImg/nope.png')
  await expect(panel.locator('[data-testid="problem"][data-rule="broken-link"]')).toContainText('/blog/does-not-exist')
  await expect(counter).toContainText('✖ 2')
  // marked in the text too: the broken link gets a lint squiggle and a gutter mark (the image has its own mark)
  await expect(editorContent(page).locator('.cm-lintRange-error')).toContainText('/blog/does-not-exist')
  await expect(page.getByTestId('editor').locator('.cm-lint-marker-error')).toHaveCount(1)
  await expect(editorContent(page).getByTestId('broken-image')).toHaveText('/images/blogImg/nope.png')
  await saveScreenshot(page, 'problems-panel')

  await editorContent(page).press('Control+Home')
  await missing.locator('.problem__jump').click()
  await expect(page.getByTestId('status-cursor')).toContainText(/Ln \d{3}/)
  const selected = await page.evaluate(() => getSelection()?.toString() ?? '')
  expect(selected).toContain('/images/blogImg/nope.png')
})

test('invalid YAML is saved but the status bar says the site build will fail; fixing it clears the error', async ({ page, inkpost }) => {
  await openApp(page, inkpost)
  await openPost(page, SAMPLE_POST)
  await editorContent(page).locator('.cm-line', { hasText: 'draft: false' }).click()
  await page.keyboard.press('End')
  await page.keyboard.insertText(': : [')
  await expectSaveState(page, 'saved')
  await expect(page.getByTestId('status-save')).toHaveText(/Saved — frontmatter invalid, the site build will fail/)
  expect(inkpost.readPost(SAMPLE_POST)).toContain('draft: false: : [')
  for (let i = 0; i < 5; i++) await page.keyboard.press('Backspace')
  await expectSaveState(page, 'saved')
  await expect(page.getByTestId('status-save')).toHaveText('Saved')
})

test('the Export dialog checks the post and produces the same bundle as the CLI: the post, its 4 images, the cache entry, the preview and the manifest', async ({ page, inkpost }) => {
  await openApp(page, inkpost)
  await openPost(page, SAMPLE_POST)
  await page.getByTestId('toolbar-export').click()
  const dialog = page.getByTestId('export-dialog')
  await expect(dialog.getByTestId('export-findings').or(dialog.getByTestId('export-clean'))).toBeVisible()
  const out = join(tmpdir(), `inkpost-e2e-export-${Date.now()}.zip`)
  await dialog.getByTestId('export-out').fill(out)
  await dialog.getByTestId('export-run').click()
  await expect(dialog.getByTestId('export-result')).toBeVisible()
  await expect(dialog.getByTestId('export-out-path')).toHaveText(out)
  await saveScreenshot(page, 'export-dialog')
  const entries = Object.keys(unzipSync(readFileSync(out))).sort()
  expect(entries).toEqual([
    '.nuxt/content-cache/parsed/content/blog/2024-01-16-llama2.md.json',
    'content/blog/2024-01-16-llama2.md',
    'manifest.json',
    'preview/index.html',
    'public/images/blogImg/2024-01-16-1.png',
    'public/images/blogImg/2024-01-16-2.png',
    'public/images/blogImg/2024-01-16-3.png',
    'public/images/blogImg/2024-01-16-4.png',
  ])
  const files = unzipSync(readFileSync(out))
  const expected = JSON.parse(readFileSync(join(REPO_ROOT, 'tests/fixtures/expected/2024-01-16-llama2.md.json'), 'utf8')).parsed
  const cached = JSON.parse(new TextDecoder().decode(files['.nuxt/content-cache/parsed/content/blog/2024-01-16-llama2.md.json']))
  expect(JSON.stringify(cached.parsed)).toBe(JSON.stringify(expected))
  expect(new TextDecoder().decode(files['content/blog/2024-01-16-llama2.md'])).toBe(inkpost.readPost(SAMPLE_POST))

  // without a place the bundle goes to the app's exports folder and is offered as a download
  await dialog.getByTestId('export-out').fill('')
  await dialog.getByTestId('export-run').click()
  const link = dialog.getByTestId('export-download')
  await expect(link).toBeVisible()
  const download = await Promise.all([page.waitForEvent('download'), link.click()]).then(([d]) => d)
  const saved = join(tmpdir(), `inkpost-e2e-download-${Date.now()}.zip`)
  await download.saveAs(saved)
  expect(Object.keys(unzipSync(readFileSync(saved))).sort()).toEqual(entries)
})

test('a site-cache entry opens as a new post whose preview matches the original', async ({ page, inkpost }) => {
  const entry = join(tmpdir(), `inkpost-e2e-cache-${Date.now()}.json`)
  writeFileSync(entry, readFileSync(join(REPO_ROOT, 'tests/fixtures/expected/2024-01-16-llama2.md.json')))
  await openApp(page, inkpost)
  await page.getByTestId('toolbar-import-cache').click()
  const dialog = page.getByTestId('import-cache-dialog')
  await dialog.getByTestId('import-cache-file').setInputFiles(entry)
  await dialog.getByTestId('import-cache-name').fill('blog/restored-llama2.md')
  await dialog.getByTestId('import-cache-create').click()
  await expect(page.locator('[data-testid="library-item"][data-file="blog/restored-llama2.md"]')).toHaveAttribute('aria-selected', 'true')
  expect(existsSync(inkpost.postPath('blog/restored-llama2.md'))).toBe(true)
  await expect(page.getByTestId('preview').locator('h1').first()).toContainText('LLaMA 2 Open Foundation')
  await expect(page.getByTestId('preview').locator('img[src$="/images/blogImg/2024-01-16-4.png"]')).toBeVisible()
})

test('renaming a post to a Korean name gives it a Latin slug, so its URL path is not the blog index, and says the URL changes', async ({ page, inkpost }) => {
  await openApp(page, inkpost)
  await openPost(page, SAMPLE_POST)
  await page.locator(`[data-testid="library-item"][data-file="${SAMPLE_POST}"]`).getByTestId('library-item-menu').click()
  await page.getByTestId('post-rename').click()
  // Nuxt Content 2 drops non-Latin characters from paths (blog/두번째-글.md would get /blog): the slug is transliterated
  await page.getByTestId('rename-slug').fill('두번째-글')
  await expect(page.getByTestId('rename-file')).toHaveText('blog/2024-01-16-dubeonjjae-geul.md')
  await expect(page.getByTestId('rename-url')).toHaveText('/blog/2024-01-16-dubeonjjae-geul')
  await expect(page.getByTestId('rename-url-warning')).toHaveCount(0)
  await expect(page.getByTestId('rename-url-change')).toContainText('/blog/2024-01-16-llama2')
  await page.getByTestId('confirm-ok').click()
  await expect(page.locator('.toast', { hasText: 'The site URL changed' })).toBeVisible()
})
