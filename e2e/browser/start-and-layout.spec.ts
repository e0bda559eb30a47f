// Browser mode: the layout a writer shapes — every panel's divider drags (mouse) and is remembered
// after a reload, the view-mode shortcut (editor only / preview only), the narrow 1024×700 window
// with every panel open (nothing at zero width, the form uncut), and the Ctrl+F search panel in the
// app's own colours, light and dark. Screenshots: test-results/screenshots/layout-*.png, search-*.png.
import type { Locator, Page } from '@playwright/test'
import { expect, expectPostOpen, openApp, saveScreenshot, test } from '../fixtures/app-page'
import { SAMPLE_POST } from '../fixtures/paths'

/** Drags the divider named `name` by `dx`/`dy` px with the mouse, in a few steps as a hand does. */
async function dragDivider(page: Page, name: string, dx: number, dy = 0): Promise<void> {
  const box = (await page.getByRole('separator', { name, exact: true }).boundingBox())!
  const x = box.x + box.width / 2
  const y = box.y + box.height / 2
  await page.mouse.move(x, y)
  await page.mouse.down()
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 4 })
  await page.mouse.move(x + dx, y + dy, { steps: 4 })
  await page.mouse.up()
}

const width = async (locator: Locator) => (await locator.boundingBox())?.width ?? 0
const height = async (locator: Locator) => (await locator.boundingBox())?.height ?? 0

/** Opens the sample post with every panel (library, outline, images, frontmatter form) shown. */
async function openWithEveryPanel(page: Page, inkpost: Parameters<typeof openApp>[1]): Promise<void> {
  await openApp(page, inkpost, `#/post/${SAMPLE_POST}`)
  await expectPostOpen(page, SAMPLE_POST)
  for (const toggle of ['toggle-outline', 'toggle-assets', 'toggle-frontmatter']) {
    const button = page.getByTestId(toggle)
    if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click()
  }
  await expect(page.getByTestId('outline')).toBeVisible()
  await expect(page.getByTestId('frontmatter-form')).toBeVisible()
  await expect(page.locator('.pane--assets')).toBeVisible()
}

test('every divider drags its panel wider or taller, and the sizes survive a reload', async ({ page, inkpost }) => {
  await page.setViewportSize({ width: 1600, height: 1000 })
  await openWithEveryPanel(page, inkpost)
  const panes = {
    library: page.locator('.pane--library'),
    outline: page.locator('.pane--outline'),
    assets: page.locator('.pane--assets'),
    editor: page.getByTestId('editor-pane'),
    form: page.getByTestId('frontmatter-wrap'),
  }
  const before = { library: await width(panes.library), outline: await width(panes.outline), assets: await width(panes.assets), editor: await width(panes.editor), form: await height(panes.form) }
  await dragDivider(page, 'Resize library', 60)
  await dragDivider(page, 'Resize outline', 50)
  await dragDivider(page, 'Resize images panel', 40)
  await dragDivider(page, 'Resize editor and preview', 70)
  await dragDivider(page, 'Resize frontmatter form', 0, -80)
  await expect.poll(() => width(panes.library)).toBeGreaterThan(before.library + 50)
  await expect.poll(() => width(panes.outline)).toBeGreaterThan(before.outline + 40)
  await expect.poll(() => width(panes.assets)).toBeGreaterThan(before.assets + 30)
  await expect.poll(() => height(panes.form), { message: 'the form got shorter' }).toBeLessThan(before.form - 70)
  const dragged = { library: await width(panes.library), outline: await width(panes.outline), assets: await width(panes.assets), editor: await width(panes.editor), form: await height(panes.form) }
  // the editor got the 70 px, less what the three side panels took from the main area
  expect(dragged.editor).toBeGreaterThan(before.editor + 70 - 150 - 5)
  expect(dragged.editor).not.toBeCloseTo(before.editor, 0)

  await page.reload()
  await expectPostOpen(page, SAMPLE_POST)
  await expect(page.getByTestId('frontmatter-form')).toBeVisible()
  for (const key of ['library', 'outline', 'assets', 'editor'] as const) {
    expect(Math.abs((await width(panes[key])) - dragged[key]), `${key} width remembered`).toBeLessThan(2)
  }
  expect(Math.abs((await height(panes.form)) - dragged.form), 'form height remembered').toBeLessThan(2)

  // a double-click on the form's divider gives it back its natural height
  await page.getByRole('separator', { name: 'Resize frontmatter form', exact: true }).dblclick()
  await expect.poll(() => height(panes.form)).toBeGreaterThan(dragged.form + 70)
})

test('Ctrl+Shift+E cycles editor+preview → editor only → preview only, shown in the toolbar and remembered', async ({ page, inkpost }) => {
  await openApp(page, inkpost, `#/post/${SAMPLE_POST}`)
  await expectPostOpen(page, SAMPLE_POST)
  const editorPane = page.getByTestId('editor-pane')
  const preview = page.getByTestId('preview')
  await expect(page.getByTestId('view-split')).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByTestId('view-editor')).toHaveAttribute('title', /Ctrl\+Shift\+E/)

  await page.getByTestId('editor').locator('.cm-content').click()
  await page.keyboard.press('Control+Shift+E')
  await expect(preview).toBeHidden()
  await expect(editorPane).toBeVisible()
  await expect(page.getByTestId('view-editor')).toHaveAttribute('aria-pressed', 'true')
  expect(await width(editorPane), 'editor only: the editor takes the whole main area').toBeGreaterThan((await width(page.locator('.main-area'))) - 2)

  await page.keyboard.press('Control+Shift+E')
  await expect(editorPane).toBeHidden()
  await expect(preview).toBeVisible()
  await expect(page.getByTestId('view-preview')).toHaveAttribute('aria-pressed', 'true')
  expect(await width(page.locator('.pane--preview'))).toBeGreaterThan((await width(page.locator('.main-area'))) - 2)

  await page.reload()
  await expect(page.getByTestId('view-preview')).toHaveAttribute('aria-pressed', 'true')
  await expect(preview).toBeVisible()
  await expect(editorPane).toBeHidden()

  // the shortcut works from outside the editor too, and the toolbar buttons pick a mode directly
  await page.keyboard.press('Control+Shift+E')
  await expect(editorPane).toBeVisible()
  await expect(preview).toBeVisible()
  await page.getByTestId('view-editor').click()
  await expect(preview).toBeHidden()
  await page.getByTestId('view-split').click()
  await expect(preview).toBeVisible()
})

