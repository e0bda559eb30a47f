// Browser mode: figures. Dropping and pasting images onto the editor copies them into the site's
// image folder under the site's names, inserts the site's <figure> at the drop point (one undo
// step), and the preview shows them; the images panel and the site report show unused and
// missing images.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import type { Locator, Page } from '@playwright/test'
import { editorContent, expect, expectSaveState, openApp, openPost, saveScreenshot, test } from '../fixtures/app-page'
import { SAMPLE_POST } from '../fixtures/paths'

interface DropFile { name: string; type: string; base64: string }

/** A PNG of `width`×`height` in one colour (distinct colours give distinct bytes). */
async function png(width: number, height: number, rgb: [number, number, number]): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } }).png().toBuffer()
}

const asDropFile = (name: string, bytes: Buffer, type = 'image/png'): DropFile => ({ name, type, base64: bytes.toString('base64') })

/** Builds a DataTransfer holding `files` inside the page, as the OS hands one to a drop or a paste. */
async function dataTransferOf(page: Page, files: DropFile[]) {
  return page.evaluateHandle((list) => {
    const transfer = new DataTransfer()
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))
      transfer.items.add(new File([bytes], f.name, { type: f.type }))
    }
    return transfer
  }, files)
}

/** Drops `files` at the start of the editor line `line` (a locator of a rendered `.cm-line`). */
async function dropOnLine(page: Page, line: Locator, files: DropFile[]): Promise<void> {
  const box = await line.boundingBox()
  if (!box) throw new Error('the target line is not rendered')
  const dataTransfer = await dataTransferOf(page, files)
  const at = { clientX: box.x + 1, clientY: box.y + box.height / 2 }
  await editorContent(page).dispatchEvent('dragover', { dataTransfer, ...at })
  await editorContent(page).dispatchEvent('drop', { dataTransfer, ...at })
}

/** The full text of the open post, read from CodeMirror's state (not only the rendered lines). */
async function editorText(page: Page): Promise<string> {
  return page.evaluate(() => {
    type View = { state: { doc: { toString(): string } } }
    // CodeMirror keeps its view on the content element's tile (what EditorView.findFromDOM reads)
    const el = document.querySelector('[data-testid="editor"] .cm-content') as (HTMLElement & { cmTile?: { root?: { view?: View } } }) | null
    const view = el?.cmTile?.root?.view
    if (!view) throw new Error('no CodeMirror view on the editor')
    return view.state.doc.toString()
  })
}

const imageFolder = (siteDir: string) => join(siteDir, 'public', 'images', 'blogImg')
const figureFor = (src: string, title: string, caption: string) =>
  `<figure>\n    <img src="${src}" title="${title}">    \n    <figcaption style="text-align: center;">${caption}</figcaption>\n</figure>`
const TARGET_LINE = 'LLaMA2 논문은 이 8파트로 구성됩니다.'

test('dropping a PNG onto the sample post copies it as 2024-01-16-5.png, inserts the figure at the drop point, previews it, and one undo removes it', async ({ page, inkpost }) => {
  const original = inkpost.readPost(SAMPLE_POST)
  await openApp(page, inkpost)
  await openPost(page, SAMPLE_POST)
  const line = editorContent(page).locator('.cm-line', { hasText: TARGET_LINE })
  await dropOnLine(page, line, [asDropFile('attention-map.png', await png(320, 200, [200, 40, 40]))])

  const stored = join(imageFolder(inkpost.siteDir), '2024-01-16-5.png')
  await expect.poll(() => existsSync(stored), { message: '2024-01-16-5.png written' }).toBe(true)
  const figure = figureFor('/images/blogImg/2024-01-16-5.png', 'attention-map', 'attention map')
  await expect.poll(() => editorText(page)).toBe(original.replace(`\n${TARGET_LINE}`, `\n${figure}\n\n${TARGET_LINE}`))
  // the caption is selected, so typing replaces it
  await page.keyboard.insertText('어텐션 맵')
  await expect.poll(() => editorText(page)).toContain('<figcaption style="text-align: center;">어텐션 맵</figcaption>')
  const meta = await sharp(readFileSync(stored)).metadata()
  expect([meta.format, meta.width, meta.height]).toEqual(['png', 320, 200])

  const img = page.getByTestId('preview').locator('img[src$="/images/blogImg/2024-01-16-5.png"]')
  await expect(img).toBeVisible()
  await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(320)
  await saveScreenshot(page, 'figure-dropped')

  await page.keyboard.press('Control+z') // the typed caption
  await page.keyboard.press('Control+z') // the figure
  await expect.poll(() => editorText(page)).toBe(original)
  await expectSaveState(page, 'saved')
  expect(inkpost.readPost(SAMPLE_POST)).toBe(original)
})

