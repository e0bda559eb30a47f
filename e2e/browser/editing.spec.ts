// Browser mode: writing in the LLaMA 2 post — typing updates the preview, the frontmatter form and
// the YAML follow each other, the outline moves editor and preview.
import { parse as parseYaml } from 'yaml'
import { caretToEnd, editorContent, ensurePanel, expect, expectSaveState, openApp, openPost, positionInScroller, saveScreenshot, test, typeText, visibleEditorText } from '../fixtures/app-page'
import { SAMPLE_POST, SAMPLE_TITLE } from '../fixtures/paths'

/** The frontmatter block at the top of `text` parsed as YAML, plus its keys in order. */
function frontmatterOf(text: string): { data: Record<string, unknown>; keys: string[] } {
  const match = /^---\n([\s\S]*?)\n---(?:\n|$)/.exec(text)
  if (!match) throw new Error(`no frontmatter block at the top of:\n${text.slice(0, 300)}`)
  const data = parseYaml(match[1]) as Record<string, unknown>
  return { data, keys: Object.keys(data) }
}

test('typing in the editor changes the preview, then autosave writes it', async ({ page, inkpost }) => {
  const original = inkpost.readPost(SAMPLE_POST)
  await openApp(page, inkpost)
  await openPost(page, SAMPLE_POST)
  const preview = page.getByTestId('preview')
  await expect(preview.locator('h2', { hasText: 'E2E로 추가한 섹션' })).toHaveCount(0)

  await caretToEnd(page)
  await typeText(page, '\n## E2E로 추가한 섹션\n\n')
  await page.keyboard.type('한국어로 입력한 문단과 **굵은 글씨**.')
  await typeText(page, '\n\n```ts\nconst answer = 42\n```\n')
  await expectSaveState(page, 'dirty')

  await expect(preview.locator('h2', { hasText: 'E2E로 추가한 섹션' })).toBeVisible()
  await expect(preview.locator('p', { hasText: '한국어로 입력한 문단과' }).locator('strong')).toHaveText('굵은 글씨')
  await expect(preview.locator('pre code', { hasText: 'const answer = 42' })).toBeVisible()
  await expect(page.getByTestId('status-cursor')).toContainText(/\d/)

  // autosave: 1 s after typing stops the file on disk holds exactly the typed text
  await expectSaveState(page, 'saved')
  expect(inkpost.readPost(SAMPLE_POST)).toBe(original + '\n## E2E로 추가한 섹션\n\n한국어로 입력한 문단과 **굵은 글씨**.\n\n```ts\nconst answer = 42\n```\n')
})

test('editing the title in the frontmatter form rewrites the YAML in place, and typed YAML updates the form', async ({ page, inkpost }) => {
  await openApp(page, inkpost)
  await openPost(page, SAMPLE_POST)
  const form = await ensurePanel(page, 'frontmatter-form', 'toggle-frontmatter')

  await expect(form.getByTestId('fm-title')).toHaveValue(SAMPLE_TITLE)
  await expect(form.getByTestId('fm-date')).toHaveValue('2024-01-16')
  await expect(form.getByTestId('fm-draft')).not.toBeChecked()
  await expect(form.getByTestId('fm-summary')).toHaveValue('2023년 7월 공개된 LLaMA2 논문 리뷰 글 입니다.')
  for (const tag of ['LLM', 'LLaMA2', 'paper review', 'NLP']) await expect(form.getByTestId('fm-tags')).toContainText(tag)
  const before = frontmatterOf(await visibleEditorText(page))

  const newTitle = 'LLaMA 2 논문 리뷰: 개정판'
  await form.getByTestId('fm-title').fill(newTitle)
  await expect.poll(async () => frontmatterOf(await visibleEditorText(page)).data.title, { message: 'the YAML title follows the form' }).toBe(newTitle)
  const after = frontmatterOf(await visibleEditorText(page))
  expect(after.keys, 'key order kept').toEqual(before.keys)
  expect({ ...after.data, title: before.data.title }, 'other keys untouched').toEqual(before.data)
  await expect(page.getByTestId('preview').getByRole('heading', { name: newTitle })).toBeVisible()

  // a tag added in the form lands in the YAML list
  await form.getByTestId('fm-tags-input').fill('e2e')
  await form.getByTestId('fm-tags-input').press('Enter')
  await expect.poll(async () => frontmatterOf(await visibleEditorText(page)).data.tags).toEqual(['LLM', 'LLaMA2', 'paper review', 'NLP', 'e2e'])
  await expectSaveState(page, 'dirty')
  await saveScreenshot(page, 'frontmatter-form')

  // typing in the YAML updates the form: draft: false → true
  const draftLine = editorContent(page).locator('.cm-line', { hasText: /^draft: false$/ })
  await draftLine.click()
  await page.keyboard.press('End')
  for (let i = 0; i < 'false'.length; i++) await page.keyboard.press('Backspace')
  await page.keyboard.type('true')
  await expect(form.getByTestId('fm-draft')).toBeChecked()
  expect(frontmatterOf(await visibleEditorText(page)).data.draft).toBe(true)
})

