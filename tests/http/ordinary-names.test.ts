// Dotted names that are not traversal (`....`, `..;`, `...png`) over both hosts' file routes and the
// HTTP API: the route parser keeps them, the loopback host and the Electron protocol serve them from
// the public folder's top level, and post.read/save reach them; `..` and `%2e%2e` stay refused.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createFolderResponder } from '../../electron/app-protocol'
import { SITE_FILE_CSP } from '../../electron/content-security-policy'
import { EventHub } from '../../electron/http/event-hub'
import { newFileKey, siteFileBaseFor, startHttpHost, type HttpHost } from '../../electron/http/http-host'
import { decodePathSegments, parseRoute } from '../../electron/http/route-parser'
import { createServices, type ServiceRuntime } from '../../electron/services/create-services'
import { cleanupTemps, copySampleSite, tempDir } from '../services/service-test-helpers'
import { apiCall, getPath, type RawReply } from './raw-request'

vi.mock('electron', () => import('../electron/fake-electron'))

const NAMES = ['....png', '..;.png', '...png', 'a..b.png']
let host: HttpHost
let services: ServiceRuntime
let site: string
const replies: RawReply[] = []
const hub = new EventHub()

const api = (name: string, args: unknown[]) => apiCall(host, name, args, replies)
const get = (target: string) => getPath(host, target, replies)

beforeAll(async () => {
  site = copySampleSite()
  for (const name of NAMES) writeFileSync(path.join(site, 'public', name), `image ${name}`)
  mkdirSync(path.join(site, 'public', '....'))
  writeFileSync(path.join(site, 'public', '....', 'in.png'), 'image in ....')
  writeFileSync(path.join(site, 'content', '..;.md'), '---\ntitle: Dots\n---\n\nDots.\n')
  const fileKey = newFileKey()
  services = createServices({ dataDir: tempDir(), emit: hub.emit, host: { mode: 'browser', siteFileBase: siteFileBaseFor(fileKey), version: '1' }, watch: false })
  await services.site.open(site)
  host = await startHttpHost({ services, events: hub, rendererDir: tempDir(), port: 0, fileKey })
})

afterAll(async () => {
  await host.close()
  await services.dispose()
  cleanupTemps()
})

describe('route parser', () => {
  it('keeps dotted names as plain segments', () => {
    expect(decodePathSegments('/site-file/k/..../x..png')).toEqual(['site-file', 'k', '....', 'x..png'])
    expect(decodePathSegments('/site-file/k/..;')).toEqual(['site-file', 'k', '..;'])
    expect(parseRoute('GET', '/site-file/k/...png')).toMatchObject({ kind: 'site-file', segments: ['...png'] })
  })

  it.each(['/site-file/k/../x', '/site-file/k/%2e%2e/x', '/site-file/k/%2E%2e', '/site-file/k/.', '/site-file/k/..%2f'])('still refuses %s', (url) => {
    expect(parseRoute('GET', url)).toMatchObject({ kind: 'reject', status: 400 })
  })
})

describe('loopback host', () => {
  it.each([...NAMES, '..../in.png'])('serves /site-file/…/%s from the public folder', async (name) => {
    const reply = await get(`/site-file/${host.fileKey}/${name.split('/').map(encodeURIComponent).join('/')}`)
    expect(reply.status).toBe(200)
    expect(reply.body.toString('utf8')).toBe(readFileSync(path.join(site, 'public', name), 'utf8'))
  })

  it('reads and saves the post ..;.md over the API', async () => {
    const read = await api('post.read', ['..;.md'])
    expect(read.status).toBe(200)
    const doc = JSON.parse(read.body.toString('utf8')).result
    expect(doc.text).toContain('title: Dots')
    const saved = await api('post.save', ['..;.md', doc.text + 'More.\n', doc.version])
    expect(saved.status).toBe(200)
    expect(readFileSync(path.join(site, 'content', '..;.md'), 'utf8')).toBe(doc.text + 'More.\n')
  })

  it('refuses real traversal next to them', async () => {
    for (const url of [`/site-file/${host.fileKey}/../content/..;.md`, `/site-file/${host.fileKey}/%2e%2e/content/..;.md`]) {
      expect((await get(url)).status).toBe(400)
    }
    const read = await api('post.read', ['../content/..;.md'])
    expect(JSON.parse(read.body.toString('utf8'))).toMatchObject({ error: { code: 'outside-site' } })
  })
})

describe('Electron site-file protocol', () => {
  it.each([...NAMES, '..../in.png'])('serves inkpost-site://site/%s', async (name) => {
    const handler = createFolderResponder({ host: 'site', root: () => path.join(site, 'public'), csp: SITE_FILE_CSP })
    const response = await handler(new Request(`inkpost-site://site/${name.split('/').map(encodeURIComponent).join('/')}`))
    expect(response.status).toBe(200)
    expect(await response.text()).toBe(readFileSync(path.join(site, 'public', name), 'utf8'))
  })
})
