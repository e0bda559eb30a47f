// The desktop window's Content-Security-Policy must not break the renderer. This runs WITHOUT an
// Electron binary: the browser-mode host serves the built renderer through a small proxy that
// swaps in the desktop CSP header (electron/content-security-policy.ts), and Debian Chromium
// opens the sample post, types, and must report no CSP violation — while injected inline script
// and string-eval are blocked. (Electron-only parts, `app://` and `inkpost-site://`, are covered
// by the unit tests and by the Electron specs where a binary exists.)
import { chromium, type Browser } from '@playwright/test'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { CONTENT_SECURITY_POLICY } from '../../electron/content-security-policy'
import { expect, test } from '../fixtures/inkpost-server'
import { CHROMIUM_ARGS, CHROMIUM_PATH, SAMPLE_POST } from '../fixtures/paths'

/** A proxy in front of the host that replaces the page CSP by the desktop one (site files keep theirs). */
async function startCspProxy(upstreamOrigin: string): Promise<{ origin: string; close(): Promise<void> }> {
  const upstream = new URL(upstreamOrigin)
  const server = http.createServer((req, res) => {
    const headers = { ...req.headers, host: upstream.host, ...(req.headers.origin ? { origin: upstreamOrigin } : {}) }
    const forward = http.request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers }, (answer) => {
      const out = { ...answer.headers }
      if (out['content-security-policy'] && !String(out['content-security-policy']).includes('sandbox')) out['content-security-policy'] = CONTENT_SECURITY_POLICY
      res.writeHead(answer.statusCode ?? 502, out)
      answer.pipe(res)
    })
    forward.on('error', () => res.destroy())
    req.pipe(forward)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) }
}

let browser: Browser
test.beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
})
test.afterAll(async () => {
  await browser?.close()
})

test('the renderer runs under the desktop CSP header without violations', async ({ inkpost }) => {
  const proxy = await startCspProxy(inkpost.origin)
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  const violations: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
  })
  page.on('pageerror', (error) => violations.push(`pageerror: ${error.message}`))
  try {
    const response = await page.goto(inkpost.url.replace(inkpost.origin, proxy.origin))
    expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    await expect(page.getByTestId('library')).toBeVisible()
    await page.locator(`[data-testid="library-item"][data-file="${SAMPLE_POST}"]`).click()
    const preview = page.getByTestId('preview')
    const firstImage = preview.locator('figure img').first()
    await expect.poll(() => firstImage.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBeGreaterThan(0)
    await page.getByTestId('editor').locator('.cm-content').click()
    await page.keyboard.press('Control+End')
    await page.keyboard.insertText('\n## CSP 확인용 제목\n')
    await expect(preview.locator('h2', { hasText: 'CSP 확인용 제목' })).toBeVisible()
    expect(violations, 'normal use triggers no CSP violation').toEqual([])

    // the policy does bite: injected inline script and string-eval are refused
    await page.evaluate(() => {
      const script = document.createElement('script')
      script.textContent = 'window.__inlineRan = true'
      document.head.appendChild(script)
      setTimeout('window.__stringTimerRan = true', 0)
    })
    await expect.poll(() => violations.length).toBeGreaterThanOrEqual(2)
    expect(await page.evaluate(() => [(window as unknown as Record<string, unknown>).__inlineRan, (window as unknown as Record<string, unknown>).__stringTimerRan])).toEqual([undefined, undefined])
  } finally {
    await page.close()
    await proxy.close()
  }
})
