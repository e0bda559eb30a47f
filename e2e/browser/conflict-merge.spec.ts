// Browser mode: the save conflict's side-by-side compare (@codemirror/merge) — disk version on the
// left (read-only), yours on the right (editable), one → per changed chunk to take it from disk,
// "Keep merged" to save the result; and a conflict with 5,000 changed lines still shows them as
// separate chunks. The conflict is made as in saving.spec.ts: an edit here, then a write to the file
// by "another program" before autosave runs, then a save.
import type { Page } from '@playwright/test'
import { editorContent, expect, expectSaveState, openApp, openPost, saveScreenshot, test } from '../fixtures/app-page'
import type { InkpostServer } from '../fixtures/inkpost-server'
import { SAMPLE_POST, SAMPLE_TITLE } from '../fixtures/paths'

const TITLE_LINE = `title: '${SAMPLE_TITLE}'`

/**
 * Replaces the editor's text with `mine` (as a paste would; null: adds a line at the end instead),
 * writes `disk` to the file behind its back, and waits for the conflict dialog.
 */
async function makeConflict(page: Page, inkpost: InkpostServer, mine: string | null, disk: string) {
  await editorContent(page).click()
  if (mine === null) {
    await page.keyboard.press('Control+End')
    await page.keyboard.insertText('END-MINE')
  } else {
    await page.keyboard.press('Control+a')
    await page.keyboard.insertText(mine)
  }
  inkpost.writePost(SAMPLE_POST, disk)
  const dialog = page.getByTestId('conflict-dialog')
  await expect(page.getByTestId('external-change-banner').or(dialog).first()).toBeVisible()
  if (!(await dialog.isVisible())) {
    await editorContent(page).focus()
    await page.keyboard.press('Control+s')
  }
  await expect(dialog).toBeVisible()
  await expectSaveState(page, 'conflict')
  expect(inkpost.readPost(SAMPLE_POST), 'nothing written before the user decides').toBe(disk)
  return dialog
}

/** The sample post with my title and a line of mine at the end, and the disk's version with another line at the end. */
function twoVersions(original: string) {
  expect(original).toContain(TITLE_LINE)
  return {
    mine: original.replace(TITLE_LINE, "title: 'My new title'") + '\n내 편집: MINE-1234\n',
    disk: original + '\n다른 곳의 편집: DISK-5678\n',
  }
}

test('compare shows disk and mine side by side; → takes a chunk from disk into my editable side', async ({ page, inkpost }) => {
  const original = inkpost.readPost(SAMPLE_POST)
  const { mine, disk } = twoVersions(original)
  await openApp(page, inkpost)
  await openPost(page, SAMPLE_POST)
  const dialog = await makeConflict(page, inkpost, mine, disk)

  await dialog.getByTestId('conflict-compare').click()
  const compare = dialog.getByTestId('conflict-diff')
  const diskSide = compare.locator('.cm-merge-a')
  const mySide = compare.locator('.cm-merge-b')
  // two chunks: the title (changed here) and the last line (different on each side)
  await expect(compare).toHaveAttribute('data-chunks', '2')
  await expect(dialog.getByTestId('conflict-chunk-count')).toContainText('2 changes')
  await expect(diskSide).toContainText('DISK-5678')
  await expect(diskSide).not.toContainText('MINE-1234')
  await expect(mySide).toContainText('MINE-1234')
  await expect(mySide).toContainText('My new title')
  await expect(diskSide.locator('.cm-changedLine').first()).toBeVisible()
  await expect(mySide.locator('.cm-changedText').first()).toBeVisible()
  // the ~140 unchanged lines between the two chunks are collapsed on both sides
  await expect(diskSide.locator('.cm-collapsedLines')).toHaveCount(1)
  await expect(mySide.locator('.cm-collapsedLines')).toHaveCount(1)
  await expect(diskSide.locator('.cm-content')).toHaveAttribute('contenteditable', 'false')
  await expect(mySide.locator('.cm-content')).toHaveAttribute('contenteditable', 'true')
  const take = compare.getByTestId('conflict-take-disk')
  await expect(take).toHaveCount(2)
  await saveScreenshot(page, 'conflict-merge')
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))
  await saveScreenshot(page, 'conflict-merge-dark')
  await page.emulateMedia({ colorScheme: 'light' })

  // take the title from disk: my side now has the disk's title, one chunk is left
  await take.first().click()
  await expect(compare).toHaveAttribute('data-chunks', '1')
  await expect(dialog.getByTestId('conflict-chunk-count')).toContainText('1 change')
  await expect(mySide).toContainText(SAMPLE_TITLE)
  await expect(mySide).not.toContainText('My new title')
  await expect(mySide).toContainText('MINE-1234')
  // my side stays editable
  await mySide.locator('.cm-content').click()
  await page.keyboard.press('Control+End')
  await page.keyboard.insertText('EDITED-IN-DIALOG')
  await expect(mySide).toContainText('EDITED-IN-DIALOG')
  await expect(compare).toHaveAttribute('data-chunks', '1')
  await expect(diskSide).not.toContainText('EDITED-IN-DIALOG')

  // hiding the comparison and keeping mine still writes my original edit
  await dialog.getByTestId('conflict-compare').click()
  await expect(compare).toBeHidden()
  await dialog.getByTestId('conflict-keep-mine').click()
  await expect(dialog).toBeHidden()
  await expect.poll(() => inkpost.readPost(SAMPLE_POST)).toBe(mine)
  await expectSaveState(page, 'saved')
})

