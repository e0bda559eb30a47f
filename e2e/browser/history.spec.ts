// Browser mode: the window's history follows the posts opened in the app — Back and Forward move
// between them (editor and URL), and never leave the app.
import { expect, expectPostOpen, openApp, openPost, test, visibleEditorText } from '../fixtures/app-page'
import { SAMPLE_POST } from '../fixtures/paths'

const OTHER_POST = 'blog/2024-02-10-history-second.md'

test('Back and Forward after opening two posts move between them and stay in the app', async ({ page, inkpost }) => {
  inkpost.writePost(OTHER_POST, "---\ntitle: 'Second post for history'\ndate: '2024-02-10'\n---\n\nSECOND-POST-BODY\n")
  await openApp(page, inkpost)
  const appOrigin = new URL(page.url()).origin
  await openPost(page, SAMPLE_POST)
  await expect(page).toHaveURL(/#\/post\/blog\/2024-01-16-llama2\.md$/)
  await openPost(page, OTHER_POST)
  await expect(page).toHaveURL(/#\/post\/blog\/2024-02-10-history-second\.md$/)
  await expect.poll(() => visibleEditorText(page)).toContain('SECOND-POST-BODY')

  await page.goBack()
  await expectPostOpen(page, SAMPLE_POST)
  await expect(page).toHaveURL(/#\/post\/blog\/2024-01-16-llama2\.md$/)
  await expect.poll(() => visibleEditorText(page)).not.toContain('SECOND-POST-BODY')
  expect(new URL(page.url()).origin, 'still in the app').toBe(appOrigin)
  await expect(page.getByTestId('app')).toBeVisible()

  await page.goForward()
  await expectPostOpen(page, OTHER_POST)
  await expect(page).toHaveURL(/#\/post\/blog\/2024-02-10-history-second\.md$/)
  await expect.poll(() => visibleEditorText(page)).toContain('SECOND-POST-BODY')

  await page.goBack()
  await expectPostOpen(page, SAMPLE_POST)
  expect(new URL(page.url()).origin, 'still in the app').toBe(appOrigin)
  await expect(page.getByTestId('library')).toBeVisible()
})
