// Browser mode's access token (issue 12, item 3): the printed URL is the way in, the token leaves
// the address bar, no cookie is ever set, and a reload still works (the tab keeps the token in
// sessionStorage): the library, the preview's images and the event stream all keep working.
import { expect, expectPostOpen, libraryItem, openApp, openPost, test } from '../fixtures/app-page'
import { SAMPLE_POST } from '../fixtures/paths'

test('the token survives a reload without any cookie; images and events keep working', async ({ page, inkpost }) => {
  await openApp(page, inkpost)
  await expect(libraryItem(page, SAMPLE_POST)).toBeVisible()
  expect(new URL(page.url()).searchParams.has('token')).toBe(false)
  expect(await page.context().cookies()).toEqual([])

  await page.reload()
  await expect(libraryItem(page, SAMPLE_POST)).toBeVisible()
  await openPost(page, SAMPLE_POST)
  await expectPostOpen(page, SAMPLE_POST)
  const image = page.getByTestId('preview').locator('img').first()
  await image.scrollIntoViewIfNeeded()
  expect(await image.getAttribute('src')).toMatch(/^\/site-file\/[0-9a-f]{32}\/images\//)
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBeGreaterThan(0)

  // an external change arrives over the event stream of the reloaded page
  inkpost.writePost('blog/2024-05-05-from-outside.md', "---\ntitle: 'Written outside'\ndate: '2024-05-05'\n---\n\nHello.\n")
  await expect(libraryItem(page, 'blog/2024-05-05-from-outside.md')).toBeVisible({ timeout: 15_000 })
  expect(await page.context().cookies()).toEqual([])
})

test('a fresh tab without the token gets no data', async ({ page, inkpost }) => {
  const replies: number[] = []
  page.on('response', (response) => { if (response.url().includes('/api/')) replies.push(response.status()) })
  await page.goto(inkpost.origin + '/')
  await expect.poll(() => replies.length).toBeGreaterThan(0)
  expect(replies.every((status) => status === 401)).toBe(true)
  await expect(libraryItem(page, SAMPLE_POST)).toHaveCount(0)
})
