// Browser mode: library rows follow the post as it is edited (form, editor, disk), search matches
// file names, a copy is recognisable, and F2 / Delete act on the focused row.
import { expect, libraryItem, openApp, openPost, ensurePanel, editorContent, test } from '../fixtures/app-page'
import { SAMPLE_POST } from '../fixtures/paths'

test('the row follows the title and draft flag typed in the form and the title typed in the editor, before saving', async ({ page, inkpost }) => {
  await openApp(page, inkpost)
  await openPost(page, SAMPLE_POST)
  const row = libraryItem(page, SAMPLE_POST)
  const form = await ensurePanel(page, 'frontmatter-form', 'toggle-frontmatter')
  await form.getByTestId('fm-title').fill('Typed in the form')
  await expect(row.locator('.library-item__title')).toHaveText('Typed in the form')
  await form.getByTestId('fm-draft').check()
  await expect(row.locator('.badge--draft')).toBeVisible()

  // in the editor: line 2 is `title: 'Typed in the form'`; type before the closing quote
  await editorContent(page).click()
  await page.keyboard.press('Control+Home')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('End')
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.insertText(' and the editor')
  await expect(row.locator('.library-item__title')).toHaveText('Typed in the form and the editor')
})

test('the row follows a change on disk', async ({ page, inkpost }) => {
  await openApp(page, inkpost)
  const row = libraryItem(page, SAMPLE_POST)
  const text = inkpost.readPost(SAMPLE_POST)
  inkpost.writePost(SAMPLE_POST, text.replace(/^title: .*$/m, "title: 'Changed on disk'").replace(/^date: .*$/m, "date: '2024-02-02'"))
  await expect(row.locator('.library-item__title')).toHaveText('Changed on disk')
  await expect(row.locator('time')).toHaveText('2024-02-02')
})

test('search matches file names, and a duplicate shows its (copy) title and -copy file name', async ({ page, inkpost }) => {
  inkpost.writePost('blog/2023-05-05-zebra-notes.md', "---\ntitle: 'Unrelated title'\ndate: '2023-05-05'\n---\n\nNothing here.\n")
  await openApp(page, inkpost)
  await page.getByTestId('library-search').fill('zebra')
  await expect(page.getByTestId('library-item')).toHaveCount(1)
  await expect(libraryItem(page, 'blog/2023-05-05-zebra-notes.md')).toBeVisible()
  await page.getByTestId('library-search').fill('')
  await expect(page.getByTestId('library-item')).toHaveCount(2)

  await libraryItem(page, SAMPLE_POST).getByTestId('library-item-menu').click()
  await page.getByTestId('post-duplicate').click()
  const copy = libraryItem(page, 'blog/2024-01-16-llama2-copy.md')
  await expect(copy.locator('.library-item__title')).toContainText('(copy)')
  await expect(copy.getByTestId('library-item-file')).toHaveText('2024-01-16-llama2-copy.md')
})

test('F2 renames and Delete deletes the focused row, with the usual dialogs', async ({ page, inkpost }) => {
  await openApp(page, inkpost)
  const row = libraryItem(page, SAMPLE_POST)
  await row.focus()
  await page.keyboard.press('F2')
  const dialog = page.getByTestId('confirm-dialog')
  await expect(dialog).toContainText('Rename post')
  await expect(dialog.getByTestId('rename-slug')).toHaveValue('llama2')
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()

  await row.focus()
  await page.keyboard.press('Delete')
  await expect(dialog).toContainText('Delete post?')
  await dialog.getByTestId('confirm-cancel').click()
  await expect(dialog).toBeHidden()
  await expect(row).toBeVisible()
  await row.focus()
  await page.keyboard.press('Delete')
  await dialog.getByTestId('confirm-ok').click()
  await expect(row).toHaveCount(0)
  await expect(page.getByTestId('toast').getByTestId('toast-action')).toHaveText('Undo')
})
