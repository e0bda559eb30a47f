// Browser mode: the whole XSS corpus (tests/fixtures/xss/payloads.json, ~1,950 payloads with their
// sources and licences) put into previewed posts in batches, one frontmatter post, and one batch
// pasted into the editor — once with the app's CSP and once with the CSP disabled (bypassCSP), so
// the sanitiser alone is proven. Counted: canary calls (alert/confirm/prompt/print/open and
// dialogs), navigations away from the app, popups, requests leaving the app's origin, and dangerous
// DOM inside the preview (blocked elements, on* attributes, srcdoc, any URL attribute the URL policy
// refuses). All must be 0, and every payload's "Payload N:" marker must be visible (presence).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { caretToEnd, expect, openApp, openPost, test } from '../fixtures/app-page'
import type { InkpostServer } from '../fixtures/inkpost-server'
import { REPO_ROOT } from '../fixtures/paths'
import { judgeUrlAttribute } from '../../shared/render/url-policy'
import { reportCounts } from '../../tests/support/report-counts'

interface Payload { id: number; source: string; licence: string; category: string; text: string }

const CORPUS: Payload[] = JSON.parse(readFileSync(join(REPO_ROOT, 'tests/fixtures/xss/payloads.json'), 'utf8')).payloads
/** Payloads per post: big enough to keep the run short, small enough for the first paint to stay quick. */
const BATCH = 200
/** How many of the corpus go through the clipboard too (the markdown/MDC/CVE ones and the start of the URL matrix). */
const PASTED = 120
/** Frontmatter values tried (each as title, description, tags and an extra key). */
const FRONTMATTER = 40

/** End tags of the elements whose content is raw text (or swallowed) until their end tag. */
const RAW_TEXT_CLOSERS = ['textarea', 'title', 'noscript', 'noembed', 'noframes', 'xmp', 'style', 'script', 'iframe', 'select', 'template', 'mglyph', 'mtext', 'svg', 'math', 'table', 'form', 'object', 'button'].map((t) => `</${t}>`).join('\n')

/** Closes what a payload may leave open so the next marker renders (an unbalanced fence, a quoted attribute, a comment, raw-text elements). */
function closer(text: string): string {
  const fences = text.split('\n').map((line) => /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1]).filter((f): f is string => !!f)
  const open = fences.length % 2 === 1 ? `\n${fences[fences.length - 1]}\n` : ''
  // one raw HTML block (it starts with a lone closing tag), so the HTML parser sees every closer
  return `${open}\n</a>\n'">\n-->\n]]>\n${RAW_TEXT_CLOSERS}\n`
}

/** A post holding `payloads`, each after its visible marker paragraph. */
function batchPost(title: string, payloads: Payload[]): string {
  return [`---\ntitle: ${JSON.stringify(title)}\ndate: 2024-03-01\n---\n`, ...payloads.map((p) => `Payload ${p.id}:\n\n${p.text}\n${closer(p.text)}`)].join('\n')
}

/** What one run counted. */
interface Counts { payloadsTried: number; canaryCalls: number; navigations: number; popups: number; outsideRequests: number; dangerousDom: number }

/** Installs the counters on the page: canary functions (before any page script), dialogs, navigations, popups, outside requests. */
async function watch(page: Page, inkpost: InkpostServer) {
  const seen = { dialogs: [] as string[], navigations: [] as string[], popups: [] as string[], requests: [] as string[] }
  await page.addInitScript(() => {
    const calls: string[] = []
    Object.defineProperty(window, '__canary', { value: calls })
    for (const name of ['alert', 'confirm', 'prompt', 'print', 'open'] as const) {
      Object.defineProperty(window, name, { value: (...args: unknown[]) => { calls.push(`${name}(${String(args[0]).slice(0, 60)})`); return null }, writable: false, configurable: false })
    }
  })
  const appPlace = (url: string) => { try { const u = new URL(url); return u.origin + u.pathname } catch { return url } }
  const home = appPlace(inkpost.url)
  page.on('dialog', (dialog) => { seen.dialogs.push(dialog.message()); void dialog.dismiss() })
  page.on('framenavigated', (frame) => { if (frame === page.mainFrame() && appPlace(frame.url()) !== home) seen.navigations.push(frame.url()) })
  page.context().on('page', (popup) => seen.popups.push(popup.url()))
  page.on('request', (request) => { const url = request.url(); if (!url.startsWith(inkpost.origin + '/') && !/^(data|blob):/.test(url)) seen.requests.push(url) })
  // nothing may leave the machine even if a request slipped through
  await page.context().route((url) => !url.href.startsWith(inkpost.origin + '/') && !/^(data|blob):/.test(url.href), (route) => route.abort())
  return seen
}

