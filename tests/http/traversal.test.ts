// Traversal (issue 12, item 4) against the loopback host: every vector on the post and assets API
// and on the image route is refused with a clear error, no response ever contains the canary text
// of the files beside the site, and the folder outside the site stays exactly as it was.
import { symlinkSync, unlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EventHub } from '../../electron/http/event-hub'
import { newFileKey, siteFileBaseFor, startHttpHost, type HttpHost } from '../../electron/http/http-host'
import { createServices, type ServiceRuntime } from '../../electron/services/create-services'
import { cleanupTemps, SAMPLE_POST, tempDir } from '../services/service-test-helpers'
import { makeCanarySite, type CanarySite } from '../services/traversal-canary'
import { MORE_SERVICE_VECTORS, TRAVERSAL_VECTORS, URL_PATH_VECTORS } from '../services/traversal-vectors'
import { reportCounts } from '../support/report-counts'
import { rawRequest, type RawReply } from './raw-request'

let fixture: CanarySite
let before: string
let host: HttpHost
let services: ServiceRuntime
const replies: RawReply[] = []
/** What this suite tried, for npm test's summary: vector requests sent and those not refused. */
const tally = { vectorsTried: 0, accepted: 0 }
const tried = (reply: RawReply): RawReply => {
  tally.vectorsTried++
  if (reply.status < 400 || reply.status >= 500) tally.accepted++
  return reply
}
const hub = new EventHub()
const swap: { armed: ((real: string) => void) | null } = { armed: null }
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

const api = (name: string, args: unknown[]) => rawRequest(host.port, 'POST', `/api/${name}`, {
  headers: { host: `127.0.0.1:${host.port}`, 'x-inkpost-token': host.token, 'content-type': 'application/json' },
  body: JSON.stringify(args),
}, replies)
const get = (target: string) => rawRequest(host.port, 'GET', target, { headers: { host: `127.0.0.1:${host.port}` } }, replies)

beforeAll(async () => {
  fixture = makeCanarySite()
  before = fixture.snapshot()
  const fileKey = newFileKey()
  services = createServices({ dataDir: tempDir(), emit: hub.emit, host: { mode: 'browser', siteFileBase: siteFileBaseFor(fileKey), version: '1' }, watch: false })
  await services.site.open(fixture.site)
  host = await startHttpHost({ services, events: hub, rendererDir: tempDir(), port: 0, fileKey, fileHooks: { afterCheck: (real) => swap.armed?.(real) } })
})

afterAll(async () => {
  await host.close()
  await services.dispose()
  cleanupTemps()
})

const SERVICE_VECTORS = [...TRAVERSAL_VECTORS, ...MORE_SERVICE_VECTORS]

/** Every post and assets call that takes a path, with the vector in the path argument. */
const CALLS: Array<[string, (v: string) => unknown[]]> = [
  ['post.read', (v) => [v]],
  ['post.save', (v) => [v, 'PWNED', null]],
  ['post.rename', (v) => [SAMPLE_POST, v]],
  ['post.rename', (v) => [v, 'blog/renamed.md']],
  ['post.duplicate', (v) => [v]],
  ['post.delete', (v) => [v]],
  ['post.create', (v) => [{ title: 'Pwned', folder: v }]],
  ['assets.importImage', (v) => [v, { name: 'x.png', data: { $bytes: PNG.toString('base64') } }]],
  ['assets.deleteUnused', (v) => [[v, `public/${v}`]]],
  ['recovery.journal', (v) => [v, 'PWNED']],
]

