import http from 'node:http'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EventHub } from '../../electron/http/event-hub'
import { startHttpHost, type HttpHost } from '../../electron/http/http-host'
import { createServices, type ServiceRuntime } from '../../electron/services/create-services'
import { cleanupTemps, copySampleSite, SAMPLE_POST, tempDir, waitFor } from '../services/service-test-helpers'

interface Reply { status: number; headers: http.IncomingHttpHeaders; body: Buffer; json: () => any }

let host: HttpHost
let services: ServiceRuntime
let site: string
let rendererDir: string
const hub = new EventHub()

function request(method: string, url: string, options: { headers?: Record<string, string>; body?: string | Buffer; auth?: boolean } = {}): Promise<Reply> {
  const headers: Record<string, string> = { host: `127.0.0.1:${host.port}`, ...(options.auth === false ? {} : { 'x-inkpost-token': host.token }), ...options.headers }
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: host.port, method, path: url, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => {
        const body = Buffer.concat(chunks)
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body.toString('utf8')) })
      })
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

const api = (name: string, args: unknown[], headers: Record<string, string> = {}) =>
  request('POST', `/api/${name}`, { headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(args) })

beforeAll(async () => {
  site = copySampleSite()
  rendererDir = path.join(tempDir(), 'renderer')
  services = createServices({ dataDir: tempDir(), emit: hub.emit, host: { mode: 'browser', siteFileBase: '/site-file', version: '9.9.9' }, watcherTiming: { debounceMs: 40, renameWindowMs: 200 } })
  await services.site.open(site)
  await services.ready()
  host = await startHttpHost({ services, events: hub, rendererDir, port: 0 })
})

afterAll(async () => {
  await host.close()
  await services.dispose()
  cleanupTemps()
})

describe('HTTP host: API', () => {
  it('answers library.list with the LLaMA 2 post and post.read with its text', async () => {
    const list = await api('library.list', [])
    expect(list.status).toBe(200)
    expect(list.headers['content-type']).toMatch(/application\/json/)
    expect(list.json().result.map((p: { file: string }) => p.file)).toEqual([SAMPLE_POST])
    const read = await api('post.read', [SAMPLE_POST])
    expect(read.json().result.text).toBe(readFileSync(path.join(site, 'content', SAMPLE_POST), 'utf8'))
    expect((await api('app.info', [])).json()).toEqual({ result: { mode: 'browser', siteFileBase: '/site-file', version: '9.9.9' } })
  })

  it('maps error codes to statuses', async () => {
    const outside = await api('post.read', ['../../etc/passwd'])
    expect(outside.status).toBe(400)
    expect(outside.json().error).toMatchObject({ code: 'outside-site', message: expect.stringMatching(/Refusing path/) })
    expect((await api('post.read', ['blog/missing.md'])).status).toBe(404)
    expect((await api('post.save', [SAMPLE_POST, 'x', 'stale-version'])).status).toBe(409)
    expect((await api('post.save', [SAMPLE_POST, 'x', 'stale-version'])).json().error).toMatchObject({ code: 'conflict', details: { diskText: expect.any(String), diskVersion: expect.any(String) } })
    expect((await api('post.nope', [])).json().error.code).toBe('invalid-argument')
    expect((await api('post.read', [])).status).toBe(400)
    expect((await api('constructor.constructor', [])).status).toBe(400)
    const notArray = await request('POST', '/api/library.list', { headers: { 'content-type': 'application/json' }, body: '{"a":1}' })
    expect(notArray.status).toBe(400)
    const badJson = await request('POST', '/api/library.list', { headers: { 'content-type': 'application/json' }, body: '[' })
    expect(badJson.status).toBe(400)
  })

  it('saves a 5 MB post over HTTP', async () => {
    const doc = (await api('post.read', [SAMPLE_POST])).json().result
    const big = doc.text + '\n' + '한국어 문단과 English text. '.repeat(200_000)
    expect(Buffer.byteLength(big)).toBeGreaterThan(5_000_000)
    const saved = await api('post.save', [SAMPLE_POST, big, doc.version])
    expect(saved.status).toBe(200)
    expect(readFileSync(path.join(site, 'content', SAMPLE_POST), 'utf8')).toBe(big)
    // restore for the other tests
    await api('post.save', [SAMPLE_POST, doc.text, saved.json().result.version])
  })
})

