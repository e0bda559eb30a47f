// Browser mode: files on disk — creating a post, saving with Ctrl+S, an external change reloading
// the open post, and the conflict dialog when both sides changed. The disk is read with node:fs.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { caretToEnd, expect, expectSaveState, libraryItem, openApp, openPost, saveScreenshot, test, typeText, visibleEditorText } from '../fixtures/app-page'
import { SAMPLE_POST, SAMPLE_TITLE } from '../fixtures/paths'

/** Today as YYYY-MM-DD in local time (what a new post's date defaults to). */
function today(): string {
  const now = new Date()
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`
}

test('creating a post adds it to the library, opens it, and writes the template to disk', async ({ page, inkpost }) => {
  const blogDir = join(inkpost.siteDir, 'content', 'blog')
  const before = new Set(readdirSync(blogDir))
  await openApp(page, inkpost)
  await page.getByTestId('library-new').click()
  const dialog = page.getByTestId('new-post-dialog')
  await expect(dialog).toBeVisible()
  await dialog.getByTestId('new-post-title').fill('My First E2E Post')
  await dialog.getByTestId('new-post-create').click()
  await expect(dialog).toBeHidden()

  await expect.poll(() => readdirSync(blogDir).filter((name) => !before.has(name)), { message: 'one new file in content/blog' }).toHaveLength(1)
  const created = readdirSync(blogDir).filter((name) => !before.has(name))[0]
  expect(created).toMatch(/^\d{4}-\d{2}-\d{2}-my-first-e2e-post\.md$/)
  const file = `blog/${created}`
  const text = inkpost.readPost(file)
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text)
  expect(match, `the template starts with a frontmatter block:\n${text}`).not.toBeNull()
  const data = parseYaml(match![1]) as Record<string, unknown>
  expect(data.title).toBe('My First E2E Post')
  expect(String(data.date)).toBe(today())
  expect(created.startsWith(today())).toBe(true)

  const item = libraryItem(page, file)
  await expect(item).toContainText('My First E2E Post')
  await expect(item).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByTestId('editor')).toContainText('My First E2E Post')
  await expect(page.getByTestId('preview').getByRole('heading', { name: 'My First E2E Post' }).first()).toBeVisible()
  await expect(libraryItem(page, SAMPLE_POST)).toBeVisible()
})

test('Ctrl+S saves the edit to disk, byte for byte', async ({ page, inkpost }) => {
  const original = inkpost.readPost(SAMPLE_POST)
  await openApp(page, inkpost)
  await openPost(page, SAMPLE_POST)
  await caretToEnd(page)
  await typeText(page, '\nCtrl+S로 저장한 문장입니다.\n')
  // Ctrl+S saves at once; autosave would only send its request 1 s after the last keystroke
  const saveRequest = page.waitForRequest((request) => request.url().endsWith('/api/post.save'))
  const pressed = Date.now()
  await page.keyboard.press('Control+s')
  await saveRequest
  expect(Date.now() - pressed, 'the save request followed the key press, not the autosave timer').toBeLessThan(600)
  await expect.poll(() => inkpost.readPost(SAMPLE_POST), { message: 'the file on disk changed' }).toContain('Ctrl+S로 저장한 문장입니다.')
  expect(inkpost.readPost(SAMPLE_POST)).toBe(original + '\nCtrl+S로 저장한 문장입니다.\n')
  await expectSaveState(page, 'saved')
  await expect(page.getByTestId('external-change-banner')).toBeHidden()
  await expect(page.getByTestId('conflict-dialog')).toBeHidden()
})

test('a change on disk reloads the open, unmodified post', async ({ page, inkpost }) => {
  const original = inkpost.readPost(SAMPLE_POST)
  await openApp(page, inkpost)
  await openPost(page, SAMPLE_POST)
  await expectSaveState(page, 'saved')

  const changedTitle = 'LLaMA 2 리뷰 (다른 편집기에서 고침)'
  inkpost.writePost(SAMPLE_POST, original.replace(`title: '${SAMPLE_TITLE}'`, `title: '${changedTitle}'`) + '\n다른 편집기에서 추가한 문단입니다.\n')

  const preview = page.getByTestId('preview')
  await expect(preview.getByRole('heading', { name: changedTitle })).toBeVisible()
  await expect(preview).toContainText('다른 편집기에서 추가한 문단입니다.')
  await expect.poll(() => visibleEditorText(page)).toContain(`title: '${changedTitle}'`)
  await expect(page.getByTestId('toast').first()).toBeVisible()
  await expectSaveState(page, 'saved')
  await expect(page.getByTestId('external-change-banner')).toBeHidden()
  await expect(libraryItem(page, SAMPLE_POST)).toContainText(changedTitle)
})

test('a conflict appears when the post changed here and on disk; keep mine writes mine', async ({ page, inkpost }) => {
  const original = inkpost.readPost(SAMPLE_POST)
  await openApp(page, inkpost)
  await openPost(page, SAMPLE_POST)
  await caretToEnd(page)
  await typeText(page, '\n내 편집: MINE-1234\n')
  // someone else saves the same file right after (before autosave could run)
  inkpost.writePost(SAMPLE_POST, original + '\n다른 곳의 편집: DISK-5678\n')

  const banner = page.getByTestId('external-change-banner')
  const dialog = page.getByTestId('conflict-dialog')
  // autosave may reach the conflict before the watcher's notice does; either is a correct first sign
  await expect(banner.or(dialog).first()).toBeVisible()
  if (await banner.isVisible()) {
    await saveScreenshot(page, 'external-change-banner')
    await page.getByTestId('editor').locator('.cm-content').focus()
    await page.keyboard.press('Control+s')
  }
  await expect(dialog).toBeVisible()
  await expectSaveState(page, 'conflict')
  await expect(dialog.getByTestId('conflict-reload')).toBeVisible()
  await expect(dialog.getByTestId('conflict-compare')).toBeVisible()
  expect(inkpost.readPost(SAMPLE_POST), 'nothing written before the user decides').toBe(original + '\n다른 곳의 편집: DISK-5678\n')
  await saveScreenshot(page, 'conflict-dialog')
  // compare shows both sides' lines
  await dialog.getByTestId('conflict-compare').click()
  const diff = dialog.getByTestId('conflict-diff')
  await expect(diff).toContainText('MINE-1234')
  await expect(diff).toContainText('DISK-5678')
  await saveScreenshot(page, 'conflict-compare')

  await dialog.getByTestId('conflict-keep-mine').click()
  await expect(dialog).toBeHidden()
  await expect.poll(() => inkpost.readPost(SAMPLE_POST)).toBe(original + '\n내 편집: MINE-1234\n')
  await expectSaveState(page, 'saved')
  await expect(banner).toBeHidden()
})

test('in a conflict, reload takes the version on disk and drops mine', async ({ page, inkpost }) => {
  const original = inkpost.readPost(SAMPLE_POST)
  await openApp(page, inkpost)
  await openPost(page, SAMPLE_POST)
  await caretToEnd(page)
  await typeText(page, '\n버려질 편집: MINE-0000\n')
  const disk = original.replace(`title: '${SAMPLE_TITLE}'`, "title: 'Title from disk'")
  inkpost.writePost(SAMPLE_POST, disk)

  const dialog = page.getByTestId('conflict-dialog')
  await expect(page.getByTestId('external-change-banner').or(dialog).first()).toBeVisible()
  if (!(await dialog.isVisible())) {
    await page.getByTestId('editor').locator('.cm-content').focus()
    await page.keyboard.press('Control+s')
  }
  await expect(dialog).toBeVisible()
  await dialog.getByTestId('conflict-reload').click()
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('preview').getByRole('heading', { name: 'Title from disk' })).toBeVisible()
  await expect(page.getByTestId('preview')).not.toContainText('MINE-0000')
  await expectSaveState(page, 'saved')
  expect(inkpost.readPost(SAMPLE_POST)).toBe(disk)
})
