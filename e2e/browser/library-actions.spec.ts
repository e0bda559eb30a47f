// Browser mode: managing posts from the library — filters and sort, duplicate, rename, delete with
// confirmation — and getting unsaved text back after a crash.
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, expectPostOpen, expectSaveState, libraryItem, openApp, saveScreenshot, test } from '../fixtures/app-page'
import { SAMPLE_POST } from '../fixtures/paths'

const DRAFT_POST = 'blog/2024-03-01-draft-notes.md'
const OLDER_POST = 'blog/2023-12-01-older.md'

/** The `data-file` of every library row, top to bottom. */
async function listedFiles(page: Page): Promise<string[]> {
  return page.getByTestId('library-item').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-file') ?? ''))
}

/** Opens the "⋯" menu of a library row and picks an action. */
async function postAction(page: Page, file: string, action: 'post-rename' | 'post-duplicate' | 'post-delete'): Promise<void> {
  await libraryItem(page, file).getByTestId('library-item-menu').click()
  await page.getByTestId(action).click()
}

/** Every file below `dir`, as paths relative to it. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
}

test('the library filters by tag and draft state and sorts by date or title', async ({ page, inkpost }) => {
  inkpost.writePost(DRAFT_POST, "---\ntitle: 'Zeta draft notes'\ndate: '2024-03-01'\ntags: [notes]\ndraft: true\n---\n\nNot ready yet.\n")
  inkpost.writePost(OLDER_POST, "---\ntitle: 'Alpha older post'\ndate: '2023-12-01'\ntags: [LLM]\n---\n\nAn older post.\n")
  await openApp(page, inkpost)
  await expect.poll(() => listedFiles(page), { message: 'newest first by default' }).toEqual([DRAFT_POST, SAMPLE_POST, OLDER_POST])
  await expect(libraryItem(page, DRAFT_POST)).toContainText('draft')

  await page.getByTestId('library-sort').selectOption('title')
  await expect.poll(() => listedFiles(page), { message: 'sorted by title' }).toEqual([OLDER_POST, SAMPLE_POST, DRAFT_POST])

  await page.getByTestId('library-filter-draft').selectOption('draft')
  await expect.poll(() => listedFiles(page)).toEqual([DRAFT_POST])
  await page.getByTestId('library-filter-draft').selectOption('published')
  await expect.poll(() => listedFiles(page)).toEqual([OLDER_POST, SAMPLE_POST])
  await page.getByTestId('library-filter-draft').selectOption('all')

  await page.getByTestId('library-filter-tag').selectOption('LLM')
  await expect.poll(() => listedFiles(page)).toEqual([OLDER_POST, SAMPLE_POST])
  await page.getByTestId('library-filter-tag').selectOption('notes')
  await expect.poll(() => listedFiles(page)).toEqual([DRAFT_POST])
})

test('duplicate, rename and delete a post from the library, with confirmation', async ({ page, inkpost }) => {
  const blogDir = join(inkpost.siteDir, 'content', 'blog')
  const original = inkpost.readPost(SAMPLE_POST)
  const body = original.slice(original.indexOf('\n---\n', 4) + 5)
  await openApp(page, inkpost)

  // duplicate: a second file with the same body
  await postAction(page, SAMPLE_POST, 'post-duplicate')
  await expect(page.getByTestId('library-item')).toHaveCount(2)
  const copies = readdirSync(blogDir).filter((name) => name !== '2024-01-16-llama2.md')
  expect(copies).toHaveLength(1)
  const copy = `blog/${copies[0]}`
  await expect(libraryItem(page, copy)).toBeVisible()
  expect(inkpost.readPost(copy).endsWith(body), 'the copy keeps the body').toBe(true)
  expect(inkpost.readPost(SAMPLE_POST)).toBe(original)

  // rename the copy
  await postAction(page, copy, 'post-rename')
  const renameDialog = page.getByTestId('confirm-dialog')
  await expect(renameDialog.getByTestId('rename-slug')).toHaveValue('llama2-copy')
  await renameDialog.getByTestId('rename-slug').fill('llama2-notes')
  await expect(renameDialog.getByTestId('rename-file')).toHaveText('blog/2024-01-16-llama2-notes.md')
  await renameDialog.getByTestId('confirm-ok').click()
  await expect(renameDialog).toBeHidden()
  await expect(libraryItem(page, 'blog/2024-01-16-llama2-notes.md')).toBeVisible()
  await expect(libraryItem(page, copy)).toHaveCount(0)
  expect(existsSync(inkpost.postPath(copy)), 'old name gone from disk').toBe(false)
  expect(inkpost.readPost('blog/2024-01-16-llama2-notes.md').endsWith(body)).toBe(true)

  // delete: cancel keeps it, OK removes it (to the app's trash in its data folder, not the site)
  await postAction(page, 'blog/2024-01-16-llama2-notes.md', 'post-delete')
  const confirm = page.getByTestId('confirm-dialog')
  await expect(confirm).toBeVisible()
  await saveScreenshot(page, 'delete-confirmation')
  await confirm.getByTestId('confirm-cancel').click()
  await expect(confirm).toBeHidden()
  expect(existsSync(inkpost.postPath('blog/2024-01-16-llama2-notes.md'))).toBe(true)
  await expect(page.getByTestId('library-item')).toHaveCount(2)

  await postAction(page, 'blog/2024-01-16-llama2-notes.md', 'post-delete')
  await confirm.getByTestId('confirm-ok').click()
  await expect(confirm).toBeHidden()
  await expect(page.getByTestId('library-item')).toHaveCount(1)
  expect(existsSync(inkpost.postPath('blog/2024-01-16-llama2-notes.md'))).toBe(false)
  expect(existsSync(join(inkpost.siteDir, '.inkpost')), 'no trash inside the site').toBe(false)
  const trashed = await inkpost.api<Array<{ file: string }>>('post', 'trashList')
  expect(trashed.map((entry) => entry.file), 'the deleted post is in the trash').toContain('blog/2024-01-16-llama2-notes.md')
  expect(filesUnder(join(inkpost.dataDir, 'trash')).filter((file) => file.endsWith('.md')), 'its bytes are kept in the data folder').toHaveLength(1)
  expect(inkpost.readPost(SAMPLE_POST)).toBe(original)
})

test('unsaved text journaled before a crash is offered at start and restored as unsaved changes', async ({ page, inkpost }) => {
  const original = inkpost.readPost(SAMPLE_POST)
  const journaled = original + '\n복구된 문단 RECOVERED-42\n'
  await inkpost.api('recovery', 'journal', SAMPLE_POST, journaled)
  await openApp(page, inkpost)
  const dialog = page.getByTestId('recovery-dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText(SAMPLE_POST)
  await saveScreenshot(page, 'recovery-dialog')
  await dialog.getByTestId('recovery-restore').click()
  await expect(dialog).toBeHidden()

  await expectPostOpen(page, SAMPLE_POST)
  await expect(page.getByTestId('preview')).toContainText('복구된 문단 RECOVERED-42')
  await expectSaveState(page, 'dirty')
  expect(inkpost.readPost(SAMPLE_POST), 'restoring writes nothing by itself').toBe(original)

  await page.getByTestId('editor').locator('.cm-content').click()
  await page.keyboard.press('Control+s')
  await expect.poll(() => inkpost.readPost(SAMPLE_POST)).toBe(journaled)
  await expectSaveState(page, 'saved')
  await expect.poll(() => inkpost.api<unknown[]>('recovery', 'pending'), { message: 'the journal is gone after the save' }).toEqual([])
})

test('discarding the recovery offer keeps the file and does not ask again', async ({ page, inkpost }) => {
  const original = inkpost.readPost(SAMPLE_POST)
  await inkpost.api('recovery', 'journal', SAMPLE_POST, original + '\nthrow me away\n')
  await openApp(page, inkpost)
  const dialog = page.getByTestId('recovery-dialog')
  await dialog.getByTestId('recovery-discard').click()
  await expect(dialog).toBeHidden()
  await expect.poll(() => inkpost.api<unknown[]>('recovery', 'pending')).toEqual([])
  expect(inkpost.readPost(SAMPLE_POST)).toBe(original)

  // after a reload the app asks for pending journals again; once it has the (empty) answer and drew a frame, no dialog
  const asked = page.waitForResponse((response) => response.url().endsWith('/api/recovery.pending'))
  await page.reload()
  await asked
  await expect(libraryItem(page, SAMPLE_POST)).toBeVisible()
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
  await expect(dialog).toBeHidden()
})

test('a post whose name has a line break is listed with the reason and never opened', async ({ page, inkpost }) => {
  const odd = 'blog/two\nlines.md'
  inkpost.writePost(odd, '---\ntitle: Hidden behind a newline\n---\n\nBody.\n')
  await openApp(page, inkpost)
  const row = page.locator('[data-testid="library-item"][data-openable="false"]')
  await expect(row).toHaveCount(1)
  await expect(row).toHaveAttribute('aria-disabled', 'true')
  await expect(row.getByTestId('library-item-problem')).toContainText('its name contains a line break')
  await expect(row.getByTestId('library-item-problem')).toContainText('Rename it')
  expect(await row.getAttribute('data-file')).toBe(odd)
  await row.click({ force: true }) // aria-disabled: Playwright would wait for it to be enabled
  await expect(page.getByText('Choose a post in the library, or create a new one.')).toBeVisible() // nothing was opened
  await expect(page.getByText('No post open')).toBeVisible()
  // and the quick switcher does not offer it
  await page.keyboard.press('Control+p')
  await page.getByTestId('quick-switcher-input').fill('two')
  await expect(page.getByTestId('quick-switcher')).toContainText('No post matches')
  await saveScreenshot(page, 'library-unopenable-name')
})
