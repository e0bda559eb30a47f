// A symbolic link swapped in between the path check and the use (issue 12, item 7): post.read and
// post.save check the real path, then read or write. An fs that swaps — after the k-th check of the
// post's path, for every k the operation makes — either the post for a link to a canary outside the
// site, or its folder for a link to the canary folder: the canary text is never returned, the
// folder outside never changes, and a refusal says what happened. Run with and without a view of
// where an open descriptor points (Linux's /proc/self/fd, else the device/inode check).
import { mkdirSync, readdirSync, renameSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { nodeFs, type ServiceFs } from '../../electron/services/fs-facade'
import { ServiceError } from '../../shared/services/service-error'
import { cleanupTemps, makeServices, SAMPLE_POST } from './service-test-helpers'
import { makeCanarySite } from './traversal-canary'

afterAll(cleanupTemps)

type Swap = 'file' | 'folder'

/** nodeFs that performs `swap` right after the `at`-th realpath of the post or its folder returns; `descriptors: false` hides where descriptors point. */
function swappingFs(site: string, outside: string, swap: Swap, at: number, descriptors: boolean): ServiceFs & { swapped: () => boolean } {
  const blog = path.join(site, 'content', 'blog')
  const post = path.join(site, 'content', SAMPLE_POST)
  let checks = 0
  let done = false
  const doSwap = () => {
    done = true
    if (swap === 'file') {
      unlinkSync(post)
      symlinkSync(path.join(outside, 'canary.md'), post)
    } else {
      renameSync(blog, `${blog}-moved`)
      symlinkSync(outside, blog)
    }
  }
  return {
    ...nodeFs,
    realpath: async (p) => {
      const real = await nodeFs.realpath(p)
      if (!done && (p === post || p === blog) && ++checks === at) doSwap()
      return real
    },
    openForRead: async (p) => {
      const handle = await nodeFs.openForRead(p)
      return descriptors ? handle : { ...handle, where: async () => null }
    },
    openForWrite: async (p, options) => {
      const handle = await nodeFs.openForWrite(p, options)
      return descriptors ? handle : { write: handle.write, sync: handle.sync, close: handle.close }
    },
    swapped: () => done,
  }
}

interface Attempt { op: string; swap: Swap; at: number; descriptors: boolean; outcome: string }

describe('symbolic link swapped between the check and the use', () => {
  const attempts: Attempt[] = []

  for (const descriptors of [true, false]) {
    for (const swap of ['file', 'folder'] as const) {
      for (const op of ['read', 'save'] as const) {
        it(`post.${op}: the ${swap} swapped for a link out of the site after each check (${descriptors ? 'descriptor paths' : 'device/inode check'})`, async () => {
          for (let at = 1; ; at++) {
            const fixture = makeCanarySite()
            writeFileSync(path.join(fixture.outside, path.basename(SAMPLE_POST)), `---\ntitle: ${fixture.canary}\n---\n${fixture.canary}\n`)
            mkdirSync(path.join(fixture.outside, 'sub'), { recursive: true })
            const before = fixture.snapshot()
            const { services } = makeServices()
            await services.site.open(fixture.site)
            const doc = await services.post.read(SAMPLE_POST)
            const fsAt = swappingFs(fixture.site, fixture.outside, swap, at, descriptors)
            const fresh = makeServices({ fs: fsAt })
            await fresh.services.site.open(fixture.site)
            const result = await (op === 'read' ? fresh.services.post.read(SAMPLE_POST) : fresh.services.post.save(SAMPLE_POST, doc.text + '\nmine\n', doc.version))
              .then((value) => ({ value }), (error: unknown) => ({ error }))
            if (!fsAt.swapped()) break // the operation made fewer than `at` checks: every moment was tried
            const outcome = 'error' in result ? (result.error instanceof ServiceError ? `${result.error.code}: ${result.error.message}` : String(result.error)) : 'done'
            attempts.push({ op, swap, at, descriptors, outcome })
            expect(JSON.stringify(result), `at ${at}`).not.toContain(fixture.canary)
            expect(fixture.snapshot(), `at ${at}: the folder outside changed`).toBe(before)
            expect(readdirSync(fixture.outside).filter((n) => n.includes('.inkpost-tmp-'))).toEqual([])
            if ('error' in result) {
              expect(result.error, `at ${at}`).toBeInstanceOf(ServiceError)
              expect((result.error as ServiceError).code, `at ${at}: ${outcome}`).toMatch(/^(outside-site|not-found|conflict)$/)
            }
            await fresh.services.dispose()
            await services.dispose()
            expect(at, 'the swap counter never stopped').toBeLessThan(20)
          }
          const mine = attempts.filter((a) => a.op === op && a.swap === swap && a.descriptors === descriptors)
          // the swap really happened at least once after the check, and was refused there
          expect(mine.length).toBeGreaterThan(0)
          expect(mine.filter((a) => a.outcome.startsWith('outside-site: Refusing')).length).toBeGreaterThan(0)
        })
      }
    }
  }

  it('says what happened in words', () => {
    console.log(attempts.map((a) => `${a.op} ${a.swap} after check ${a.at} (${a.descriptors ? 'fd' : 'inode'}): ${a.outcome.slice(0, 90)}`).join('\n'))
    const refusal = attempts.find((a) => a.op === 'save' && a.outcome.startsWith('outside-site: Refusing to save'))
    expect(refusal?.outcome).toBe(`outside-site: Refusing to save ${SAMPLE_POST}: it changed while being saved (a symbolic link now points outside the site folder); nothing was written`)
    const read = attempts.find((a) => a.op === 'read' && a.outcome.startsWith('outside-site'))
    expect(read?.outcome).toBe(`outside-site: Refusing to read ${SAMPLE_POST}: it changed while being read (a symbolic link now points outside the site folder); nothing was read`)
    // a folder swapped after the last check: the rename finds no temp file there and nothing is written anywhere
    const late = attempts.filter((a) => a.op === 'save' && a.outcome.startsWith('not-found'))
    for (const a of late) expect(a.outcome).toBe(`not-found: Not saved: the folder of ${SAMPLE_POST} was moved or deleted while saving. Your text is kept in the editor; save again to create it again.`)
  })
})