test('at 1024×700 with every panel open nothing has zero width and the form shows every field unscrolled', async ({ page, inkpost }) => {
  await page.setViewportSize({ width: 1024, height: 700 })
  await openWithEveryPanel(page, inkpost)
  const named: [string, Locator, number][] = [
    ['library', page.locator('.pane--library'), 140],
    ['outline', page.locator('.pane--outline'), 100],
    ['images panel', page.locator('.pane--assets'), 130],
    ['editor', page.getByTestId('editor-pane'), 150],
    ['preview', page.locator('.pane--preview'), 120],
    ['Draft checkbox', page.getByTestId('fm-draft'), 10],
    ['Draft label', page.locator('.field--check'), 40],
    ['date field', page.getByTestId('fm-date'), 100],
    ['title field', page.getByTestId('fm-title'), 100],
  ]
  for (const [name, locator, min] of named) {
    const box = await locator.boundingBox()
    expect(box, `${name} is laid out`).not.toBeNull()
    expect(box!.width, `${name} width`).toBeGreaterThanOrEqual(min)
    expect(box!.height, `${name} height`).toBeGreaterThan(0)
  }
  // the panes fit the window side by side (nothing pushed off the right edge)
  const previewBox = (await page.locator('.pane--preview').boundingBox())!
  expect(previewBox.x + previewBox.width).toBeLessThanOrEqual(1024 + 1)

  const wrap = page.getByTestId('frontmatter-wrap')
  const scroll = await wrap.evaluate((el) => ({ scrollHeight: el.scrollHeight, clientHeight: el.clientHeight }))
  expect(scroll.scrollHeight, 'the form has no inner scrollbar').toBeLessThanOrEqual(scroll.clientHeight + 1)
  const wrapBox = (await wrap.boundingBox())!
  for (const field of ['fm-title', 'fm-description', 'fm-date', 'fm-draft', 'fm-tags', 'fm-summary', 'fm-raw']) {
    const box = (await page.getByTestId(field).boundingBox())!
    expect(box.y + box.height, `${field} inside the form's visible area`).toBeLessThanOrEqual(wrapBox.y + wrapBox.height + 1)
  }
  expect(await height(page.getByTestId('editor')), 'the editor keeps room under the form').toBeGreaterThanOrEqual(100)
  await saveScreenshot(page, 'layout-1024x700-every-panel')
})

/** Computed colours of an element: background, text and border. */
function colours(locator: Locator) {
  return locator.evaluate((el) => {
    const style = getComputedStyle(el)
    return { background: style.backgroundColor, color: style.color, border: style.borderTopColor, radius: style.borderTopLeftRadius, font: style.fontFamily }
  })
}

for (const scheme of ['light', 'dark'] as const) {
  test(`the Ctrl+F search panel uses the app's inputs, buttons and colours (${scheme})`, async ({ page, inkpost }) => {
    await page.emulateMedia({ colorScheme: scheme })
    await openApp(page, inkpost, `#/post/${SAMPLE_POST}`)
    await expectPostOpen(page, SAMPLE_POST)
    await page.getByTestId('editor').locator('.cm-content').click()
    await page.keyboard.press('Control+f')
    const panel = page.locator('.cm-panel.cm-search')
    await expect(panel).toBeVisible()
    await page.keyboard.type('LLaMA')

    const appInput = await colours(page.locator('.library__controls input[type="search"]'))
    const appButton = await colours(page.getByTestId('toolbar-export'))
    const appBody = await colours(page.locator('body'))
    const chrome = await colours(page.locator('.toolbar'))
    const field = await colours(panel.locator('input.cm-textfield[name="search"]'))
    const button = await colours(panel.locator('button.cm-button[name="next"]'))
    const label = await colours(panel.locator('label').first())
    expect(field.background).toBe(appInput.background)
    expect(field.color).toBe(appBody.color)
    expect(field.radius).toBe(appInput.radius)
    expect(field.font).toBe(appBody.font)
    expect(button.background).toBe(appButton.background)
    expect(button.border).toBe(appButton.border)
    expect(button.color).toBe(appBody.color)
    expect(button.radius).toBe(appButton.radius)
    expect(await panel.locator('button.cm-button[name="next"]').evaluate((el) => getComputedStyle(el).backgroundImage)).toBe('none')
    expect((await colours(panel)).background, 'the panel is the toolbar colour').toBe(chrome.background)
    expect(label.color, 'option labels are muted like the app\'s').not.toBe(appBody.color)
    // the two schemes really differ (dark mode is not the light colours)
    expect(appBody.background).toBe(scheme === 'dark' ? 'rgb(22, 24, 29)' : 'rgb(255, 255, 255)')
    await saveScreenshot(page, `search-panel-${scheme}`)
  })
}
