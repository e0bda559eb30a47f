// Browser mode: formatting shortcuts toggle like writing apps (Ctrl+B twice leaves nothing behind,
// Ctrl+B inside **word** unmarks it, Ctrl+K makes a link, from the clipboard's URL too), Ctrl+P finds
// and opens a post by title or file name, Ctrl+Shift+P lists every command with its shortcut and runs one.
import type { Page } from '@playwright/test'
import { caretToEnd, editorContent, expect, expectPostOpen, openApp, openPost, saveScreenshot, test, typeText } from '../fixtures/app-page'
import { SAMPLE_POST } from '../fixtures/paths'

const KIMCHI_POST = 'recipes/2024-02-10-kimchi-stew.md'
const KIMCHI_TITLE = '김치찌개 끓이는 법과 재료 정리'

/** The editor line the caret is on (CodeMirror marks it active). */
function caretLine(page: Page) {
  return editorContent(page).locator('.cm-activeLine')
}

test('Ctrl+B toggles: twice with no selection leaves the text unchanged, inside **word** it unmarks the word', async ({ page, inkpost }) => {
  await openApp(page, inkpost)
  await openPost(page, SAMPLE_POST)
  await caretToEnd(page)
  await typeText(page, '\n\nplain ')
  await expect(caretLine(page)).toHaveText('plain ')

  await page.keyboard.press('Control+b')
  await expect(caretLine(page)).toHaveText('plain ****')
  await page.keyboard.press('Control+b')
  await expect(caretLine(page), 'the second press removes the empty pair').toHaveText('plain ')

  // first press, type, and the word is bold; pressing inside it again unmarks it
  await page.keyboard.press('Control+b')
  await page.keyboard.insertText('굵게')
  await expect(caretLine(page)).toHaveText('plain **굵게**')
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('Control+b')
  await expect(caretLine(page)).toHaveText('plain 굵게')
  // one undo step brings the marks back
  await page.keyboard.press('Control+z')
  await expect(caretLine(page)).toHaveText('plain **굵게**')

  // strikethrough and inline code toggle the same way
  await page.keyboard.press('End')
  await page.keyboard.insertText(' ')
  await page.keyboard.press('Control+Shift+x')
  await page.keyboard.press('Control+Shift+x')
  await page.keyboard.press('Control+e')
  await page.keyboard.insertText('npm')
  await expect(caretLine(page)).toHaveText('plain **굵게** `npm`')
  await expect(page.getByTestId('preview').locator('p', { hasText: 'plain' }).locator('code')).toHaveText('npm')
})

test('Ctrl+K makes [text](url) with "text" selected, and uses a URL from the clipboard for a selection', async ({ page, inkpost }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(inkpost.url).origin })
  await openApp(page, inkpost)
  await openPost(page, SAMPLE_POST)
  await caretToEnd(page)
  await typeText(page, '\n\n')
  await page.evaluate(() => navigator.clipboard.writeText('not a url'))

  await page.keyboard.press('Control+k')
  await expect(caretLine(page)).toHaveText('[text](url)')
  await page.keyboard.insertText('Nuxt') // "text" was selected: typing replaces it
  await expect(caretLine(page)).toHaveText('[Nuxt](url)')

  await page.keyboard.press('End')
  await page.keyboard.insertText(' and the docs')
  for (let i = 0; i < 'docs'.length; i++) await page.keyboard.press('Shift+ArrowLeft')
  await page.evaluate(() => navigator.clipboard.writeText('https://content.nuxt.com/'))
  await page.keyboard.press('Control+k')
  await expect(caretLine(page)).toHaveText('[Nuxt](url) and the [docs](https://content.nuxt.com/)')
  await expect(page.getByTestId('preview').locator('a[href="https://content.nuxt.com/"]')).toHaveText('docs')
})

