// Browser mode: posts that are broken or hostile — a frontmatter error shows a banner while the body
// still previews; scripts, frames, event handlers and javascript:/data: URLs never reach the DOM.
import { expect, openApp, openPost, saveScreenshot, test } from '../fixtures/app-page'

const BROKEN_POST = 'blog/2024-02-01-broken-frontmatter.md'
const UNSAFE_POST = 'blog/2024-02-02-unsafe.md'

test('a post whose frontmatter does not parse shows the error banner and still previews its body', async ({ page, inkpost }) => {
  inkpost.writePost(BROKEN_POST, [
    '---',
    "title: 'Broken frontmatter",
    'date: 2024-02-01',
    'tags: [e2e',
    '---',
    '',
    '# Body still previews',
    '',
    'The YAML above is broken, but **this paragraph** renders.',
    '',
  ].join('\n'))
  await openApp(page, inkpost)
  await openPost(page, BROKEN_POST)
  const banner = page.getByTestId('frontmatter-error')
  await expect(banner).toBeVisible()
  await expect(banner).not.toBeEmpty()
  const preview = page.getByTestId('preview')
  await expect(preview.getByRole('heading', { name: 'Body still previews' }).last()).toBeVisible()
  await expect(preview.locator('strong')).toHaveText('this paragraph')
  await saveScreenshot(page, 'frontmatter-error')

  // fixing the YAML in the editor clears the banner
  const line = page.getByTestId('editor').locator('.cm-line', { hasText: "title: 'Broken frontmatter" })
  await line.click()
  await page.keyboard.press('End')
  await page.keyboard.type("'")
  const tagsLine = page.getByTestId('editor').locator('.cm-line', { hasText: 'tags: [e2e' })
  await tagsLine.click()
  await page.keyboard.press('End')
  // an auto-closed bracket may already be there; type only what is missing
  if (!(await tagsLine.innerText()).trim().endsWith(']')) await page.keyboard.type(']')
  await expect(banner).toBeHidden()
  await expect(preview.getByRole('heading', { name: 'Body still previews' }).last()).toBeVisible()
})

test('an unsafe post never puts scripts, frames, handlers or javascript:/data: URLs into the preview', async ({ page, inkpost }) => {
  inkpost.writePost(UNSAFE_POST, [
    '---',
    'title: Unsafe post',
    '---',
    '',
    '# Unsafe content',
    '',
    '<script>window.__xss = "script"</script>',
    '',
    '<iframe src="https://example.com/"></iframe>',
    '',
    '<img src="/images/does-not-exist.png" onerror="window.__xss = \'onerror\'">',
    '',
    '<a href="javascript:window.__xss = \'href\'">javascript link</a>',
    '',
    '[markdown javascript link](javascript:window.__xss=1)',
    '',
    '<a href="data:text/html,<script>alert(1)</script>">data link</a>',
    '',
    '<div onclick="window.__xss = \'onclick\'" onmouseover="window.__xss = \'hover\'">hover or click me</div>',
    '',
    '<object data="/x.swf"></object>',
    '',
    '<embed src="/x.swf">',
    '',
    '<form action="https://example.com/steal"><input name="q"><button formaction="javascript:alert(1)">go</button></form>',
    '',
    '<style>body { display: none }</style>',
    '',
    '<meta http-equiv="refresh" content="0;url=https://example.com/">',
    '',
    '<base href="https://evil.example/">',
    '',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '',
    '<svg><a xlink:href="javascript:alert(1)"><text y="20">svg link</text></a><script>alert(1)</script></svg>',
    '',
    '::callout{onclick="window.__xss = \'mdc\'"}',
    'Inside a component',
    '::',
    '',
    'Visible paragraph after the attacks.',
    '',
  ].join('\n'))
  const dialogs: string[] = []
  page.on('dialog', (dialog) => { dialogs.push(dialog.message()); void dialog.dismiss() })
  const popups: string[] = []
  page.context().on('page', (popup) => popups.push(popup.url()))

  await openApp(page, inkpost)
  await openPost(page, UNSAFE_POST)
  const preview = page.getByTestId('preview')
  await expect(preview.getByRole('heading', { name: 'Unsafe content' })).toBeVisible()
  await expect(preview).toContainText('Visible paragraph after the attacks.')
  await expect(preview).toContainText('hover or click me')
  await expect(preview).toContainText('Inside a component')
  const appUrl = page.url()

  // let the broken image finish failing so an onerror handler would have run
  await expect.poll(() => preview.locator('img').evaluateAll((imgs: HTMLImageElement[]) => imgs.every((img) => img.complete))).toBe(true)

  const found = await preview.evaluate((root) => {
    const bad: string[] = []
    const forbidden = root.querySelectorAll('script, iframe, frame, object, embed, base, meta, form, style, link')
    for (const element of Array.from(forbidden)) bad.push(`<${element.tagName.toLowerCase()}>`)
    for (const element of Array.from(root.querySelectorAll('*'))) {
      for (const attr of Array.from(element.attributes)) {
        const name = attr.name.toLowerCase()
        // browsers ignore whitespace and control characters inside a URL scheme
        const value = Array.from(attr.value).filter((ch) => ch.charCodeAt(0) > 0x20).join('').toLowerCase()
        if (name.startsWith('on')) bad.push(`${element.tagName.toLowerCase()}[${name}]`)
        if (['href', 'src', 'action', 'formaction', 'xlink:href', 'srcset', 'poster', 'data'].includes(name)) {
          if (value.startsWith('javascript:') || value.startsWith('vbscript:')) bad.push(`${element.tagName.toLowerCase()}[${name}=${attr.value}]`)
          if (value.startsWith('data:') && !(element.tagName === 'IMG' && name === 'src' && /^data:image\/(png|jpeg|gif|webp);/.test(value))) bad.push(`${element.tagName.toLowerCase()}[${name}=data:…]`)
        }
      }
    }
    return bad
  })
  expect(found, 'dangerous markup in the preview DOM').toEqual([])
  expect(await page.locator('iframe, object, embed').count(), 'no frames anywhere in the window').toBe(0)

  // interacting with what is left must not run anything or navigate
  await preview.getByText('hover or click me').hover()
  await preview.getByText('hover or click me').click()
  await preview.getByText('javascript link', { exact: true }).click()
  await preview.getByText('markdown javascript link', { exact: true }).click()
  await expect(preview).toContainText('Visible paragraph after the attacks.')
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), 'no injected code ran').toBeUndefined()
  expect(dialogs, 'no alert() ran').toEqual([])
  expect(popups, 'no window was opened').toEqual([])
  expect(page.url(), 'the window did not navigate').toBe(appUrl)
  await expect(page.locator('body')).toBeVisible() // the <style>body{display:none}</style> did not apply
  await saveScreenshot(page, 'unsafe-post')
})