test('dropping two new images and a copy of an existing one gives two new files, three figures in order, one reuse; undo restores the post', async ({ page, inkpost }) => {
  const original = inkpost.readPost(SAMPLE_POST)
  const before = readdirSync(imageFolder(inkpost.siteDir)).sort()
  await openApp(page, inkpost)
  await openPost(page, SAMPLE_POST)
  const existing = readFileSync(join(imageFolder(inkpost.siteDir), '2024-01-16-1.png'))
  await dropOnLine(page, editorContent(page).locator('.cm-line', { hasText: TARGET_LINE }), [
    asDropFile('first.png', await png(64, 48, [10, 120, 200])),
    asDropFile('second.png', await png(48, 64, [30, 160, 60])),
    asDropFile('again.png', existing),
  ])
  await expect.poll(() => readdirSync(imageFolder(inkpost.siteDir)).sort()).toEqual([...before, '2024-01-16-5.png', '2024-01-16-6.png'].sort())
  const figures = [
    figureFor('/images/blogImg/2024-01-16-5.png', 'first', 'first'),
    figureFor('/images/blogImg/2024-01-16-6.png', 'second', 'second'),
    figureFor('/images/blogImg/2024-01-16-1.png', 'again', 'again'),
  ].join('\n\n')
  await expect.poll(() => editorText(page)).toBe(original.replace(`\n${TARGET_LINE}`, `\n${figures}\n\n${TARGET_LINE}`))
  await expect(page.getByTestId('preview').locator('img[src$="/images/blogImg/2024-01-16-1.png"]')).toHaveCount(2)
  await expect(page.locator('.toast', { hasText: 'reused 1 existing' })).toBeVisible()

  await editorContent(page).press('Control+z')
  await expect.poll(() => editorText(page)).toBe(original)
  await expectSaveState(page, 'saved')
  expect(inkpost.readPost(SAMPLE_POST)).toBe(original)
})

test('pasting an image from the clipboard imports it at the caret', async ({ page, inkpost }) => {
  await openApp(page, inkpost)
  await openPost(page, SAMPLE_POST)
  const line = editorContent(page).locator('.cm-line', { hasText: TARGET_LINE })
  await line.click()
  await page.keyboard.press('End')
  const clipboardData = await dataTransferOf(page, [asDropFile('image.png', await png(100, 50, [250, 200, 0]))])
  await editorContent(page).evaluate((el, transfer) => {
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer as DataTransfer, bubbles: true, cancelable: true }))
  }, clipboardData)
  await expect.poll(() => existsSync(join(imageFolder(inkpost.siteDir), '2024-01-16-5.png'))).toBe(true)
  await expect.poll(() => editorText(page)).toContain(`${TARGET_LINE}\n\n${figureFor('/images/blogImg/2024-01-16-5.png', 'image', 'image')}\n\n`)
  await expect(page.getByTestId('preview').locator('img[src$="/images/blogImg/2024-01-16-5.png"]')).toBeVisible()
})