/** Dangerous DOM inside the preview: blocked elements, on* attributes, srcdoc, and URL attributes the URL policy refuses. */
async function dangerousDom(page: Page): Promise<string[]> {
  const found = await page.getByTestId('preview').evaluate((root) => {
    const bad: string[] = []
    const urls: Array<[string, string, string]> = []
    for (const el of Array.from(root.querySelectorAll('script, iframe, frame, object, embed, base, meta, form, style, link, portal, applet, noscript, textarea, select'))) bad.push(`<${el.tagName.toLowerCase()}>`)
    for (const el of Array.from(root.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase()
        if (name.startsWith('on') || name === 'srcdoc') bad.push(`${el.tagName.toLowerCase()}[${name}]`)
        else urls.push([el.tagName.toLowerCase(), name, attr.value])
      }
    }
    return { bad, urls }
  })
  for (const [tag, name, value] of found.urls) {
    const judged = judgeUrlAttribute(name, value)
    if (judged && !judged.allowed) found.bad.push(`${tag}[${name}=${JSON.stringify(value.slice(0, 80))}]: ${judged.reason}`)
    // remote media must not load before the writer allows it
    if (judged?.allowed && judged.kind === 'external' && ['src', 'srcset', 'poster'].includes(name)) found.bad.push(`${tag}[${name}] loads remote ${value.slice(0, 80)}`)
  }
  return found.bad
}

/** Waits until every marker of `ids` is in the preview (presence), images settled so onerror would have fired; returns the missing ones. */
async function expectMarkers(page: Page, ids: number[]): Promise<void> {
  const preview = page.getByTestId('preview')
  const missing = async () => {
    const text = await preview.innerText()
    return ids.filter((id) => !text.includes(`Payload ${id}:`))
  }
  await expect.poll(missing, { message: 'every payload marker is visible in the preview', timeout: 20_000 }).toEqual([])
  await expect.poll(() => preview.locator('img').evaluateAll((imgs: HTMLImageElement[]) => imgs.every((img) => img.complete)), { timeout: 10_000 }).toBe(true)
}

/** Runs the whole corpus through the app on `page` and returns the counts. */
async function runCorpus(page: Page, inkpost: InkpostServer): Promise<{ counts: Counts; dangerous: string[]; seen: Awaited<ReturnType<typeof watch>>; canary: string[] }> {
  // mutation-XSS payloads leave the HTML parser inside foreign content no end tag can close: each gets its own post
  const batches: Payload[][] = CORPUS.filter((p) => p.category === 'mxss').map((p) => [p])
  const rest = CORPUS.filter((p) => p.category !== 'mxss')
  for (let i = 0; i < rest.length; i += BATCH) batches.push(rest.slice(i, i + BATCH))
  const files = batches.map((_, i) => `blog/2024-03-01-xss-batch-${String(i + 1).padStart(2, '0')}.md`)
  batches.forEach((batch, i) => inkpost.writePost(files[i], batchPost(`XSS batch ${i + 1}`, batch)))
  const fm = CORPUS.filter((p) => p.category !== 'naughty-string').slice(-FRONTMATTER)
  inkpost.writePost('blog/2024-04-01-xss-frontmatter.md', [
    '---', `title: ${JSON.stringify('Frontmatter title: ' + fm[0].text)}`, `description: ${JSON.stringify(fm[1].text)}`,
    `tags: ${JSON.stringify(fm.map((p) => p.text))}`, `image: ${JSON.stringify(fm[2].text)}`, `author: ${JSON.stringify({ name: fm[3].text, url: 'javascript:alert(1)' })}`,
    '---', '', 'Frontmatter body marker.', '',
  ].join('\n'))
  inkpost.writePost('blog/2024-04-02-xss-paste.md', '---\ntitle: Pasted payloads\n---\n\nPaste target.\n')

  const seen = await watch(page, inkpost)
  const dangerous: string[] = []
  await openApp(page, inkpost)
  for (const [i, batch] of batches.entries()) {
    await openPost(page, files[i])
    await expectMarkers(page, batch.map((p) => p.id))
    dangerous.push(...(await dangerousDom(page)).map((d) => `batch ${i + 1}: ${d}`))
  }
  await openPost(page, 'blog/2024-04-01-xss-frontmatter.md')
  await expect(page.getByTestId('preview')).toContainText('Frontmatter body marker.')
  await expect(page.getByTestId('preview')).toContainText('Frontmatter title:')
  dangerous.push(...(await dangerousDom(page)).map((d) => `frontmatter: ${d}`))

  // a batch through the clipboard, as a writer pasting HTML from the web
  const pasted = [...CORPUS.filter((p) => /^(svg|srcdoc|base|meta|form|markdown|mdc|cve|tracking pixel)/.test(p.category)), ...CORPUS.filter((p) => p.category.startsWith('url'))].slice(0, PASTED)
  await openPost(page, 'blog/2024-04-02-xss-paste.md')
  await caretToEnd(page)
  await page.getByTestId('editor').locator('.cm-content').evaluate((el, text) => {
    const transfer = new DataTransfer()
    transfer.setData('text/plain', text)
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }))
  }, '\n\n' + pasted.map((p) => `Payload ${p.id}:\n\n${p.text}\n${closer(p.text)}`).join('\n'))
  await expectMarkers(page, pasted.map((p) => p.id))
  dangerous.push(...(await dangerousDom(page)).map((d) => `paste: ${d}`))

  const canary = await page.evaluate(() => (window as unknown as { __canary: string[] }).__canary.slice())
  const counts: Counts = {
    payloadsTried: CORPUS.length + FRONTMATTER + pasted.length,
    canaryCalls: canary.length + seen.dialogs.length,
    navigations: seen.navigations.length,
    popups: seen.popups.length,
    outsideRequests: seen.requests.length,
    dangerousDom: dangerous.length,
  }
  return { counts, dangerous, seen, canary }
}