test('Ctrl+P finds a post by a Korean title fragment or its file name and opens it; Esc closes it', async ({ page, inkpost }) => {
  inkpost.writePost(KIMCHI_POST, `---\ntitle: '${KIMCHI_TITLE}'\ndate: '2024-02-10'\ntags: [요리]\n---\n\nKIMCHI-BODY\n`)
  await openApp(page, inkpost)
  await openPost(page, SAMPLE_POST)
  await editorContent(page).click()

  // from inside the editor, Ctrl+P opens ours, not the browser's print dialog
  await page.keyboard.press('Control+p')
  const switcher = page.getByTestId('quick-switcher')
  await expect(switcher).toBeVisible()
  await expect(switcher).toHaveAttribute('role', 'dialog')
  await expect(page.getByTestId('quick-switcher-input')).toBeFocused()
  await page.keyboard.insertText('끓이는')
  const options = switcher.getByTestId('quick-switcher-option')
  await expect(options).toHaveCount(1)
  await expect(options.first()).toContainText(KIMCHI_TITLE)
  await expect(options.first()).toContainText(KIMCHI_POST)
  await expect(options.first()).toHaveAttribute('aria-selected', 'true')
  await saveScreenshot(page, 'quick-switcher')
  await page.keyboard.press('Enter')
  await expect(switcher).toBeHidden()
  await expectPostOpen(page, KIMCHI_POST)
  await expect(editorContent(page)).toContainText('KIMCHI-BODY')

  // by file name: a fragment only the file name has, chosen with the arrow keys
  await page.keyboard.press('Control+p')
  await page.keyboard.insertText('01-16')
  await expect(options.first()).toContainText(SAMPLE_POST)
  await page.keyboard.press('ArrowDown') // wraps around a one-item list
  await page.keyboard.press('Enter')
  await expectPostOpen(page, SAMPLE_POST)

  // Esc closes it and gives the focus back to the editor
  await editorContent(page).click()
  await page.keyboard.press('Control+p')
  await expect(switcher).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(switcher).toBeHidden()
  await expect(editorContent(page)).toBeFocused()
})

test('Ctrl+Shift+P lists every command with its shortcut and runs "Toggle outline"', async ({ page, inkpost }) => {
  await openApp(page, inkpost)
  await openPost(page, SAMPLE_POST)
  await editorContent(page).click()
  const outlineShown = await page.getByTestId('outline').isVisible()

  await page.keyboard.press('Control+Shift+P')
  const palette = page.getByTestId('command-palette')
  await expect(palette).toBeVisible()
  const options = palette.getByTestId('command-palette-option')
  expect(await options.count()).toBeGreaterThanOrEqual(25)
  for (const [id, title, keys] of [['bold', 'Bold', 'Ctrl+B'], ['italic', 'Italic', 'Ctrl+I'], ['code', 'Inline code', 'Ctrl+E'], ['strikethrough', 'Strikethrough', 'Ctrl+Shift+X'], ['link', 'Link', 'Ctrl+K'],
    ['save', 'Save', 'Ctrl+S'], ['quick-open', 'Go to post…', 'Ctrl+P'], ['find', 'Find and replace', 'Ctrl+F'], ['heading-2', 'Heading 2', 'Ctrl+Alt+2'], ['undo', 'Undo', 'Ctrl+Z']]) {
    const option = palette.locator(`[data-command="${id}"]`)
    await expect(option.locator('.palette__title'), id).toHaveText(title)
    await expect(option.getByTestId('command-shortcut'), id).toHaveText(keys)
  }
  for (const title of ['New post…', 'Export publish-ready bundle…', 'Import a site-cache entry as a post…', 'Toggle library', 'Toggle frontmatter form', 'Toggle problems', 'Toggle images panel', 'Site images report…']) {
    await expect(options.filter({ hasText: title }), title).toHaveCount(1)
  }
  await saveScreenshot(page, 'command-palette')
  await page.emulateMedia({ colorScheme: 'dark' })
  await saveScreenshot(page, 'command-palette-dark')
  await page.emulateMedia({ colorScheme: 'light' })

  await page.keyboard.insertText('toggle outline')
  await expect(options.first()).toContainText('Toggle outline')
  await page.keyboard.press('Enter')
  await expect(palette).toBeHidden()
  await expect(page.getByTestId('outline')).toBeVisible({ visible: !outlineShown })
  await expect(editorContent(page)).toBeFocused()

  // a formatting command from the palette acts on the editor
  await caretToEnd(page)
  await typeText(page, '\n\nfrom palette')
  for (let i = 0; i < 'palette'.length; i++) await page.keyboard.press('Shift+ArrowLeft')
  await page.keyboard.press('Control+Shift+P')
  await page.keyboard.insertText('bold')
  await page.keyboard.press('Enter')
  await expect(caretLine(page)).toHaveText('from **palette**')
})
