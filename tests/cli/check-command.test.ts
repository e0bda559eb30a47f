import { copyFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from './cli-harness'
import { cleanupTemps, copySampleSite } from '../services/service-test-helpers'

afterAll(() => cleanupTemps())

describe('inkpost check (pre-publish rules)', () => {
  it('reports the corpus post whose URL path is empty (non-Latin name) among its errors, with exit 1', async () => {
    const run = await runCli(['check', 'tests/fixtures/corpus', '--json'])
    expect(run.code).toBe(1)
    const findings = JSON.parse(run.stdout) as Array<{ rule: string; file: string; severity: string; line: number; message: string }>
    const urlPath = findings.filter((f) => f.rule === 'url-path')
    expect(urlPath).toEqual([expect.objectContaining({ file: 'notes/한글-메모.md', severity: 'error', line: 1, message: expect.stringContaining('drops non-Latin characters') })])
    expect(findings.filter((f) => f.rule === 'unsafe-html').every((f) => f.file === 'blog/unsafe.md')).toBe(true)
    expect(run.stderr).toMatch(/^Checking for Nuxt Content 2\.7\.2\nChecked 26 posts: \d+ errors, \d+ warnings\n$/)
  })

  it('passes the sample post (exit 0, no findings) and names a post by path or as the library does', async () => {
    const site = copySampleSite()
    const byName = await runCli(['check', site, 'blog/2024-01-16-llama2.md', '--json'])
    expect([byName.code, JSON.parse(byName.stdout)]).toEqual([0, []])
    const byPath = await runCli(['check', site, path.join(site, 'content/blog/2024-01-16-llama2.md')])
    expect(byPath.code).toBe(0)
    expect(byPath.stderr).toBe('Checking for Nuxt Content 2.7.2\nChecked 1 post: 0 errors, 0 warnings\n')
    writeFileSync(path.join(site, 'content/blog/2024-01-16-llama2.md'), '---\ntitle: [broken\n---\nText\n')
    const broken = await runCli(['check', site, 'blog/2024-01-16-llama2.md'])
    expect(broken.code).toBe(1)
    expect(broken.stdout).toMatch(/^blog\/2024-01-16-llama2\.md:3:1 {2}error {2}frontmatter-yaml {2}Invalid YAML frontmatter: unexpected end of the stream/m)
  })
})

describe('inkpost check: what it checks for', () => {
  it('names the site’s version and options, and which of its plugins it leaves out', async () => {
    const site = copySampleSite()
    writeFileSync(path.join(site, 'nuxt.config.ts'), "export default defineNuxtConfig({ content: { markdown: { toc: { depth: 3 }, rehypePlugins: { 'rehype-katex': {} } } } })\n")
    const run = await runCli(['check', site, 'blog/2024-01-16-llama2.md'])
    expect(run.stderr).toMatch(/^Checking for Nuxt Content 2\.7\.2 · toc depth 3/)
    expect(run.stderr).toMatch(/^Note: The rehype plugin "rehype-katex" is left out/m)
    expect(run.code).toBe(0)
  })
})

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
    const withFiles = await runCli(['check', copySampleSite(), '--assets', 'blog/x.md'])
    expect(withFiles.code).toBe(2)
    expect(withFiles.stderr).toMatch(/--assets checks the whole site/)
    const notSite = await runCli(['check', '/', '--assets'])
    expect(notSite.code).toBe(1)
    expect(notSite.stderr).toMatch(/no "content" folder/)
  })
})
