// Browser mode: the preview of a long post keeps up. Typing redraws only the block it changes (the
// others keep their DOM nodes), blocks carry the source line the parser reported, and the outline
// jumps to a setext heading and to the second of two headings with the same text.
import { caretToEnd, editorContent, ensurePanel, expect, openApp, test } from '../fixtures/app-page'
import { SAMPLE_POST } from '../fixtures/paths'

const LONG_POST = 'blog/long-post.md'

test('typing at the end of a long post redraws only the changed block; the others keep their DOM nodes', async ({ page, inkpost }) => {
  const sample = inkpost.readPost(SAMPLE_POST)
  const body = sample.slice(sample.indexOf('\n---', 3) + 4)
  inkpost.writePost(LONG_POST, sample.replace(/^title: .*$/m, 'title: Long post') + ('\n\n' + body).repeat(9) + '\n\nThe last paragraph.\n')
  await openApp(page, inkpost, `#/post/${LONG_POST}`)
  const preview = page.getByTestId('preview')
  await expect(preview.locator('p', { hasText: 'The last paragraph.' })).toBeVisible({ timeout: 20_000 })
  const blocks = await preview.locator('.post-body > [data-key]').count()
  expect(blocks).toBeGreaterThan(400)

  // tag every block's DOM node, type, then count the tagged nodes still in the preview
  await page.evaluate(() => {
    for (const el of Array.from(document.querySelectorAll('.post-body > [data-key]'))) (el as HTMLElement & { inkpostMark?: boolean }).inkpostMark = true
  })
  await caretToEnd(page)
  await page.keyboard.press('ArrowUp')
  await page.keyboard.press('End')
  await page.keyboard.type(' Typed.')
  await expect(preview.locator('p', { hasText: 'The last paragraph. Typed.' })).toBeVisible()
  const kept = await page.evaluate(() => Array.from(document.querySelectorAll('.post-body > [data-key]')).filter((el) => (el as HTMLElement & { inkpostMark?: boolean }).inkpostMark).length)
  expect(kept).toBe(blocks - 1)

  // each block's data-line is the line the parser says it starts on: the headings' lines start with #
  const headingLines = await preview.locator('.post-body > h2[data-line]').evaluateAll((els) => els.slice(0, 30).map((el) => Number((el as HTMLElement).dataset.line)))
  const lines = inkpost.readPost(LONG_POST).split('\n')
  expect(headingLines.length).toBeGreaterThan(10)
  for (const line of headingLines) expect(lines[line - 1]).toMatch(/^## /)
})

test('the outline jumps to a setext heading and to the second of two headings with the same text', async ({ page, inkpost }) => {
  const filler = (n: number) => Array.from({ length: 30 }, (_, i) => `Paragraph ${n}.${i} with enough words to take a line of its own.`).join('\n\n')
  inkpost.writePost('blog/headings.md', `---\ntitle: Headings\n---\n\n## Same\n\n${filler(1)}\n\nSetext heading\n--------------\n\n${filler(2)}\n\n## Same\n\nThe second one.\n\n${filler(3)}\n`)
  await openApp(page, inkpost, '#/post/blog/headings.md')
  const outline = await ensurePanel(page, 'outline', 'toggle-outline')
  await outline.getByRole('button', { name: 'Same' }).nth(1).click()
  const text = inkpost.readPost('blog/headings.md')
  const secondSameLine = text.slice(0, text.lastIndexOf('## Same')).split('\n').length
  await expect.poll(() => page.evaluate(() => {
    const view = (document.querySelector('.cm-content') as unknown as { cmTile: { root: { view: { state: { doc: { lineAt(n: number): { number: number } } ; selection: { main: { head: number } } } } } } }).cmTile.root.view
    return view.state.doc.lineAt(view.state.selection.main.head).number
  })).toBe(secondSameLine)
  await outline.getByRole('button', { name: 'Setext heading' }).click()
  const setextLine = text.slice(0, text.indexOf('Setext heading')).split('\n').length
  await expect.poll(() => page.evaluate(() => {
    const view = (document.querySelector('.cm-content') as unknown as { cmTile: { root: { view: { state: { doc: { lineAt(n: number): { number: number } } ; selection: { main: { head: number } } } } } } }).cmTile.root.view
    return view.state.doc.lineAt(view.state.selection.main.head).number
  })).toBe(setextLine)
  await expect(editorContent(page)).toBeVisible()
})
