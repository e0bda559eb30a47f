// Browser mode: Korean IME composition in the editor, driven through Chromium's real IME events
// (CDP Input.imeSetComposition / insertText), must survive the live preview and the autosave timer.
import { caretToEnd, editorContent, expect, expectSaveState, openApp, openPost, test } from '../fixtures/app-page'
import { SAMPLE_POST } from '../fixtures/paths'

/** The steps a 2-beolsik Korean keyboard shows while typing 안녕하세요 (each is the composing text). */
const STEPS = ['ㅇ', '아', '안', '안ㄴ', '안녀', '안녕', '안녕ㅎ', '안녕하', '안녕핫', '안녕하세', '안녕하세ㅇ', '안녕하세요']

test('Korean IME composition is not broken by the preview or autosave', async ({ page, inkpost }) => {
  const original = inkpost.readPost(SAMPLE_POST)
  await openApp(page, inkpost)
  await openPost(page, SAMPLE_POST)
  await caretToEnd(page)
  const cdp = await page.context().newCDPSession(page)

  for (const [i, text] of STEPS.entries()) {
    await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length })
    // halfway through, stay composing longer than the 1 s autosave delay: nothing may be saved or
    // replaced meanwhile. Checking that nothing happens in a time window needs that window to pass.
    if (i === 5) {
      await expect(editorContent(page).locator('.cm-line').last(), 'the composing text is in the editor').toHaveText('안녕')
      await page.waitForTimeout(1_300)
      await expect(editorContent(page).locator('.cm-line').last()).toHaveText('안녕')
    }
  }
  expect(inkpost.readPost(SAMPLE_POST), 'nothing saved while composing').toBe(original)
  await cdp.send('Input.insertText', { text: '안녕하세요' })
  await cdp.detach()

  await expect(editorContent(page).locator('.cm-line').last()).toHaveText('안녕하세요')
  await expect(page.getByTestId('preview')).toContainText('안녕하세요')
  await expectSaveState(page, 'saved')
  expect(inkpost.readPost(SAMPLE_POST)).toBe(original + '안녕하세요')
})
