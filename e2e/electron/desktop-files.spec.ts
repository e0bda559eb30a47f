// Desktop app: files on disk — New Post (button and File menu), Ctrl+S, an external change
// reloading the open post, and the conflict dialog when both sides changed.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { caretToEnd, expectSaveState, libraryItem, openPost, visibleEditorText } from '../fixtures/app-page'
import { SAMPLE_POST, SAMPLE_TITLE } from '../fixtures/paths'
import { expect, skipWithoutElectron, test, waitForWindow } from './electron-app'

skipWithoutElectron('desktop-files.spec.ts')

test('New Post creates the file from the template and opens it', async ({ desktop }) => {
  const { page, siteDir } = desktop
  await waitForWindow(page)
  const blogDir = join(siteDir, 'content', 'blog')
  const before = new Set(readdirSync(blogDir))
  await page.getByTestId('library-new').click()
  const dialog = page.getByTestId('new-post-dialog')
  await dialog.getByTestId('new-post-title').fill('Desktop Post')
  await dialog.getByTestId('new-post-create').click()
  await expect.poll(() => readdirSync(blogDir).filter((name) => !before.has(name))).toHaveLength(1)
  const created = readdirSync(blogDir).filter((name) => !before.has(name))[0]
  expect(created).toMatch(/^\d{4}-\d{2}-\d{2}-desktop-post\.md$/)
  expect(desktop.readPost(`blog/${created}`)).toContain('Desktop Post')
  await expect(libraryItem(page, `blog/${created}`)).toHaveAttribute('aria-selected', 'true')
})

test('File > New Post… in the app menu opens the new-post dialog', async ({ desktop }) => {
  const { app, page } = desktop
  await waitForWindow(page)
  await app.evaluate(({ Menu }) => {
    Menu.getApplicationMenu()?.getMenuItemById('new-post')?.click()
  })
  await expect(page.getByTestId('new-post-dialog')).toBeVisible()
})

test('Ctrl+S saves the edit to disk', async ({ desktop }) => {
  const { page } = desktop
  const original = desktop.readPost(SAMPLE_POST)
  await waitForWindow(page)
  await openPost(page, SAMPLE_POST)
  await caretToEnd(page)
  await page.keyboard.insertText('\n데스크톱 Ctrl+S 저장.\n')
  await page.keyboard.press('Control+s')
  await expect.poll(() => desktop.readPost(SAMPLE_POST)).toBe(original + '\n데스크톱 Ctrl+S 저장.\n')
  await expectSaveState(page, 'saved')
})

test('a change on disk reloads the open, unmodified post', async ({ desktop }) => {
  const { page } = desktop
  const original = desktop.readPost(SAMPLE_POST)
  await waitForWindow(page)
  await openPost(page, SAMPLE_POST)
  await expectSaveState(page, 'saved')
  desktop.writePost(SAMPLE_POST, original.replace(`title: '${SAMPLE_TITLE}'`, "title: 'Changed elsewhere'"))
  await expect(page.getByTestId('preview').getByRole('heading', { name: 'Changed elsewhere' })).toBeVisible()
  await expect.poll(() => visibleEditorText(page)).toContain("title: 'Changed elsewhere'")
  await expectSaveState(page, 'saved')
})

test('a conflict appears when the post changed here and on disk; keep mine writes mine', async ({ desktop }) => {
  const { page } = desktop
  const original = desktop.readPost(SAMPLE_POST)
  await waitForWindow(page)
  await openPost(page, SAMPLE_POST)
  await caretToEnd(page)
  await page.keyboard.insertText('\nMINE-DESKTOP\n')
  desktop.writePost(SAMPLE_POST, original + '\nDISK-DESKTOP\n')
  const dialog = page.getByTestId('conflict-dialog')
  const banner = page.getByTestId('external-change-banner')
  await expect(banner.or(dialog).first()).toBeVisible()
  if (!(await dialog.isVisible())) {
    await page.getByTestId('editor').locator('.cm-content').focus()
    await page.keyboard.press('Control+s')
  }
  await expect(dialog).toBeVisible()
  await expectSaveState(page, 'conflict')
  expect(desktop.readPost(SAMPLE_POST)).toBe(original + '\nDISK-DESKTOP\n')
  await dialog.getByTestId('conflict-keep-mine').click()
  await expect.poll(() => desktop.readPost(SAMPLE_POST)).toBe(original + '\nMINE-DESKTOP\n')
  await expectSaveState(page, 'saved')
})
