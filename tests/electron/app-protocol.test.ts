import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { mkdtempSync, mkdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { protocol, resetFakeElectron } from './fake-electron'
import {
  PRIVILEGED_SCHEMES, UnsafePathError, createFolderResponder, installAppProtocols, resolveFileInside,
} from '../../electron/app-protocol'
import { CONTENT_SECURITY_POLICY, SCRIPT_CONTENT_SECURITY_POLICY, SITE_FILE_CSP } from '../../electron/content-security-policy'
import { APP_SCHEME, SITE_SCHEME, isAppUrl } from '../../electron/app-urls'

vi.mock('electron', () => import('./fake-electron'))

let tmp: string
let renderer: string
let site: string
let publicDir: string

beforeAll(() => {
  tmp = realpathSync(mkdtempSync(join(tmpdir(), 'inkpost-protocol-')))
  renderer = join(tmp, 'renderer')
  site = join(tmp, 'site')
  publicDir = join(site, 'public')
  mkdirSync(join(renderer, 'assets'), { recursive: true })
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Inkpost</title>')
  writeFileSync(join(renderer, 'assets', 'main.js'), 'console.log(1)')
  mkdirSync(join(publicDir, 'images', 'blogImg'), { recursive: true })
  writeFileSync(join(publicDir, 'images', 'blogImg', '2024-01-16-1.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]))
  writeFileSync(join(publicDir, 'images', '한글 이름.png'), 'korean')
  writeFileSync(join(site, 'secret.txt'), 'outside public')
  writeFileSync(join(tmp, 'outside.txt'), 'outside everything')
  symlinkSync(join(tmp, 'outside.txt'), join(publicDir, 'link-out.txt'))
  symlinkSync(join(publicDir, 'images', 'blogImg', '2024-01-16-1.png'), join(publicDir, 'link-in.png'))
})
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

describe('resolveFileInside', () => {
  it('resolves a file inside the folder, including percent-encoded Korean names', async () => {
    expect(await resolveFileInside(publicDir, '/images/blogImg/2024-01-16-1.png')).toBe(join(publicDir, 'images/blogImg/2024-01-16-1.png'))
    expect(await resolveFileInside(publicDir, '/images/' + encodeURIComponent('한글 이름.png'))).toBe(join(publicDir, 'images/한글 이름.png'))
    expect(await resolveFileInside(publicDir, '/link-in.png')).toBe(join(publicDir, 'images/blogImg/2024-01-16-1.png'))
  })

  // status: 400 malformed, 403 refused as leaving the folder, 404 nothing to serve
  const vectors: Array<[string, number]> = [
    ['/../secret.txt', 403],
    ['/images/../../secret.txt', 403],
    ['/%2e%2e/secret.txt', 403],
    ['/%2E%2E/%2e%2e/outside.txt', 403],
    ['/..%2fsecret.txt', 403],
    ['/%252e%252e/secret.txt', 403],
    ['/..%5csecret.txt', 403],
    ['/images\\..\\..\\secret.txt', 403],
    ['/images/a.png%00.txt', 403],
    ['/C:/Windows/win.ini', 403],
    ['/c%3A/Windows/win.ini', 403],
    ['/link-out.txt', 403],
    ['/%E0%A4%A', 400],
    ['/', 403],
    ['/images', 404],
    ['/missing.png', 404],
  ]
  for (const [pathname, status] of vectors) {
    it(`refuses ${pathname} (${status})`, async () => {
      const error = await resolveFileInside(publicDir, pathname).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(UnsafePathError)
      expect((error as UnsafePathError).status).toBe(status)
    })
  }
})

describe('protocol handlers', () => {
  beforeEach(() => resetFakeElectron())

  function install(sitePublic: string | null = publicDir) {
    installAppProtocols({ rendererDir: renderer, sitePublicDir: async () => sitePublic })
    return { app: protocol.handlers.get(APP_SCHEME)!, site: protocol.handlers.get(SITE_SCHEME)! }
  }

  it('registers both schemes as standard and secure, never bypassing CSP', () => {
    for (const scheme of PRIVILEGED_SCHEMES) {
      expect(scheme.privileges).toMatchObject({ standard: true, secure: true })
      expect(scheme.privileges).not.toHaveProperty('bypassCSP')
    }
    expect(PRIVILEGED_SCHEMES.map((s) => s.scheme)).toEqual(['app', 'inkpost-site'])
  })

  it('serves the renderer entry with the CSP header, nosniff and the right type', async () => {
    const { app } = install()
    for (const url of ['app://inkpost/', 'app://inkpost/index.html']) {
      const response = await app(new Request(url))
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(await response.text()).toContain('<title>Inkpost</title>')
    }
    const js = await app(new Request('app://inkpost/assets/main.js'))
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    // a worker runs under its script's CSP: the page's plus WebAssembly for the highlighter
    expect(js.headers.get('content-security-policy')).toBe(SCRIPT_CONTENT_SECURITY_POLICY)
    expect(SCRIPT_CONTENT_SECURITY_POLICY).toBe(CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'"))
    expect(SCRIPT_CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-eval'|script-src[^;]*'unsafe-inline'/)
  })

  it('serves a site image from the public folder with the sandboxing CSP', async () => {
    const { site } = install()
    const response = await site(new Request('inkpost-site://site/images/blogImg/2024-01-16-1.png'))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/png')
    expect(response.headers.get('content-security-policy')).toBe(SITE_FILE_CSP)
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))
  })

  it('refuses traversal and symlinks out of the folder through the handler', async () => {
    const { site, app } = install()
    for (const url of ['inkpost-site://site/..%2fsecret.txt', 'inkpost-site://site/link-out.txt', 'inkpost-site://site/%252e%252e/secret.txt', 'inkpost-site://site/..%5c..%5csecret.txt']) {
      const response = await site(new Request(url))
      expect([400, 403], url).toContain(response.status)
      expect(await response.text()).not.toMatch(/outside (public|everything)/)
    }
    // WHATWG URL parsing folds plain and %2e dot segments to the root: still inside, so 404, never the file above.
    for (const url of ['inkpost-site://site/../secret.txt', 'inkpost-site://site/%2e%2e/secret.txt', 'app://inkpost/../site/secret.txt']) {
      const handler = url.startsWith('app:') ? app : site
      const response = await handler(new Request(url))
      expect(response.status, url).toBe(404)
    }
  })

  it('answers 404 for another host or no open site, 405 for writes', async () => {
    const { site, app } = install(null)
    expect((await site(new Request('inkpost-site://site/images/blogImg/2024-01-16-1.png'))).status).toBe(404)
    expect((await app(new Request('app://evil/index.html'))).status).toBe(404)
    expect((await app(new Request('app://inkpost/index.html', { method: 'POST', body: 'x' }))).status).toBe(405)
  })

  it('answers HEAD without a body', async () => {
    const handler = createFolderResponder({ host: 'site', root: () => publicDir, csp: SITE_FILE_CSP })
    const response = await handler(new Request('inkpost-site://site/images/blogImg/2024-01-16-1.png', { method: 'HEAD' }))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-length')).toBe('4')
    expect(await response.text()).toBe('')
  })
})

describe('app URLs', () => {
  it('isAppUrl accepts only app://inkpost', () => {
    expect(isAppUrl('app://inkpost/index.html#/post/blog/a.md')).toBe(true)
    for (const url of ['app://inkpost.evil/', 'app://evil/', 'https://inkpost/', 'file:///index.html', 'nonsense', 'app://u:p@inkpost/']) expect(isAppUrl(url), url).toBe(false)
  })
})
