// Browser mode: the new-post dialog names files from the title (Korean transliterated, emoji-only
// asks for a slug) with a live file/URL preview; rename previews the URL change; a delete can be
// undone from its toast or restored from the Trash view, byte for byte, from the app's data folder.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, expectPostOpen, libraryItem, openApp, saveScreenshot, test } from '../fixtures/app-page'
import { SAMPLE_POST, SAMPLE_TITLE } from '../fixtures/paths'

/** Today's local date, as the dialog and the service name new posts. */
function today(): string {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

async function deleteFromLibrary(page: Page, file: string): Promise<void> {
  await libraryItem(page, file).getByTestId('library-item-menu').click()
  await page.getByTestId('post-delete').click()
  await page.getByTestId('confirm-dialog').getByTestId('confirm-ok').click()
  await expect(libraryItem(page, file)).toHaveCount(0)
}

test('a new post with a Korean title gets a transliterated slug and the previewed URL; emoji only asks for a slug', async ({ page, inkpost }) => {
  const date = today()
  // a post whose URL a new "hello" post would take (a folder index has the same path)
  inkpost.writePost(`blog/${date}-hello/index.md`, "---\ntitle: 'Hello folder'\n---\n\nHi\n")
  await openApp(page, inkpost)
  await page.getByTestId('library-new').click()
  const dialog = page.getByTestId('new-post-dialog')
  await expect(dialog.getByTestId('new-post-folder')).toHaveValue('blog')
  // the folders come from the site index, which may still be loading when the dialog opens
  await expect(dialog.getByTestId('new-post-folder').locator('option')).toHaveText(['(content root)', 'blog/', `blog/${date}-hello/`])

  // emoji only: the slug is required and Create waits for it — never a silent post.md
  await dialog.getByTestId('new-post-title').fill('🎉🎉')
  await expect(dialog.getByTestId('new-post-slug')).toHaveValue('')
  await expect(dialog.getByTestId('new-post-slug-needed')).toBeVisible()
  await expect(dialog.getByTestId('new-post-create')).toBeDisabled()
  await expect(dialog.getByTestId('new-post-file')).toHaveText('—')
  await saveScreenshot(page, 'new-post-dialog-needs-slug')

  // Korean: transliterated as it is typed
  await dialog.getByTestId('new-post-title').fill('두번째 글')
  await expect(dialog.getByTestId('new-post-slug')).toHaveValue('dubeonjjae-geul')
  await expect(dialog.getByTestId('new-post-file')).toHaveText(`blog/${date}-dubeonjjae-geul.md`)
  await expect(dialog.getByTestId('new-post-url')).toHaveText(`/blog/${date}-dubeonjjae-geul`)
  await expect(dialog.getByTestId('new-post-url-warning')).toHaveCount(0)
  await expect(dialog.getByTestId('new-post-create')).toBeEnabled()
  await saveScreenshot(page, 'new-post-dialog')

  // a hand-edited slug stops following the title, and a taken URL is warned about
  await dialog.getByTestId('new-post-slug').fill('hello')
  await dialog.getByTestId('new-post-title').fill('두번째 글 (수정)')
  await expect(dialog.getByTestId('new-post-slug')).toHaveValue('hello')
  await expect(dialog.getByTestId('new-post-url')).toHaveText(`/blog/${date}-hello`)
  await expect(dialog.getByTestId('new-post-url-warning')).toContainText(`blog/${date}-hello/index.md`)
  await saveScreenshot(page, 'new-post-dialog-url-taken')

  await dialog.getByTestId('new-post-slug').fill('dubeonjjae-geul')
  await dialog.getByTestId('new-post-create').click()
  await expect(dialog).toBeHidden()
  const file = `blog/${date}-dubeonjjae-geul.md`
  await expectPostOpen(page, file)
  expect(inkpost.readPost(file)).toContain("title: '두번째 글 (수정)'")
  await expect(libraryItem(page, file)).toContainText('두번째 글 (수정)')
  const [summary] = await inkpost.api<Array<{ file: string; path: string }>>('library', 'list', { search: 'dubeonjjae' })
  expect(summary).toMatchObject({ file, path: `/blog/${date}-dubeonjjae-geul` })
})

test('rename previews the new file and warns that the URL changes', async ({ page, inkpost }) => {
  const original = readFileSync(inkpost.postPath(SAMPLE_POST))
  await openApp(page, inkpost)
  await libraryItem(page, SAMPLE_POST).getByTestId('library-item-menu').click()
  await page.getByTestId('post-rename').click()
  const dialog = page.getByTestId('confirm-dialog')
  await expect(dialog.getByTestId('rename-slug')).toHaveValue('llama2')
  await expect(dialog.getByTestId('rename-slug')).toBeFocused()
  await expect(dialog.getByTestId('rename-url-change')).toHaveCount(0)
  await expect(dialog.getByTestId('confirm-ok')).toBeEnabled()
  await dialog.getByTestId('rename-slug').fill('LLaMA 2 review')
  await expect(dialog.getByTestId('rename-file')).toHaveText('blog/2024-01-16-llama-2-review.md')
  await expect(dialog.getByTestId('rename-url')).toHaveText('/blog/2024-01-16-llama-2-review')
  await expect(dialog.getByTestId('rename-url-change')).toContainText('/blog/2024-01-16-llama2')
  await expect(dialog.getByTestId('rename-url-change')).toContainText('/blog/2024-01-16-llama-2-review')
  await saveScreenshot(page, 'rename-dialog')
  await dialog.getByTestId('rename-slug').fill('')
  await expect(dialog.getByTestId('confirm-ok')).toBeDisabled()
  await dialog.getByTestId('rename-slug').fill('llama-2-review')
  await dialog.getByTestId('confirm-ok').click()
  await expect(dialog).toBeHidden()
  await expect(page.locator('.toast', { hasText: 'The site URL changed' })).toBeVisible()
  expect(readFileSync(inkpost.postPath('blog/2024-01-16-llama-2-review.md')).equals(original)).toBe(true)
  expect(existsSync(inkpost.postPath(SAMPLE_POST))).toBe(false)
})

test('delete, then Undo in the toast puts the post back byte for byte; the trash is not in the site', async ({ page, inkpost }) => {
  const original = readFileSync(inkpost.postPath(SAMPLE_POST))
  await openApp(page, inkpost)
  await deleteFromLibrary(page, SAMPLE_POST)
  expect(existsSync(inkpost.postPath(SAMPLE_POST))).toBe(false)
  expect(existsSync(join(inkpost.siteDir, '.inkpost')), 'no trash inside the site (it would end up in git)').toBe(false)
  expect(existsSync(join(inkpost.dataDir, 'trash')), 'the trash is in the data folder').toBe(true)
  const toast = page.getByTestId('toast').filter({ hasText: `Moved ${SAMPLE_POST} to the trash` })
  await toast.getByTestId('toast-action').click()
  await expect(libraryItem(page, SAMPLE_POST)).toBeVisible()
  await expect.poll(() => existsSync(inkpost.postPath(SAMPLE_POST))).toBe(true)
  expect(readFileSync(inkpost.postPath(SAMPLE_POST)).equals(original), 'byte-identical').toBe(true)
  await expect(page.locator('.toast', { hasText: `Restored ${SAMPLE_POST}` })).toBeVisible()
  expect(await inkpost.api('post', 'trashList')).toEqual([])
})

test('the Trash view lists deleted posts and restores them, never over a post that took the name', async ({ page, inkpost }) => {
  const original = readFileSync(inkpost.postPath(SAMPLE_POST))
  await openApp(page, inkpost)
  await deleteFromLibrary(page, SAMPLE_POST)
  await page.getByTestId('library-trash').click()
  const trash = page.getByTestId('trash-dialog')
  const item = trash.getByTestId('trash-item')
  await expect(item).toHaveCount(1)
  await expect(item).toHaveAttribute('data-file', SAMPLE_POST)
  await expect(item).toContainText(SAMPLE_TITLE)
  await expect(item).toContainText(SAMPLE_POST)
  await expect(item).toContainText('deleted')
  await saveScreenshot(page, 'trash-view')
  await item.getByTestId('trash-restore').click()
  await expect(trash.getByTestId('trash-empty')).toBeVisible()
  await saveScreenshot(page, 'trash-view-empty')
  await trash.getByTestId('trash-close').click()
  await expect(libraryItem(page, SAMPLE_POST)).toBeVisible()
  expect(readFileSync(inkpost.postPath(SAMPLE_POST)).equals(original)).toBe(true)

  // deleted again, and a new post takes its name: the restore goes to a free name
  await deleteFromLibrary(page, SAMPLE_POST)
  inkpost.writePost(SAMPLE_POST, "---\ntitle: 'A newer post'\n---\n\nNew.\n")
  await page.getByTestId('library-trash').click()
  await trash.getByTestId('trash-restore').click()
  await expect(trash.getByTestId('trash-empty')).toBeVisible()
  await trash.getByTestId('trash-close').click()
  await expect(page.locator('.toast', { hasText: 'Restored as blog/2024-01-16-llama2-restored.md' })).toBeVisible()
  expect(inkpost.readPost(SAMPLE_POST)).toBe("---\ntitle: 'A newer post'\n---\n\nNew.\n")
  expect(readFileSync(inkpost.postPath('blog/2024-01-16-llama2-restored.md')).equals(original)).toBe(true)
})
