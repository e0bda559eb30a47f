// Browser mode: frontmatter values of any type (objects, arrays, numbers) never blank the window —
// the preview, the library and the form show them as text, and the body still previews.
import { expect, libraryItem, openApp, openPost, test } from '../fixtures/app-page'

test('a post whose title is an object, and whose tags and date are odd, opens and previews', async ({ page, inkpost }) => {
  const file = 'blog/odd-frontmatter.md'
  inkpost.writePost(file, '---\ntitle: {a: 1}\ndescription: [1, 2]\ndate: 12345\ntags: [1, {x: 2}, ok]\n---\n\nThe body still shows.\n')
  await openApp(page, inkpost)
  await expect(libraryItem(page, file)).toContainText('{"a":1}')
  await openPost(page, file)
  const preview = page.getByTestId('preview')
  await expect(preview.locator('p', { hasText: 'The body still shows.' })).toBeVisible()
  await expect(preview.locator('.post-title')).toHaveText('{"a":1}')
  await expect(page.getByTestId('panel-error')).toHaveCount(0)
  // typing still works and still previews
  await page.getByTestId('editor').locator('.cm-content').click()
  await page.keyboard.press('Control+End')
  await page.keyboard.type(' More.')
  await expect(preview.locator('p', { hasText: 'The body still shows. More.' })).toBeVisible()
})
