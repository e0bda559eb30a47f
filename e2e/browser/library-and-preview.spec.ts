// Browser mode: opening the sample site, the LLaMA 2 post and a deep link, as a reader of the
// preview would check them — Korean title, the four figures really loaded, code, quotes, links.
import type { Locator } from '@playwright/test'
import { expect, expectPostOpen, libraryItem, openApp, openPost, saveScreenshot, test } from '../fixtures/app-page'
import { SAMPLE_POST, SAMPLE_TITLE } from '../fixtures/paths'

/** Scrolls each image into view (lazy loading) and waits until it decoded with a real size. */
async function expectImagesLoaded(images: Locator): Promise<void> {
  for (const image of await images.all()) {
    await image.scrollIntoViewIfNeeded()
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)), { message: `image ${await image.getAttribute('src')} loads` }).toBeGreaterThan(0)
  }
}

/** Relative luminance (0 black … 1 white) of the first opaque background from `element` upwards. */
async function backgroundLuminance(element: Locator): Promise<number> {
  return element.evaluate((start) => {
    for (let node: Element | null = start; node; node = node.parentElement) {
      const match = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(getComputedStyle(node).backgroundColor)
      if (match && (match[4] === undefined || Number(match[4]) > 0.5)) {
        const [r, g, b] = [match[1], match[2], match[3]].map((c) => { const v = Number(c) / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4 })
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
      }
    }
    return 1 // nothing opaque: the browser's default white canvas
  })
}

test('opening the sample site lists the LLaMA 2 post in the library', async ({ page, inkpost }) => {
  await openApp(page, inkpost)
  await expect(page.getByTestId('app')).toHaveAttribute('data-site', 'sample-site')
  const item = libraryItem(page, SAMPLE_POST)
  await expect(item).toBeVisible()
  await expect(item).toContainText(SAMPLE_TITLE)
  await expect(item).toContainText('2024-01-16')
  await expect(item).toContainText('LLaMA2')
  const listed = await inkpost.api<Array<{ file: string }>>('library', 'list')
  await expect(page.getByTestId('library-item')).toHaveCount(listed.length)

  // search narrows the list and clearing it brings the post back
  await page.getByTestId('library-search').fill('라마가 아닌 없는 단어 zzzq')
  await expect(page.getByTestId('library-item')).toHaveCount(0)
  await page.getByTestId('library-search').fill('llama')
  await expect(item).toBeVisible()
})

test('opening the LLaMA 2 post previews it like the blog: Korean title, four figures, code, quotes', async ({ page, inkpost }) => {
  await openApp(page, inkpost)
  await openPost(page, SAMPLE_POST)
  const preview = page.getByTestId('preview')

  await expect(preview.getByRole('heading', { name: SAMPLE_TITLE })).toBeVisible()
  const preTraining = preview.locator('h2', { hasText: '1. Pre-Training' })
  await expect(preTraining).toHaveAttribute('id', '_1-pre-training')
  await expect(preview.locator('h2')).toHaveCount(10)
  await expect(preview).toContainText('2023년 7월에 💫같이 등장한 LLaMA2는 Transformer 기반의 LLM으로')

  const figures = preview.locator('figure')
  await expect(figures).toHaveCount(4)
  await expect(figures.first().locator('figcaption')).toHaveText('LLaMA2의 pre-training과 fine-tuning 과정')
  const images = preview.locator('figure img')
  for (let n = 1; n <= 4; n++) await expect(images.nth(n - 1)).toHaveAttribute('src', new RegExp(`/images/blogImg/2024-01-16-${n}\\.png$`))
  await expectImagesLoaded(images)

  await expect(preview.locator('code', { hasText: 'prompt<SEG>response' })).toHaveCount(1)
  const quotes = preview.locator('blockquote')
  await expect(quotes).toHaveCount(2)
  await expect(quotes.first().locator('strong')).toHaveText('MHA와 MQA란?')
  await expect(preview.locator('a[href="https://arxiv.org/abs/2307.09288"]')).toHaveText('LLaMA 2: Open Foundation and Fine-Tuned Chat Models')
  await expect(preview.locator('ol').first().locator('li')).toHaveCount(8)

  await expect(page.getByTestId('status-save')).toHaveAttribute('data-state', 'saved')
  await expect(page.getByTestId('status-chars')).toContainText(/\d/)
  await expect(page.getByTestId('status-words')).toContainText(/\d/)
  await expect(page.getByTestId('status-reading')).toContainText(/\d/)

  await preview.getByRole('heading', { name: SAMPLE_TITLE }).scrollIntoViewIfNeeded()
  await saveScreenshot(page, 'library-editor-preview')
  await preview.locator('figure').nth(1).scrollIntoViewIfNeeded()
  await saveScreenshot(page, 'preview-figure')
})