describe('HTTP host: images and argument rules', () => {
  it('carries an imported image as base64 and writes its exact bytes into the site', async () => {
    const sharp = (await import('sharp')).default
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3366cc' } }).png().toBuffer()
    const reply = await request('POST', '/api/assets.importImage', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([SAMPLE_POST, { name: 'over-http.png', data: { $bytes: png.toString('base64') } }]),
    })
    expect(reply.status).toBe(200)
    const image = reply.json().result
    expect(image).toMatchObject({ src: '/images/blogImg/2024-01-16-5.png', path: 'public/images/blogImg/2024-01-16-5.png', reused: false, width: 40, height: 30 })
    const stored = readFileSync(path.join(site, image.path))
    expect((await sharp(stored).raw().toBuffer()).equals(await sharp(png).raw().toBuffer())).toBe(true)
    // Electron-only: a path to read is refused over HTTP
    const byPath = await api('assets.importImage', [SAMPLE_POST, { name: 'x.png', sourcePath: '/etc/passwd' }])
    expect(byPath.status).toBe(400)
    expect(byPath.json().error.message).toMatch(/sourcePath|path/i)
  })

  it('validates arguments in the one dispatcher, for HTTP as for IPC', async () => {
    const wrongType = await api('post.save', [SAMPLE_POST, 42, null])
    expect(wrongType.status).toBe(400)
    expect(wrongType.json().error).toEqual({ code: 'invalid-argument', message: 'Argument 2 of post.save must be a string' })
    const notBytes = await api('assets.describe', [SAMPLE_POST, 'not-a-list'])
    expect(notBytes.json().error.message).toBe('Argument 2 of assets.describe must be an array of path strings')
  })
})

describe('HTTP host: security', () => {
  it('requires the token on every request', async () => {
    expect((await request('POST', '/api/library.list', { auth: false, headers: { 'content-type': 'application/json' }, body: '[]' })).status).toBe(401)
    expect((await request('POST', '/api/library.list', { auth: false, headers: { 'content-type': 'application/json', 'x-inkpost-token': 'wrong' }, body: '[]' })).status).toBe(401)
    // a site file needs the per-launch file key in its path, not the token
    expect((await request('GET', '/site-file/images/blogImg/2024-01-16-1.png', { auth: false })).status).toBe(401)
    expect((await request('GET', '/site-file/images/blogImg/2024-01-16-1.png')).status).toBe(401)
    expect((await request('GET', `/site-file/${'0'.repeat(32)}/images/blogImg/2024-01-16-1.png`, { auth: false })).status).toBe(401)
    expect((await request('GET', `/site-file/${host.fileKey}/images/blogImg/2024-01-16-1.png`, { auth: false })).status).toBe(200)
    expect((await request('GET', '/api/events', { auth: false })).status).toBe(401)
    expect((await request('GET', '/api/events?token=wrong', { auth: false })).status).toBe(401)
    expect((await request('GET', '/?token=wrong', { auth: false })).status).toBe(401)
    expect((await request('GET', '/?token=wrong', { auth: false })).body.toString()).toContain('wrong token')
  })

  it('takes the API token only from the header: never from a cookie or the query', async () => {
    const cookie = await request('POST', '/api/library.list', { auth: false, headers: { cookie: `inkpost_token_${host.port}=${host.token}; inkpost_token=${host.token}`, 'content-type': 'application/json' }, body: '[]' })
    expect(cookie.status).toBe(401)
    const query = await request('POST', `/api/library.list?token=${host.token}`, { auth: false, headers: { 'content-type': 'application/json' }, body: '[]' })
    expect(query.status).toBe(401)
    expect((await api('library.list', [])).status).toBe(200)
  })

  it('rejects foreign Host headers (DNS rebinding) and cross-origin API calls', async () => {
    expect((await request('POST', '/api/library.list', { headers: { host: 'evil.example', 'content-type': 'application/json' }, body: '[]' })).status).toBe(421)
    expect((await request('POST', '/api/library.list', { headers: { host: `127.0.0.1:${host.port + 1}`, 'content-type': 'application/json' }, body: '[]' })).status).toBe(421)
    expect((await api('library.list', [], { origin: 'http://evil.example' })).status).toBe(403)
    expect((await api('library.list', [], { 'sec-fetch-site': 'cross-site' })).status).toBe(403)
    expect((await api('library.list', [], { origin: `http://localhost:${host.port}`, host: `localhost:${host.port}` })).status).toBe(200)
    expect((await request('POST', '/api/library.list', { headers: { 'content-type': 'text/plain' }, body: '[]' })).status).toBe(415)
  })

  it('refuses oversized bodies', async () => {
    const small = await startHttpHost({ services, events: hub, rendererDir, port: 0, maxBodyBytes: 1000 })
    try {
      const reply = await new Promise<number>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port: small.port, method: 'POST', path: '/api/library.list', headers: { host: `127.0.0.1:${small.port}`, 'x-inkpost-token': small.token, 'content-type': 'application/json' } }, (res) => { res.resume(); resolve(res.statusCode ?? 0) })
        req.on('error', reject)
        req.end(JSON.stringify(['x'.repeat(5000)]))
      })
      expect(reply).toBe(413)
    } finally {
      await small.close()
    }
  })

  it('refuses traversal on site files and the app with 400, never serving outside files', async () => {
    for (const url of ['/site-file/K/../content/blog/2024-01-16-llama2.md', '/site-file/K/%2e%2e/content/blog/2024-01-16-llama2.md', '/site-file/K/%252e%252e/content/x.md', '/site-file/K/..%2fcontent%2fblog%2f2024-01-16-llama2.md', '/%2e%2e/package.json'].map((u) => u.replace('/K/', `/${host.fileKey}/`))) {
      const reply = await request('GET', url)
      expect(reply.status, url).toBe(400)
      expect(reply.body.toString()).not.toContain('LLaMA')
    }
  })
})