describe('API: path arguments', () => {
  it(`has at least 30 vectors (${SERVICE_VECTORS.length})`, () => expect(SERVICE_VECTORS.length).toBeGreaterThanOrEqual(30))

  it.each(SERVICE_VECTORS)('refuses %j in every path argument', async (vector) => {
    for (const [name, args] of CALLS) {
      // `blog/` is a fine folder for a new post (it stays inside)
      if (name === 'post.create' && vector === 'blog/') continue
      const reply = tried(await api(name, args(vector)))
      expect(reply.status, `${name} ${JSON.stringify(vector)}: ${reply.text()}`).toBeGreaterThanOrEqual(400)
      expect(reply.status).toBeLessThan(500)
      expect(reply.json().error.message.length, name).toBeGreaterThan(10)
      expect(reply.text()).not.toContain(fixture.canary)
    }
    expect(fixture.snapshot()).toBe(before)
    // the post a refused rename named is still where it was
    expect((await api('post.read', [SAMPLE_POST])).status).toBe(200)
  })

  it('assets.describe reports vectors as not found, never reading outside', async () => {
    const reply = await api('assets.describe', [SAMPLE_POST, URL_PATH_VECTORS.map((v) => `/${v.replace('OUTSIDE', fixture.outside.slice(1))}`)])
    expect(reply.status).toBe(200)
    for (const info of reply.json().result) expect(info.state, info.src).not.toBe('ok')
    expect(reply.text()).not.toContain(fixture.canary)
  })

  it('library.list lists no post behind a symlink that points outside', async () => {
    const reply = await api('library.list', [])
    expect(reply.text()).not.toContain(fixture.canary)
  })
})

describe('image route', () => {
  it(`has at least 30 vectors (${URL_PATH_VECTORS.length})`, () => expect(URL_PATH_VECTORS.length).toBeGreaterThanOrEqual(30))

  it.each(URL_PATH_VECTORS)('refuses /site-file/<key>/%s', async (vector) => {
    const reply = tried(await get(`/site-file/${host.fileKey}/${vector.replace('OUTSIDE', fixture.outside.slice(1))}`))
    expect(reply.status, reply.text()).toBeGreaterThanOrEqual(400)
    expect(reply.status).toBeLessThan(500)
    expect(reply.json().error.message.length).toBeGreaterThan(5)
    expect(reply.text()).not.toContain(fixture.canary)
  })

  it('refuses a symlink swapped in between the check and the read', async () => {
    const target = path.join(fixture.site, 'public/images/swap.png')
    writeFileSync(target, PNG)
    expect((await get(`/site-file/${host.fileKey}/images/swap.png`)).status).toBe(200)
    swap.armed = (real) => {
      swap.armed = null
      unlinkSync(real)
      symlinkSync(path.join(fixture.outside, 'canary.png'), real)
    }
    const reply = tried(await get(`/site-file/${host.fileKey}/images/swap.png`))
    expect(swap.armed).toBeNull()
    expect(reply.status).toBe(400)
    expect(reply.json().error.message).toMatch(/changed while being opened|symbolic link/)
    expect(reply.text()).not.toContain(fixture.canary)
  })

  it('refuses a parent folder swapped for a symlink between the check and the read', async () => {
    const dir = path.join(fixture.site, 'public/swapdir')
    const { mkdirSync, renameSync } = await import('node:fs')
    mkdirSync(dir)
    writeFileSync(path.join(dir, 'canary.txt'), 'inside')
    swap.armed = () => {
      swap.armed = null
      renameSync(dir, `${dir}-old`)
      symlinkSync(fixture.outside, dir)
    }
    const reply = tried(await get(`/site-file/${host.fileKey}/swapdir/canary.txt`))
    expect(reply.status).toBe(400)
    expect(reply.text()).not.toContain(fixture.canary)
  })

  it('no response of this suite contained the canary, and the outside folder is unchanged', () => {
    const leaks = replies.filter((r) => r.body.toString('latin1').includes(fixture.canary)).map((r) => r.url)
    const outsideChanged = fixture.snapshot() === before ? 0 : 1
    reportCounts({
      name: 'traversal-http',
      counts: { vectorsTried: tally.vectorsTried, accepted: tally.accepted, canaryLeaks: leaks.length, outsideChanged },
      mustBeZero: ['accepted', 'canaryLeaks', 'outsideChanged'],
      mustBePositive: ['vectorsTried'],
    })
    expect(tally.vectorsTried).toBeGreaterThanOrEqual(SERVICE_VECTORS.length * CALLS.length + URL_PATH_VECTORS.length)
    expect(replies.length).toBeGreaterThan(SERVICE_VECTORS.length * CALLS.length)
    expect(leaks).toEqual([])
    expect(fixture.snapshot()).toBe(before)
  })
})