/** The run's counts as one line the test runner picks up, then every must-be-zero count asserted with its evidence. */
function report(mode: string, result: Awaited<ReturnType<typeof runCorpus>>): void {
  reportCounts({
    name: mode === 'csp' ? 'xss-csp' : 'xss-no-csp',
    counts: { ...result.counts },
    mustBeZero: ['canaryCalls', 'navigations', 'popups', 'outsideRequests', 'dangerousDom'],
    mustBePositive: ['payloadsTried'],
  })
  expect(result.counts.payloadsTried).toBeGreaterThanOrEqual(1000)
  expect(result.canary, 'canary calls').toEqual([])
  expect(result.seen.dialogs, 'dialogs').toEqual([])
  expect(result.seen.navigations, 'navigations away from the app').toEqual([])
  expect(result.seen.popups, 'popups').toEqual([])
  expect(result.seen.requests, 'requests leaving the app origin').toEqual([])
  expect(result.dangerous, 'dangerous DOM in the preview').toEqual([])
}

test.describe('XSS corpus', () => {
  test('with the CSP: nothing runs, navigates, opens, leaves the origin or reaches the preview DOM', async ({ page, inkpost }) => {
    test.setTimeout(150_000)
    report('csp', await runCorpus(page, inkpost))
  })
})

test.describe('XSS corpus, CSP disabled', () => {
  test.use({ bypassCSP: true })
  test('the sanitiser alone: nothing runs, navigates, opens, leaves the origin or reaches the preview DOM', async ({ page, inkpost }) => {
    test.setTimeout(150_000)
    report('no-csp', await runCorpus(page, inkpost))
  })
})

test('a remote image waits for its Load button, which allows that host for the post', async ({ page, inkpost }) => {
  inkpost.writePost('blog/2024-04-03-remote.md', '---\ntitle: Remote\n---\n\n![pixel](https://images.example/p.png)\n\nSecond: <img src="https://images.example/q.png" alt="q">\n\nOther host: ![o](https://other.example/o.png)\n')
  const requests: string[] = []
  await page.context().route((url) => url.hostname.endsWith('.example'), (route) => { requests.push(route.request().url()); void route.abort() })
  await openApp(page, inkpost)
  await openPost(page, 'blog/2024-04-03-remote.md')
  const placeholders = page.getByTestId('remote-media')
  await expect(placeholders).toHaveCount(3)
  await expect(placeholders.first()).toHaveText('Remote image from images.example — Load')
  await expect(page.getByTestId('preview').locator('img')).toHaveCount(0)
  expect(requests).toEqual([])
  await placeholders.first().getByRole('button', { name: 'Load' }).click()
  // both images of that host load; the other host still waits
  await expect(page.getByTestId('preview').locator('img[src^="https://images.example/"]')).toHaveCount(2)
  await expect(placeholders).toHaveCount(1)
  await expect(placeholders).toHaveAttribute('data-remote-host', 'other.example')
  await expect.poll(() => requests.filter((u) => u.includes('images.example')).length).toBeGreaterThanOrEqual(2)
  expect(requests.filter((u) => u.includes('other.example'))).toEqual([])
})