test('a file that is not an image is refused with a message, and a drop outside the editor neither navigates nor inserts', async ({ page, inkpost }) => {
  const original = inkpost.readPost(SAMPLE_POST)
  const before = readdirSync(imageFolder(inkpost.siteDir)).sort()
  await openApp(page, inkpost)
  await openPost(page, SAMPLE_POST)
  const url = page.url()
  // text pretending to be a PNG: refused by its bytes
  await dropOnLine(page, editorContent(page).locator('.cm-line', { hasText: TARGET_LINE }), [asDropFile('notes.png', Buffer.from('just some notes, not a picture'), 'image/png')])
  await expect(page.locator('.toast--error', { hasText: '"notes.png" is not an image' })).toBeVisible()

  const dataTransfer = await dataTransferOf(page, [asDropFile('stray.png', await png(20, 20, [1, 2, 3]))])
  await page.getByTestId('preview').dispatchEvent('dragover', { dataTransfer })
  const prevented = await page.getByTestId('preview').evaluate((el, transfer) => {
    const event = new DragEvent('drop', { dataTransfer: transfer as DataTransfer, bubbles: true, cancelable: true })
    el.dispatchEvent(event)
    return event.defaultPrevented
  }, dataTransfer)
  expect(prevented).toBe(true)
  expect(page.url()).toBe(url)
  expect(await editorText(page)).toBe(original)
  expect(readdirSync(imageFolder(inkpost.siteDir)).sort()).toEqual(before)
})

test('the images panel shows each figure’s state, marks a missing one in the editor, and the site report deletes an unused image', async ({ page, inkpost }) => {
  const post = 'blog/2024-02-01-figures.md'
  inkpost.writePost(post, '---\ntitle: Figures\ndate: 2024-02-01\n---\n\nIntro.\n\n![gone](/images/blogImg/missing-figure.png)\n\n![there](/images/blogImg/2024-01-16-2.png)\n')
  writeFileSync(join(imageFolder(inkpost.siteDir), 'unused-old.png'), await png(30, 30, [90, 90, 90]))
  await openApp(page, inkpost)
  await openPost(page, post)
  if (!(await page.getByTestId('assets-panel').isVisible())) await page.getByTestId('toggle-assets').click()
  const panel = page.getByTestId('assets-panel')
  await expect(panel.locator('[data-testid="asset-row"][data-state="missing"]')).toHaveAttribute('data-src', '/images/blogImg/missing-figure.png')
  await expect(panel.locator('[data-testid="asset-row"][data-state="ok"]')).toContainText('2024-01-16-2.png')
  await expect(panel.locator('[data-testid="asset-row"][data-state="ok"]')).toContainText(/\d+×\d+/)
  await expect(panel.getByTestId('assets-summary')).toHaveText('2 images · 1 broken')
  const mark = editorContent(page).getByTestId('broken-image')
  await expect(mark).toHaveText('/images/blogImg/missing-figure.png')
  await expect(mark).toHaveAttribute('title', /Image not found/)

  await panel.getByTestId('open-site-report').click()
  const dialog = page.getByTestId('site-images-dialog')
  await expect(dialog.getByTestId('unused-images')).toContainText('public/images/blogImg/unused-old.png')
  await expect(dialog.getByTestId('missing-images')).toContainText('/images/blogImg/missing-figure.png')
  await expect(dialog.getByTestId('missing-images')).toContainText(`${post}:8`)
  await saveScreenshot(page, 'site-images-report')
  await dialog.getByTestId('delete-unused').click()
  await dialog.getByTestId('confirm-delete-unused-ok').click()
  await expect(page.locator('.toast', { hasText: 'Moved 1 unused image to the trash' })).toBeVisible()
  expect(existsSync(join(imageFolder(inkpost.siteDir), 'unused-old.png'))).toBe(false)
  expect(existsSync(join(imageFolder(inkpost.siteDir), '2024-01-16-2.png'))).toBe(true)
  await expect(dialog.getByTestId('site-images-summary')).toContainText('0 unused')
})