describe('HTTP host: files and events', () => {
  it('serves public files with content types, no listing, and a sandbox CSP', async () => {
    const png = await request('GET', `/site-file/${host.fileKey}/images/blogImg/2024-01-16-1.png`)
    expect(png.status).toBe(200)
    expect(png.headers['content-type']).toBe('image/png')
    expect(png.headers['x-content-type-options']).toBe('nosniff')
    expect(png.headers['content-security-policy']).toMatch(/sandbox/)
    expect(png.body.equals(readFileSync(path.join(site, 'public/images/blogImg/2024-01-16-1.png')))).toBe(true)
    expect((await request('GET', `/site-file/${host.fileKey}/images/blogImg`)).status).toBe(404)
    expect((await request('GET', `/site-file/${host.fileKey}/images/nope.png`)).status).toBe(404)
    const head = await request('HEAD', `/site-file/${host.fileKey}/images/blogImg/2024-01-16-2.png`)
    expect(head.status).toBe(200)
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0)
    mkdirSync(path.join(site, 'public/이미지'), { recursive: true })
    writeFileSync(path.join(site, 'public/이미지/그림 1.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
    const svg = await request('GET', `/site-file/${host.fileKey}/%EC%9D%B4%EB%AF%B8%EC%A7%80/%EA%B7%B8%EB%A6%BC%201.svg`)
    expect(svg.status).toBe(200)
    expect(svg.headers['content-type']).toBe('image/svg+xml')
  })

  it('explains with a 503 page when the renderer is not built, then serves it with security headers', async () => {
    const missing = await request('GET', '/')
    expect(missing.status).toBe(503)
    expect(missing.body.toString()).toMatch(/renderer not built.*npm run build/s)
    mkdirSync(path.join(rendererDir, 'assets'), { recursive: true })
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Inkpost</title><script type="module" src="/assets/app.js"></script>')
    writeFileSync(path.join(rendererDir, 'assets/app.js'), 'console.log(1)')
    const page = await request('GET', '/')
    expect(page.status).toBe(200)
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/)
    expect(page.headers['x-frame-options']).toBe('DENY')
    const js = await request('GET', '/assets/app.js')
    expect(js.headers['content-type']).toMatch(/text\/javascript/)
    expect((await request('GET', '/assets')).status).toBe(404)
  })

  it('streams events over SSE, including external changes seen by the watcher', async () => {
    const received: string[] = []
    const req = http.request({ host: '127.0.0.1', port: host.port, path: '/api/events', headers: { host: `127.0.0.1:${host.port}`, 'x-inkpost-token': host.token } })
    const response = await new Promise<http.IncomingMessage>((resolve) => { req.on('response', resolve); req.end() })
    expect(response.headers['content-type']).toMatch(/text\/event-stream/)
    response.setEncoding('utf8')
    response.on('data', (chunk: string) => received.push(chunk))
    await waitFor(() => hub.size > 0, 2000, 'subscription')
    const file = path.join(site, 'content', SAMPLE_POST)
    writeFileSync(file, readFileSync(file, 'utf8') + '\nexternal\n')
    await waitFor(() => received.join('').includes('"library-changed"'), 5000, 'SSE event')
    const data = received.join('').split('\n').filter((l) => l.startsWith('data: ')).map((l) => JSON.parse(l.slice(6)))
    expect(data[0]).toMatchObject({ type: 'post-changed', file: SAMPLE_POST, kind: 'change' })
    req.destroy()
    await waitFor(() => hub.size === 0, 2000, 'unsubscribe')
  })
})
