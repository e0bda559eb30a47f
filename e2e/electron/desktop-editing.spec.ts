// Desktop app: writing in the LLaMA 2 post — typing updates the preview, the frontmatter form edits
// the YAML, the outline moves editor and preview.
import { caretToEnd, editorContent, ensurePanel, expectSaveState, openPost, positionInScroller, visibleEditorText } from '../fixtures/app-page'
import { SAMPLE_POST, SAMPLE_TITLE } from '../fixtures/paths'
import { expect, skipWithoutElectron, test, waitForWindow } from './electron-app'

skipWithoutElectron('desktop-editing.spec.ts')

test('typing in the editor changes the preview', async ({ desktop }) => {
  const { page } = desktop
  await waitForWindow(page)
  await openPost(page, SAMPLE_POST)
  await caretToEnd(page)
  await page.keyboard.insertText('\n## 데스크톱에서 추가한 섹션\n\n')
  await page.keyboard.type('Electron 창에서 입력한 문단.')
  await expectSaveState(page, 'dirty')
  const preview = page.getByTestId('preview')
  await expect(preview.locator('h2', { hasText: '데스크톱에서 추가한 섹션' })).toBeVisible()
  await expect(preview).toContainText('Electron 창에서 입력한 문단.')
})

test('editing the title in the frontmatter form changes the YAML', async ({ desktop }) => {
  const { page } = desktop
  await waitForWindow(page)
  await openPost(page, SAMPLE_POST)
  const form = await ensurePanel(page, 'frontmatter-form', 'toggle-frontmatter')
  await expect(form.getByTestId('fm-title')).toHaveValue(SAMPLE_TITLE)
  await form.getByTestId('fm-title').fill('데스크톱 제목')
  // the YAML line changes in place (quoting style is the form's choice)
  await expect.poll(() => visibleEditorText(page)).toMatch(/^title: (['"]?)데스크톱 제목\1$/m)
  await expect(page.getByTestId('preview').getByRole('heading', { name: '데스크톱 제목' })).toBeVisible()
})

test('clicking an outline entry scrolls editor and preview to it', async ({ desktop }) => {
  const { page } = desktop
  await waitForWindow(page)
  await openPost(page, SAMPLE_POST)
  const outline = await ensurePanel(page, 'outline', 'toggle-outline')
  const heading = page.getByTestId('preview').locator('h2', { hasText: '8. RLHF: Proximal Policy Optimization' })
  expect((await positionInScroller(heading)).visible).toBe(false)
  await outline.locator('[data-testid="outline-item"][data-id="_8-rlhf-proximal-policy-optimization"]').click()
  await expect.poll(async () => (await positionInScroller(heading)).visible).toBe(true)
  const line = editorContent(page).locator('.cm-line', { hasText: '## 8. RLHF: Proximal Policy Optimization' })
  await expect.poll(async () => (await line.count()) > 0 && (await positionInScroller(line)).visible).toBe(true)
})
