// A FIFO (named pipe) or another special file named like a post or an image must be refused at
// once: opening one for reading would otherwise block a thread-pool thread until someone writes
// to it, and four such calls stall every file operation of the process.
import { spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openFileInside } from '../../electron/services/open-inside'
import { nodeFs } from '../../electron/services/fs-facade'
import { cleanupTemps, copySampleSite, makeServices, SAMPLE_POST } from './service-test-helpers'

afterAll(cleanupTemps)

const hasMkfifo = spawnSync('mkfifo', ['--version']).status === 0

/** Settles `promise` or rejects after `ms` (so a blocked open fails the test instead of hanging it). */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`still pending after ${ms} ms (blocked)`)), ms))])
}

describe.runIf(hasMkfifo)('special files named like posts and images', () => {
  it('post.read and post.save of a FIFO named .md are refused at once, and the services keep answering', async () => {
    const site = copySampleSite()
    const fifo = path.join(site, 'content/blog/pipe.md')
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0)
    const { services } = makeServices()
    await services.site.open(site)
    for (let i = 0; i < 6; i++) {
      // more calls than the thread pool has threads: a blocking open would stall everything after it
      await expect(within(services.post.read('blog/pipe.md'), 5_000)).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('not a regular file') })
    }
    await expect(within(services.post.save('blog/pipe.md', 'text\n', null), 5_000)).rejects.toMatchObject({ code: expect.any(String) })
    const doc = await within(services.post.read(SAMPLE_POST), 5_000)
    expect(doc.text).toContain('LLaMA 2')
    await services.dispose()
  })

  it('the site-file route refuses a FIFO in public/ at once', async () => {
    const site = copySampleSite()
    mkdirSync(path.join(site, 'public/images'), { recursive: true })
    expect(spawnSync('mkfifo', [path.join(site, 'public/images/pipe.png')]).status).toBe(0)
    const publicReal = await nodeFs.realpath(path.join(site, 'public'))
    await expect(within(openFileInside(nodeFs, publicReal, 'images/pipe.png'), 5_000)).rejects.toMatchObject({ code: 'not-found', message: 'Not a file: images/pipe.png' })
  })
})
