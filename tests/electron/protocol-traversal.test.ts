// Traversal (issue 12, item 4) against the Electron protocol handler for site files
// (`inkpost-site://site/…`): every vector is refused with a clear 4xx answer, the canary text of the
// files beside the site never appears, the folder outside stays unchanged, and a symlink swapped in
// between the path check and the read is refused.
import { mkdirSync, renameSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createFolderResponder } from '../../electron/app-protocol'
import { SITE_FILE_CSP } from '../../electron/content-security-policy'
import { cleanupTemps } from '../services/service-test-helpers'
import { makeCanarySite, type CanarySite } from '../services/traversal-canary'
import { URL_PATH_VECTORS } from '../services/traversal-vectors'
import { reportCounts } from '../support/report-counts'

vi.mock('electron', () => import('./fake-electron'))

let fixture: CanarySite
let before: string
let publicDir: string
const swap: { armed: ((real: string) => void) | null } = { armed: null }
let handler: (request: Request) => Promise<Response>
const bodies: string[] = []
/** What this suite tried, for npm test's summary: vector requests sent and those not refused. */
const tally = { vectorsTried: 0, accepted: 0 }

beforeAll(() => {
  fixture = makeCanarySite()
  before = fixture.snapshot()
  publicDir = path.join(fixture.site, 'public')
  handler = createFolderResponder({ host: 'site', root: () => publicDir, csp: SITE_FILE_CSP, hooks: { afterCheck: (real) => swap.armed?.(real) } })
})
afterAll(cleanupTemps)

async function fetchSite(pathname: string): Promise<{ status: number; text: string }> {
  const response = await handler(new Request(`inkpost-site://site/${pathname}`))
  const text = await response.text()
  bodies.push(text)
  return { status: response.status, text }
}

describe('inkpost-site:// protocol handler', () => {
  it('serves a real image (the fixture works)', async () => {
    expect((await fetchSite('images/blogImg/2024-01-16-1.png')).status).toBe(200)
  })

  it.each(URL_PATH_VECTORS)('refuses %s', async (vector) => {
    const { status, text } = await fetchSite(vector.replace('OUTSIDE', fixture.outside.slice(1)))
    tally.vectorsTried++
    if (status < 400 || status >= 500) tally.accepted++
    expect(status, text).toBeGreaterThanOrEqual(400)
    expect(status).toBeLessThan(500)
    expect(text.length).toBeGreaterThan(5)
    expect(text).not.toContain(fixture.canary)
  })

  it('refuses a file swapped for a symlink between the check and the read', async () => {
    writeFileSync(path.join(publicDir, 'swap.png'), 'inside')
    swap.armed = (real) => {
      swap.armed = null
      unlinkSync(real)
      symlinkSync(path.join(fixture.outside, 'canary.png'), real)
    }
    const { status, text } = await fetchSite('swap.png')
    tally.vectorsTried++
    if (status !== 403) tally.accepted++
    expect(swap.armed).toBeNull()
    expect(status).toBe(403)
    expect(text).toMatch(/changed while being opened/)
  })

  it('refuses a parent folder swapped for a symlink between the check and the read', async () => {
    const dir = path.join(publicDir, 'swapdir')
    mkdirSync(dir)
    writeFileSync(path.join(dir, 'canary.txt'), 'inside')
    swap.armed = () => {
      swap.armed = null
      renameSync(dir, `${dir}-old`)
      symlinkSync(fixture.outside, dir)
    }
    const { status, text } = await fetchSite('swapdir/canary.txt')
    tally.vectorsTried++
    if (status !== 403) tally.accepted++
    expect(status).toBe(403)
    expect(text).not.toContain(fixture.canary)
  })

  it('never answered with the canary, and the outside folder is unchanged', () => {
    const leaks = bodies.filter((b) => b.includes(fixture.canary)).length
    const outsideChanged = fixture.snapshot() === before ? 0 : 1
    reportCounts({
      name: 'traversal-protocol',
      counts: { vectorsTried: tally.vectorsTried, accepted: tally.accepted, canaryLeaks: leaks, outsideChanged },
      mustBeZero: ['accepted', 'canaryLeaks', 'outsideChanged'],
      mustBePositive: ['vectorsTried'],
    })
    expect(tally.vectorsTried).toBe(URL_PATH_VECTORS.length + 2)
    expect(bodies.length).toBeGreaterThan(URL_PATH_VECTORS.length)
    expect(leaks).toBe(0)
    expect(fixture.snapshot()).toBe(before)
  })
})
