// Desktop app: the window opens the sample site, shows the LLaMA 2 post like the blog (the four
// figures load through inkpost-site://), and its security fences hold in the real Electron.
import { editorContent, expectPostOpen, libraryItem, openPost, saveScreenshot } from '../fixtures/app-page'
import { SAMPLE_POST, SAMPLE_TITLE } from '../fixtures/paths'
import { expect, skipWithoutElectron, test, waitForWindow } from './electron-app'

skipWithoutElectron('desktop-window.spec.ts')

test('opens the site given with --site and lists the LLaMA 2 post', async ({ desktop }) => {
  const { page } = desktop
  await waitForWindow(page)
  expect(new URL(page.url()).protocol, 'the page comes from the app:// protocol, never file://').toBe('app:')
  await expect(page.getByTestId('app')).toHaveAttribute('data-site', 'sample-site')
  const item = libraryItem(page, SAMPLE_POST)
  await expect(item).toContainText(SAMPLE_TITLE)
  await expect(item).toContainText('2024-01-16')
})

test('previews the LLaMA 2 post with its four figures loaded from the site', async ({ desktop }) => {
  const { page } = desktop
  await waitForWindow(page)
  await openPost(page, SAMPLE_POST)
  const preview = page.getByTestId('preview')
  await expect(preview.getByRole('heading', { name: SAMPLE_TITLE })).toBeVisible()
  const images = preview.locator('figure img')
  await expect(images).toHaveCount(4)
  for (const image of await images.all()) {
    await expect(image).toHaveAttribute('src', /^inkpost-site:\/\/site\/images\/blogImg\/2024-01-16-\d\.png$/)
    await image.scrollIntoViewIfNeeded()
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBeGreaterThan(0)
  }
  await saveScreenshot(page, 'electron-sample-post')
})

test('the page has no Node, exactly one frozen bridge, a CSP blocking inline script and eval, and cannot navigate or open windows', async ({ desktop }) => {
  const { page } = desktop
  await waitForWindow(page)
  // Code run by page.evaluate is exempt from CSP (DevTools protocol), so the checks inject an inline
  // script and a string timer, which run later in the page's own context, where the CSP applies.
  await page.evaluate(() => {
    const script = document.createElement('script')
    script.textContent = 'window.__inlineRan = true'
    document.head.appendChild(script)
    setTimeout('window.__stringTimerRan = true', 0)
  })
  await page.waitForFunction(() => document.readyState === 'complete')
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)))
  const facts = await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>
    const bridge = w.inkpost as Record<string, unknown>
    return {
      require: typeof w.require,
      process: typeof w.process,
      bridgeKeys: Object.keys(bridge).sort(),
      frozen: Object.isFrozen(bridge),
      inlineScriptRan: w.__inlineRan === true,
      stringTimerRan: w.__stringTimerRan === true,
      opened: window.open('file:///etc/passwd') === null,
    }
  })
  expect(facts).toEqual({ require: 'undefined', process: 'undefined', bridgeKeys: ['invoke', 'onEvent'], frozen: true, inlineScriptRan: false, stringTimerRan: false, opened: true })

  const before = page.url()
  await page.evaluate(() => {
    location.href = 'file:///etc/passwd'
  })
  await expect(page.getByTestId('app')).toBeVisible()
  expect(page.url()).toBe(before)

  // the bridge works for our page, and path traversal is refused by the services behind it
  const answer = await page.evaluate(() => (window as unknown as { inkpost: { invoke(s: string, m: string, a: unknown[]): Promise<unknown> } }).inkpost.invoke('post', 'read', ['../../etc/passwd']))
  expect(answer).toMatchObject({ error: { code: 'outside-site' } })
  const info = await page.evaluate(() => (window as unknown as { inkpost: { invoke(s: string, m: string, a: unknown[]): Promise<unknown> } }).inkpost.invoke('app', 'info', []))
  expect(info).toMatchObject({ result: { mode: 'electron', siteFileBase: 'inkpost-site://site' } })
})

test('the window follows the OS dark mode', async ({ desktop }) => {
  const { app, page } = desktop
  await waitForWindow(page)
  await app.evaluate(({ nativeTheme }) => {
    nativeTheme.themeSource = 'dark'
  })
  await expect.poll(() => page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true)
  await openPost(page, SAMPLE_POST)
  await expectPostOpen(page, SAMPLE_POST)
  await expect(editorContent(page)).toBeVisible()
  await saveScreenshot(page, 'electron-dark-mode')
})