test('keep merged saves my side of the comparison, with the chunk taken from disk', async ({ page, inkpost }) => {
  const original = inkpost.readPost(SAMPLE_POST)
  const { mine, disk } = twoVersions(original)
  await openApp(page, inkpost)
  await openPost(page, SAMPLE_POST)
  const dialog = await makeConflict(page, inkpost, mine, disk)
  await dialog.getByTestId('conflict-compare').click()
  const compare = dialog.getByTestId('conflict-diff')
  await expect(compare).toHaveAttribute('data-chunks', '2')
  await compare.getByTestId('conflict-take-disk').first().click()
  await expect(compare).toHaveAttribute('data-chunks', '1')

  // needs app.tsx to pass onKeepMerged (store.resolveKeepMerged); without it the button is not shown
  await dialog.getByTestId('conflict-keep-merged').click()
  await expect(dialog).toBeHidden()
  const merged = original + '\n내 편집: MINE-1234\n'
  await expect.poll(() => inkpost.readPost(SAMPLE_POST)).toBe(merged)
  await expectSaveState(page, 'saved')
  // the editor holds the merged text too
  await expect(page.getByTestId('preview').getByRole('heading', { name: SAMPLE_TITLE })).toBeVisible()
  await expect(page.getByTestId('preview')).toContainText('MINE-1234')
  await expect(page.getByTestId('preview')).not.toContainText('DISK-5678')
})

test('a conflict with 5,000 changed lines shows them as 5,000 chunks', async ({ page, inkpost }) => {
  test.setTimeout(90_000)
  const diskLines: string[] = []
  const myLines: string[] = []
  for (let i = 0; i < 10_000; i++) {
    diskLines.push(`Line ${i}: the text as the other program saved it.`)
    myLines.push(i % 2 === 0 ? `Line ${i}: my edit.` : diskLines[i])
  }
  const head = "---\ntitle: 'Long post'\n---\n\n"
  // the post already holds my 5,000 edited lines (typing 10,000 lines takes too long); my unsaved edit is one more line at the end
  const saved = head + myLines.join('\n') + '\n'
  inkpost.writePost(SAMPLE_POST, saved)
  await openApp(page, inkpost)
  await openPost(page, SAMPLE_POST)
  const dialog = await makeConflict(page, inkpost, null, head + diskLines.join('\n') + '\n')

  const started = Date.now()
  await dialog.getByTestId('conflict-compare').click()
  const compare = dialog.getByTestId('conflict-diff')
  // 5,000 changed lines plus my appended line, each its own chunk
  await expect(compare).toHaveAttribute('data-chunks', '5001', { timeout: 30_000 })
  await expect(compare.locator('.cm-merge-b .cm-changedLine').first()).toBeVisible()
  // how long it took is reported, not asserted (speed is the benchmarks' job)
  console.log(`compare of 5,000 changed lines shown in ${Date.now() - started} ms`)
  // the first chunk is the first body line alone, the next line is unchanged: not "everything removed, everything added"
  const diskSide = compare.locator('.cm-merge-a .cm-content')
  await expect(diskSide.locator('.cm-changedLine').first()).toHaveText('Line 0: the text as the other program saved it.')
  const secondLine = diskSide.locator('.cm-line', { hasText: /^Line 1: / })
  await expect(secondLine).toHaveCount(1)
  await expect(secondLine).not.toHaveClass(/cm-changedLine/)
  await expect(diskSide.locator('.cm-line', { hasText: /^Line 2: / })).toHaveClass(/cm-changedLine/)
  await saveScreenshot(page, 'conflict-merge-5000')
  // taking one chunk from disk leaves 5,000
  await compare.getByTestId('conflict-take-disk').first().click()
  await expect(compare).toHaveAttribute('data-chunks', '5000', { timeout: 30_000 })
  await expect(compare.locator('.cm-merge-b .cm-content .cm-line', { hasText: /^Line 0: / })).toHaveText('Line 0: the text as the other program saved it.')
})