test('clicking an outline entry scrolls the editor and the preview to that section', async ({ page, inkpost }) => {
  await openApp(page, inkpost)
  await openPost(page, SAMPLE_POST)
  const outline = await ensurePanel(page, 'outline', 'toggle-outline')
  const items = outline.getByTestId('outline-item')
  await expect(items).toHaveCount(10)
  await expect(items.first()).toHaveAttribute('data-id', '_1-pre-training')
  await expect(items.last()).toHaveAttribute('data-id', '참고자료')

  const heading = page.getByTestId('preview').locator('h2', { hasText: '8. RLHF: Proximal Policy Optimization' })
  const sourceLine = editorContent(page).locator('.cm-line', { hasText: '## 8. RLHF: Proximal Policy Optimization' })
  expect((await positionInScroller(heading)).visible, 'section 8 starts out of view').toBe(false)
  // CodeMirror may not even render a line that far down yet; if it does, it is out of view
  if (await sourceLine.count()) expect((await positionInScroller(sourceLine)).visible, 'the "## 8." line starts out of view').toBe(false)

  await outline.locator('[data-testid="outline-item"][data-id="_8-rlhf-proximal-policy-optimization"]').click()
  await expect.poll(async () => {
    const where = await positionInScroller(heading)
    return where.visible && where.top >= -4 && where.top < where.height / 2
  }, { message: 'preview scrolled section 8 to the upper half' }).toBe(true)
  await expect(sourceLine).toHaveCount(1)
  await expect.poll(async () => {
    const where = await positionInScroller(sourceLine)
    return where.visible && where.scrollTop > 0 && where.top >= -4 && where.top < where.height / 2
  }, { message: 'editor scrolled the "## 8." line to the upper half' }).toBe(true)
  await saveScreenshot(page, 'outline')

  // and back up again
  await outline.locator('[data-testid="outline-item"][data-id="_1-pre-training"]').click()
  await expect.poll(async () => (await positionInScroller(page.getByTestId('preview').locator('h2', { hasText: '1. Pre-Training' }))).visible).toBe(true)
})

test('scroll sync: scrolling the preview moves the editor to the same place, and the editor moves the preview', async ({ page, inkpost }) => {
  await openApp(page, inkpost)
  await openPost(page, SAMPLE_POST)
  const preview = page.getByTestId('preview')

  // the reader scrolls the preview down to the third figure (mouse wheel over the preview)
  const figure = preview.locator('figure').nth(2)
  await preview.hover()
  expect((await positionInScroller(figure)).visible, 'the third figure starts out of view').toBe(false)
  await page.mouse.wheel(0, (await positionInScroller(figure)).top - 100)
  await expect.poll(async () => {
    const where = await positionInScroller(figure)
    return where.visible && where.top < where.height / 2
  }, { message: 'the wheel brought the third figure into the upper half of the preview' }).toBe(true)
  const figureSource = editorContent(page).locator('.cm-line', { hasText: '/images/blogImg/2024-01-16-3.png' })
  await expect.poll(async () => (await figureSource.count()) > 0 && (await positionInScroller(figureSource)).visible, { message: 'the editor shows the figure source' }).toBe(true)

  // the writer jumps to the end of the text in the editor: the preview follows to the last section
  await caretToEnd(page)
  const lastItem = preview.locator('li', { hasText: "Auto Regressive Models, ratsgo's blog" })
  await expect.poll(async () => (await positionInScroller(lastItem)).visible, { message: 'the preview shows the end of the post' }).toBe(true)
  await page.keyboard.press('Control+Home')
  await expect.poll(async () => (await positionInScroller(preview.getByRole('heading', { name: SAMPLE_TITLE }))).visible, { message: 'the preview is back at the top' }).toBe(true)
})
