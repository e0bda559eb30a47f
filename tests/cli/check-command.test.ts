import { copyFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from './cli-harness'
import { cleanupTemps, copySampleSite } from '../services/service-test-helpers'

afterAll(() => cleanupTemps())

describe('inkpost check --assets', () => {
  it('passes on the sample site: four images, all referenced, none missing', async () => {
    const site = copySampleSite()
    const run = await runCli(['check', site, '--assets', '--json'])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout)
    expect(report).toMatchObject({ imageDir: 'public/images/blogImg', imageCount: 4, referenceCount: 4, unused: [], unusedBytes: 0, missing: [] })
  })

  it('reports one unused and one missing image, with the post line, and exits 1', async () => {
    const site = copySampleSite()
    const images = path.join(site, 'public/images/blogImg')
    copyFileSync(path.join(images, '2024-01-16-1.png'), path.join(images, 'orphan.png'))
    writeFileSync(path.join(site, 'content/blog/second.md'), '---\ntitle: Second\n---\n\nText.\n\n![lost](/images/blogImg/lost.png)\n')
    const json = await runCli(['check', site, '--assets', '--json'])
    expect(json.code).toBe(1)
    const report = JSON.parse(json.stdout)
    expect(report.unused).toEqual([{ path: 'public/images/blogImg/orphan.png', src: '/images/blogImg/orphan.png', bytes: expect.any(Number) }])
    expect(report.unusedBytes).toBe(report.unused[0].bytes)
    expect(report.missing).toEqual([{ file: 'blog/second.md', src: '/images/blogImg/lost.png', state: 'missing', line: 7, column: 9 }])
    const text = await runCli(['check', site, '--assets'])
    expect(text.code).toBe(1)
    expect(text.stdout).toContain('Unused images: 1')
    expect(text.stdout).toContain('public/images/blogImg/orphan.png')
    expect(text.stdout).toContain('blog/second.md:7:9  /images/blogImg/lost.png  (not found)')
  })

  it('explains usage errors and a folder that is not a site', async () => {
    const missingFlag = await runCli(['check', copySampleSite()])
    expect(missingFlag.code).toBe(2)
    expect(missingFlag.stderr).toMatch(/--assets/)
    const notSite = await runCli(['check', '/', '--assets'])
    expect(notSite.code).toBe(1)
    expect(notSite.stderr).toMatch(/no "content" folder/)
  })
})