test('a deep link #/post/<file> opens that post', async ({ page, inkpost }) => {
  await openApp(page, inkpost, `#/post/${SAMPLE_POST}`)
  await expectPostOpen(page, SAMPLE_POST)
  await expect(page.getByTestId('preview').getByRole('heading', { name: SAMPLE_TITLE })).toBeVisible()
  await expect(page.getByTestId('editor')).toContainText("title: 'LLaMA 2 Open Foundation")
  // the token leaves the visible address, the route stays
  await expect(page).toHaveURL(new RegExp(`#/post/${SAMPLE_POST.replace(/[.]/g, '\\.')}$`))
  expect(new URL(page.url()).searchParams.has('token')).toBe(false)

  // a Korean file name, URL-encoded in the link, opens too
  const korean = 'blog/2024-03-02-한글-파일.md'
  inkpost.writePost(korean, "---\ntitle: '한글 파일 이름의 글'\ndate: '2024-03-02'\n---\n\n본문입니다.\n")
  await page.goto(`${inkpost.url}#/post/blog/${encodeURIComponent('2024-03-02-한글-파일.md')}`)
  await expectPostOpen(page, korean)
  await expect(page.getByTestId('preview')).toContainText('본문입니다.')
})

test('dark mode follows the system setting', async ({ page, inkpost }) => {
  await page.emulateMedia({ colorScheme: 'dark' })
  await openApp(page, inkpost, `#/post/${SAMPLE_POST}`)
  await expectPostOpen(page, SAMPLE_POST)
  await expect(page.getByTestId('preview').getByRole('heading', { name: SAMPLE_TITLE })).toBeVisible()
  expect(await backgroundLuminance(page.getByTestId('preview')), 'preview background is dark').toBeLessThan(0.2)
  expect(await backgroundLuminance(page.getByTestId('editor').locator('.cm-content')), 'editor background is dark').toBeLessThan(0.2)
  expect(await backgroundLuminance(page.getByTestId('library')), 'library background is dark').toBeLessThan(0.2)
  await saveScreenshot(page, 'dark-mode')

  await page.emulateMedia({ colorScheme: 'light' })
  await expect.poll(() => backgroundLuminance(page.getByTestId('preview')), { message: 'switching back to light follows immediately' }).toBeGreaterThan(0.6)
})

test('an external link in the preview opens outside the app; the window never navigates', async ({ page, inkpost }) => {
  await page.context().route('https://arxiv.org/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>arxiv stand-in</title>' }))
  await openApp(page, inkpost, `#/post/${SAMPLE_POST}`)
  await expectPostOpen(page, SAMPLE_POST)
  const appUrl = page.url()
  const popup = page.context().waitForEvent('page')
  await page.getByTestId('preview').locator('a[href="https://arxiv.org/abs/2307.09288"]').click()
  const opened = await popup
  await expect.poll(() => opened.url()).toBe('https://arxiv.org/abs/2307.09288')
  expect(await opened.evaluate(() => window.opener), 'opened without a handle back to the app').toBeNull()
  await opened.close()
  expect(page.url()).toBe(appUrl)
  await expect(page.getByTestId('preview').getByRole('heading', { name: SAMPLE_TITLE })).toBeVisible()
})
