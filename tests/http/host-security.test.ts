// The loopback host under attack (issue 12, item 3): DNS rebinding (Host, Origin), CSRF from
// another origin and from another port on 127.0.0.1, CORS and preflights, no cookie ever, the
// security headers of every kind of response, and `site.open` limited to the folders the writer chose.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EventHub } from '../../electron/http/event-hub'
import { exportFileBaseFor, newFileKey, siteFileBaseFor, startHttpHost, type HttpHost } from '../../electron/http/http-host'
import { APP_CSP, DATA_CSP, REQUIRED_HEADERS, SCRIPT_CSP, SITE_FILE_CSP } from '../../electron/http/security-headers'
import { createServices, type ServiceRuntime } from '../../electron/services/create-services'
import { cleanupTemps, copySampleSite, SAMPLE_POST, tempDir } from '../services/service-test-helpers'
import { rawRequest, type RawReply, type RawRequestOptions } from './raw-request'

let host: HttpHost
let services: ServiceRuntime
let site: string
let otherSite: string
let dataDir: string
const replies: RawReply[] = []
const hub = new EventHub()
const IMAGE = 'images/blogImg/2024-01-16-1.png'

const own = () => ({ host: `127.0.0.1:${host.port}` })
const auth = () => ({ ...own(), 'x-inkpost-token': host.token })
const send = (method: string, url: string, options: RawRequestOptions = {}) => rawRequest(host.port, method, url, options, replies)
const api = (name: string, args: unknown[], headers: Record<string, string> = {}) =>
  send('POST', `/api/${name}`, { headers: { ...auth(), 'content-type': 'application/json', ...headers }, body: JSON.stringify(args) })

beforeAll(async () => {
  site = copySampleSite()
  otherSite = copySampleSite()
  dataDir = tempDir()
  const rendererDir = path.join(tempDir(), 'renderer')
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true })
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Inkpost</title><script type="module" src="/assets/app.js"></script>')
  writeFileSync(path.join(rendererDir, 'assets/app.js'), 'console.log(1)')
  const fileKey = newFileKey()
  services = createServices({ dataDir, emit: hub.emit, host: { mode: 'browser', siteFileBase: siteFileBaseFor(fileKey), version: '1' }, exportFileBase: exportFileBaseFor(fileKey), watch: false })
  await services.site.open(site)
  host = await startHttpHost({ services, events: hub, rendererDir, port: 0, fileKey, openable: [site] })
})

afterAll(async () => {
  await host.close()
  await services.dispose()
  cleanupTemps()
})

describe('DNS rebinding', () => {
  const targets: Array<[string, string]> = [['GET', '/'], ['GET', '/assets/app.js'], ['POST', '/api/library.list'], ['GET', '/api/events'], ['GET', `/site-file/KEY/${IMAGE}`]]
  it.each(['evil.example', 'evil.example:4873', '127.0.0.1', 'localhost', '127.0.0.1:1', '[::1]:PORT', '127.0.0.1.nip.io:PORT', ''])('refuses Host %j with 421 on every route', async (badHost) => {
    for (const [method, target] of targets) {
      const headers: Record<string, string> = { 'x-inkpost-token': host.token, 'content-type': 'application/json' }
      if (badHost) headers.host = badHost.replace('PORT', String(host.port))
      const reply = await send(method, target.replace('KEY', host.fileKey), { headers, body: method === 'POST' ? '[]' : undefined })
      // Node itself answers 400 to an HTTP/1.1 request without Host; either way nothing is served
      expect(reply.status, `${badHost} ${target}`).toBe(badHost ? 421 : 400)
      expect(reply.text()).not.toContain('LLaMA')
    }
  })

  it('refuses a rebinding page that reaches us by IP but sends its own Origin', async () => {
    const reply = await api('library.list', [], { origin: 'http://evil.example:4873' })
    expect(reply.status).toBe(403)
    expect(reply.text()).not.toContain('LLaMA')
    expect((await send('GET', `/api/events?token=${host.token}`, { headers: { ...own(), origin: 'http://evil.example' }, headersOnly: true })).status).toBe(403)
  })
})

