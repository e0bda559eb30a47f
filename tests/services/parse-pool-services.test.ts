// The services with a real parse pool: while the library's background check parses a post with a
// 400 KB line without spaces (minutes on one thread), site info, post.read and library.list answer
// at once; the post then carries the too-slow finding in the library, in publish.check (rule
// parse-limit) and in the export's refusal. Limits are short and waits generous (a loaded machine).
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LibraryServiceImpl } from '../../electron/services/library-service-impl'
import { ServiceError } from '../../shared/services/service-error'
import { parseWorkerUrl, removeParseWorker } from './parse-worker-build'
import { cleanupTemps, copySampleSite, makeServices, SAMPLE_POST, tempDir, type TestServices } from './service-test-helpers'

const SLOW = 'blog/slow.md'
const LIMIT_MS = 4000
let workerUrl: URL
const made: TestServices[] = []

beforeAll(async () => {
  workerUrl = await parseWorkerUrl()
})

afterAll(async () => {
  await Promise.all(made.map(({ services }) => services.dispose()))
  removeParseWorker()
  cleanupTemps()
})

/** The sample site plus a post whose line 6 is 400 KB without a space. */
function siteWithSlowPost(): string {
  const site = copySampleSite()
  writeFileSync(path.join(site, 'content', SLOW), `---\ntitle: Slow post\ndescription: One very long line.\n---\n\n${'x'.repeat(400_000)}\n`)
  return site
}

function servicesWithPool(): TestServices {
  const made1 = makeServices({ parsePool: { workerUrl, timeLimitMs: LIMIT_MS } })
  made.push(made1)
  return made1
}

const FINDING = /^This post takes too long to parse \(stopped after 4 s\): line 6 is 400 KB with no spaces\./

describe('services with a parse pool', () => {
  it('keep answering while the library checks a post too slow to parse, then list its finding', async () => {
    const { services } = servicesWithPool()
    await services.site.open(siteWithSlowPost())
    const library = services.library as unknown as LibraryServiceImpl
    const listed = await services.library.list()
    expect(listed.map((p) => p.file).sort()).toEqual([SAMPLE_POST, SLOW].sort())
    // the background check now parses both posts in the pool, the slow one until the time limit
    let checkedAt = 0
    const checked = library.idle().then(() => { checkedAt = Date.now() })
    const asked = Date.now()
    const [info, post, again] = await Promise.all([services.site.current(), services.post.read(SAMPLE_POST), services.library.list()])
    const answeredAt = Date.now()
    console.log(`services answered in ${answeredAt - asked} ms while the slow post was being parsed`)
    expect(info?.name).toBe('site')
    expect(post.text).toContain('LLaMA 2')
    expect(again).toHaveLength(2)
    await checked
    console.log(`the background check ended ${checkedAt - asked} ms after the calls (limit ${LIMIT_MS} ms)`)
    expect(answeredAt).toBeLessThan(checkedAt)
    const slow = (await services.library.list()).find((p) => p.file === SLOW)
    expect(slow?.title).toBe('Slow post')
    expect(slow?.error?.message).toMatch(FINDING)
    expect(slow?.error?.line).toBe(6)
  }, 120_000)

  it('report the post in the checks (parse-limit) and refuse to export it with that message', async () => {
    const { services } = servicesWithPool()
    await services.site.open(siteWithSlowPost())
    const findings = await services.publish.check([SLOW])
    const limit = findings.filter((f) => f.rule === 'parse-limit')
    expect(limit).toHaveLength(1)
    expect(limit[0]).toMatchObject({ severity: 'error', file: SLOW, line: 6, column: 1 })
    expect(limit[0].message).toMatch(FINDING)
    expect(findings.filter((f) => f.rule === 'parse-error')).toEqual([])
    const refused = await services.publish.export(SLOW, { out: path.join(tempDir(), 'slow.zip'), force: true }).then(() => null, (error: unknown) => error)
    expect(refused).toBeInstanceOf(ServiceError)
    expect((refused as ServiceError).message).toMatch(/^Not exported: blog\/slow\.md:6:1 This post takes too long to parse \(stopped after 4 s\): line 6 is 400 KB/)
    // the sample post still exports through the same pool
    const result = await services.publish.export(SAMPLE_POST, { out: path.join(tempDir(), 'sample.zip') })
    expect(result.manifest.posts.map((p) => p.file)).toEqual([SAMPLE_POST])
  }, 120_000)
})