describe('CSRF', () => {
  it.each([
    ['another origin', { origin: 'http://evil.example' }],
    ['another port on 127.0.0.1', { origin: 'http://127.0.0.1:OTHER' }],
    ['another port on localhost', { origin: 'http://localhost:OTHER' }],
    ['https on our port', { origin: 'https://127.0.0.1:PORT' }],
    ['an opaque origin', { origin: 'null' }],
    ['Sec-Fetch-Site same-site (another port)', { 'sec-fetch-site': 'same-site' }],
    ['Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site' }],
  ])('refuses state-changing calls from %s, and nothing changes', async (_name, extra) => {
    const headers = Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, v.replace('OTHER', String(host.port + 1)).replace('PORT', String(host.port))]))
    const before = readFileSync(path.join(site, 'content', SAMPLE_POST))
    const rootBefore = (await services.site.current())?.root
    const doc = (await api('post.read', [SAMPLE_POST])).json().result
    for (const [name, args] of [['post.save', [SAMPLE_POST, 'pwned', doc.version]], ['post.create', ['blog/pwned.md', 'x']], ['post.delete', [SAMPLE_POST]], ['site.open', [otherSite]]] as const) {
      const reply = await api(name, [...args], headers)
      expect(reply.status, name).toBe(403)
      expect(reply.json().error).toMatchObject({ code: 'unauthorized', message: 'Cross-origin API calls are refused' })
    }
    expect(readFileSync(path.join(site, 'content', SAMPLE_POST)).equals(before)).toBe(true)
    expect((await services.site.current())?.root).toBe(rootBefore)
    expect((await api('post.read', ['blog/pwned.md'])).status).toBe(404)
  })

  it('a simple cross-site form post (text/plain, no token header) is refused', async () => {
    const reply = await send('POST', '/api/post.save', { headers: { ...own(), 'content-type': 'text/plain', origin: 'http://evil.example' }, body: '["x"]' })
    expect([401, 403, 415]).toContain(reply.status)
    const noOrigin = await send('POST', '/api/post.save', { headers: { ...own(), 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' })
    expect(noOrigin.status).toBe(401)
  })

  it('accepts our own origin', async () => {
    expect((await api('library.list', [], { origin: `http://127.0.0.1:${host.port}`, 'sec-fetch-site': 'same-origin' })).status).toBe(200)
  })
})

describe('CORS', () => {
  it('never sends Access-Control-Allow-* headers, even to a foreign Origin', async () => {
    for (const reply of [
      await api('library.list', [], { origin: 'http://evil.example' }),
      await api('library.list', []),
      await send('GET', '/', { headers: { ...own(), origin: 'http://evil.example' } }),
      await send('GET', `/site-file/${host.fileKey}/${IMAGE}`, { headers: { ...own(), origin: 'http://evil.example' } }),
    ]) {
      expect(Object.keys(reply.headers).filter((h) => h.startsWith('access-control-'))).toEqual([])
    }
  })

  it('refuses preflights on every route', async () => {
    for (const target of ['/api/post.save', '/api/events', '/', `/site-file/${host.fileKey}/${IMAGE}`]) {
      const reply = await send('OPTIONS', target, { headers: { ...own(), origin: 'http://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-inkpost-token, content-type' } })
      expect(reply.status, target).toBe(403)
      expect(Object.keys(reply.headers).filter((h) => h.startsWith('access-control-'))).toEqual([])
    }
  })
})

describe('security headers on every kind of response', () => {
  const kinds: Array<[string, () => Promise<RawReply>, string]> = [
    ['the HTML page', () => send('GET', '/', { headers: own() }), APP_CSP],
    ['the page from the printed URL', () => send('GET', `/?token=${'T'}`, { headers: own() }).then(() => send('GET', `/?token=${host.token}`, { headers: own() })), APP_CSP],
    ['a renderer script (a worker runs under its own script response policy)', () => send('GET', '/assets/app.js', { headers: own() }), SCRIPT_CSP],
    ['an API answer', () => api('library.list', []), DATA_CSP],
    ['an API error (404)', () => api('post.read', ['blog/missing.md']), DATA_CSP],
    ['the event stream', () => send('GET', `/api/events?token=${host.token}`, { headers: own(), headersOnly: true }), DATA_CSP],
    ['an image', () => send('GET', `/site-file/${host.fileKey}/${IMAGE}`, { headers: own() }), SITE_FILE_CSP],
    ['a missing site file (404)', () => send('GET', `/site-file/${host.fileKey}/images/nope.png`, { headers: own() }), DATA_CSP],
    ['a refused path (400)', () => send('GET', `/site-file/${host.fileKey}/%2e%2e/x`, { headers: own() }), DATA_CSP],
    ['a cross-origin refusal (403)', () => api('library.list', [], { origin: 'http://evil.example' }), DATA_CSP],
    ['a missing token (401)', () => send('POST', '/api/library.list', { headers: { ...own(), 'content-type': 'application/json' }, body: '[]' }), DATA_CSP],
    ['a wrong token link (401 page)', () => send('GET', '/?token=wrong', { headers: own() }), APP_CSP],
    ['a foreign Host (421)', () => send('GET', '/', { headers: { host: 'evil.example' } }), DATA_CSP],
    ['a wrong method (405)', () => send('DELETE', '/', { headers: own() }), DATA_CSP],
  ]
  it.each(kinds)('%s', async (_name, run, csp) => {
    const reply = await run()
    for (const [name, value] of Object.entries(REQUIRED_HEADERS)) expect(reply.headers[name], name).toBe(value)
    expect(reply.headers['content-security-policy']).toBe(csp)
    expect(reply.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(reply.headers['set-cookie']).toBeUndefined()
  })

  it('the required set is what the issue lists', () => {
    expect(Object.keys(REQUIRED_HEADERS).sort()).toEqual(['cross-origin-opener-policy', 'cross-origin-resource-policy', 'referrer-policy', 'x-content-type-options', 'x-frame-options'])
    expect(SITE_FILE_CSP).toContain('sandbox')
    expect(DATA_CSP).toContain("default-src 'none'")
  })
})

describe('site.open over HTTP', () => {
  it('refuses a folder that is neither the served site nor a recent one, and stays on the served site', async () => {
    const reply = await api('site.open', [otherSite])
    expect(reply.status).toBe(401)
    expect(reply.json().error).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/only opens the site it was started with or one from the recent sites.*--allow-open/) })
    expect((await api('site.current', [])).json().result.root).toBe((await services.site.current())!.root)
    expect((await services.site.current())!.root).not.toBe(otherSite)
    for (const dir of ['/', '/etc', path.join(site, '..'), path.join(site, 'content'), dataDir]) {
      expect((await api('site.open', [dir])).status, dir).toBe(401)
    }
    expect((await api('library.list', [])).json().result.map((p: { file: string }) => p.file)).toContain(SAMPLE_POST)
  })

  it('opens the served site and the recent sites', async () => {
    expect((await api('site.open', [site])).status).toBe(200)
    await services.site.open(otherSite) // the writer opened it before: now it is recent
    await services.site.open(site)
    const reopened = await api('site.open', [otherSite])
    expect(reopened.status).toBe(200)
    expect(reopened.json().result.name).toBe(path.basename(otherSite))
    expect((await api('site.open', [site])).status).toBe(200)
  })

  it('opens any folder with allowOpen (inkpost serve --allow-open)', async () => {
    const third = copySampleSite()
    const open = await startHttpHost({ services, events: hub, rendererDir: tempDir(), port: 0, allowOpen: true })
    try {
      const reply = await rawRequest(open.port, 'POST', '/api/site.open', { headers: { host: `127.0.0.1:${open.port}`, 'x-inkpost-token': open.token, 'content-type': 'application/json' }, body: JSON.stringify([third]) }, replies)
      expect(reply.status).toBe(200)
    } finally {
      await open.close()
      await services.site.open(site)
    }
  })
})

describe('no cookie, anywhere', () => {
  it('no reply of this suite set a cookie (the printed URL included)', async () => {
    const page = await send('GET', `/?token=${host.token}`, { headers: own() })
    expect(page.status).toBe(200)
    expect(replies.length).toBeGreaterThan(50)
    expect(replies.filter((r) => r.headers['set-cookie'] !== undefined).map((r) => r.url)).toEqual([])
  })
})
