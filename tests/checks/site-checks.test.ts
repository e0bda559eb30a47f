// buildSiteIndex and checkSavedPosts on temp copies of the sample site and the corpus (arranged as a
// site: content/ + an empty public/), and the checks of the sample post and all 26 corpus posts.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Finding } from '../../shared/checks/finding'
import { checkPostText } from '../../shared/checks/run-checks'
import { ServiceError } from '../../shared/services/service-error'
import { nodeFs, type FsDirent, type ServiceFs } from '../../electron/services/fs-facade'
import { checkSavedPosts } from '../../electron/services/post-checks'
import { SiteContext, type OpenSite } from '../../electron/services/site-context'
import { buildSiteIndex, MAX_PUBLIC_FILES } from '../../electron/services/site-index'
import { SiteServiceImpl } from '../../electron/services/site-service-impl'
import { cleanupTemps, copySampleSite, repoRoot, SAMPLE_POST, tempDir } from '../services/service-test-helpers'

afterAll(cleanupTemps)

const corpusContent = path.join(repoRoot, 'tests/fixtures/corpus/content')

/** Opens `dir` the way the app does and returns the open site. */
async function openSite(dir: string, fs: ServiceFs = nodeFs): Promise<OpenSite> {
  const context = new SiteContext()
  await new SiteServiceImpl({ fs, dataDir: tempDir('inkpost-data-'), context, rememberRecent: false }).open(dir)
  return context.require()
}

/** A temp site whose content/ is a copy of the corpus and whose public/ is empty. */
function copyCorpusSite(): string {
  const dir = path.join(tempDir('inkpost-corpus-'), 'site')
  cpSync(corpusContent, path.join(dir, 'content'), { recursive: true })
  mkdirSync(path.join(dir, 'public'))
  return dir
}

function listPosts(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => entry.isDirectory() ? listPosts(path.join(dir, entry.name), prefix + entry.name + '/') : entry.name.endsWith('.md') ? [prefix + entry.name] : [])
}

function countByRule(findings: Finding[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const finding of findings) counts[finding.rule] = (counts[finding.rule] ?? 0) + 1
  return counts
}

describe('buildSiteIndex', () => {
  it('indexes the sample site: its post with its path and every public file with its size', async () => {
    const dir = copySampleSite()
    const site = await openSite(dir)
    const index = await buildSiteIndex(nodeFs, site)
    expect(index.posts).toEqual([{ file: SAMPLE_POST, path: '/blog/2024-01-16-llama2' }])
    const images = [1, 2, 3, 4].map((n) => `images/blogImg/2024-01-16-${n}.png`)
    expect(index.publicFiles).toEqual(images.map((file) => ({ src: '/' + file, bytes: statSync(path.join(dir, 'public', file)).size })))
    expect(index.allowUnsafeHtml).toBe(false)
  })

  it('skips ignored post names, temp files and dot-folders of the public folder, and recurses', async () => {
    const dir = copySampleSite()
    const write = (file: string, text = 'x') => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
      writeFileSync(path.join(dir, file), text)
    }
    write('content/notes/deep/second.md', '# Second')
    write('content/.hidden/secret.md')
    write('content/-ignored.md')
    write('content/blog/.2024-01-16-llama2.md.inkpost-tmp-99999-abcdef')
    write('content/blog/readme.txt')
    write('public/.git/objects/x.png')
    write('public/files/a.pdf', 'pdf!')
    const index = await buildSiteIndex(nodeFs, await openSite(dir))
    expect(index.posts).toEqual([{ file: SAMPLE_POST, path: '/blog/2024-01-16-llama2' }, { file: 'notes/deep/second.md', path: '/notes/deep/second' }])
    expect(index.publicFiles?.map((file) => file.src)).toEqual(['/files/a.pdf', ...[1, 2, 3, 4].map((n) => `/images/blogImg/2024-01-16-${n}.png`)])
    expect(index.publicFiles?.[0].bytes).toBe(4)
  })

  it('gives an empty public list when the site has no public folder', async () => {
    const dir = copySampleSite()
    rmSync(path.join(dir, 'public'), { recursive: true })
    expect((await buildSiteIndex(nodeFs, await openSite(dir))).publicFiles).toEqual([])
  })

  it('reads allowUnsafeHtml from the site settings', async () => {
    const site = await openSite(copySampleSite())
    const allowing: OpenSite = { ...site, info: { ...site.info, settings: { ...site.info.settings, allowUnsafeHtml: true } as typeof site.info.settings } }
    expect((await buildSiteIndex(nodeFs, allowing)).allowUnsafeHtml).toBe(true)
  })

  it(`stops at ${MAX_PUBLIC_FILES} public files`, async () => {
    const site = await openSite(copySampleSite())
    const many = path.join(site.publicRoot, 'many')
    const dirent = (name: string, dir: boolean): FsDirent => ({ name, isFile: () => !dir, isDirectory: () => dir, isSymbolicLink: () => false })
    const fake: ServiceFs = {
      ...nodeFs,
      realpath: async (p) => (p.startsWith(many) ? p : nodeFs.realpath(p)),
      readdir: async (p) => (p === site.publicRoot ? [dirent('many', true)] : p === many ? Array.from({ length: MAX_PUBLIC_FILES + 5000 }, (_, i) => dirent(`f${String(i).padStart(5, '0')}.png`, false)) : nodeFs.readdir(p)),
      stat: async (p) => (p.startsWith(many + path.sep) ? { ...(await nodeFs.stat(site.publicRoot)), size: 7, isFile: () => true, isDirectory: () => false } : nodeFs.stat(p)),
    }
    const index = await buildSiteIndex(fake, site)
    expect(index.publicFiles).toHaveLength(MAX_PUBLIC_FILES)
    expect(index.publicFiles?.[0]).toEqual({ src: '/many/f00000.png', bytes: 7 })
  })
})

describe('checkSavedPosts', () => {
  it('finds nothing wrong with the sample site', async () => {
    const site = await openSite(copySampleSite())
    expect(await checkSavedPosts(nodeFs, site, await buildSiteIndex(nodeFs, site))).toEqual([])
  })

  it('checks the named posts as saved, with CRLF line ends normalised', async () => {
    const dir = copySampleSite()
    const body = "---\r\ntitle: 'Second'\r\ndescription: 'About.'\r\n---\r\n\r\nSee ![gone](/images/gone.png) and [first](./2024-01-16-llama2.md).\r\n"
    writeFileSync(path.join(dir, 'content/blog/second.md'), body)
    const site = await openSite(dir)
    const index = await buildSiteIndex(nodeFs, site)
    const findings = await checkSavedPosts(nodeFs, site, index, ['blog/second.md'])
    expect(findings).toEqual([expect.objectContaining({ rule: 'missing-image', file: 'blog/second.md', line: 6, column: 13 })])
    expect(findings[0].from).toBe(body.replace(/\r\n/g, '\n').indexOf('/images/gone.png'))
  })

  it('reports an undecodable post as one encoding error', async () => {
    const dir = copySampleSite()
    writeFileSync(path.join(dir, 'content/blog/latin1.md'), Buffer.from([0x23, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a]))
    const site = await openSite(dir)
    const findings = await checkSavedPosts(nodeFs, site, await buildSiteIndex(nodeFs, site))
    expect(findings).toEqual([expect.objectContaining({ rule: 'encoding', severity: 'error', file: 'blog/latin1.md', line: 1, column: 1 })])
    expect(findings[0].message).toBe('This post is not a UTF-8 text file: invalid UTF-8 at byte 5, so the site cannot build it. Save the file as UTF-8 text.')
  })

  it('skips a post of a stale index that was deleted since', async () => {
    const dir = copySampleSite()
    const site = await openSite(dir)
    const index = await buildSiteIndex(nodeFs, site)
    rmSync(path.join(dir, 'content', SAMPLE_POST))
    expect(await checkSavedPosts(nodeFs, site, index)).toEqual([])
  })

  it('refuses files outside the content folder, other file types and missing posts', async () => {
    const site = await openSite(copySampleSite())
    const index = await buildSiteIndex(nodeFs, site)
    await expect(checkSavedPosts(nodeFs, site, index, ['../package.json'])).rejects.toMatchObject({ code: 'outside-site' })
    await expect(checkSavedPosts(nodeFs, site, index, ['/etc/passwd'])).rejects.toMatchObject({ code: 'outside-site' })
    await expect(checkSavedPosts(nodeFs, site, index, ['blog/notes.txt'])).rejects.toMatchObject({ code: 'invalid-argument' })
    await expect(checkSavedPosts(nodeFs, site, index, ['blog/missing.md'])).rejects.toMatchObject({ code: 'not-found' })
    await expect(checkSavedPosts(nodeFs, site, index, ['blog/missing.md'])).rejects.toBeInstanceOf(ServiceError)
  })
})

describe('the sample post', () => {
  it('has no errors and no warnings', () => {
    const text = readFileSync(path.join(repoRoot, 'tests/fixtures/sample-site/content', SAMPLE_POST), 'utf8')
    const site = { posts: [{ file: SAMPLE_POST, path: '/blog/2024-01-16-llama2' }], publicFiles: [1, 2, 3, 4].map((n) => ({ src: `/images/blogImg/2024-01-16-${n}.png`, bytes: 50_000 })), allowUnsafeHtml: false }
    expect(checkPostText(SAMPLE_POST, text, site)).toEqual([])
    // the same post without its images in the index: four missing images, nothing else
    expect(checkPostText(SAMPLE_POST, text, { ...site, publicFiles: [] }).map((f) => [f.rule, f.line, f.column])).toEqual([27, 45, 92, 99].map((line) => ['missing-image', line, 15]))
  })
})

describe('the corpus', () => {
  it('checks all 26 posts without throwing and reports the post whose path comes out empty', async () => {
    const dir = copyCorpusSite()
    const site = await openSite(dir)
    const index = await buildSiteIndex(nodeFs, site)
    const files = listPosts(corpusContent).sort()
    expect(files).toHaveLength(26)
    expect(index.posts.map((post) => post.file).sort()).toEqual(files)
    expect(index.publicFiles).toEqual([])
    const findings: Finding[] = []
    for (const file of files) {
      const text = readFileSync(path.join(corpusContent, file), 'utf8')
      expect(() => checkPostText(file, text, index), file).not.toThrow()
      findings.push(...checkPostText(file, text, index))
    }
    expect(index.posts.find((post) => post.file === 'notes/한글-메모.md')?.path).toBe('/notes')
    const urlPath = findings.filter((finding) => finding.rule === 'url-path')
    expect(urlPath.map((finding) => finding.file)).toEqual(['notes/한글-메모.md'])
    expect(urlPath[0].message).toContain('Nuxt Content 2 builds the path from the file name and drops non-Latin characters')
    expect(urlPath[0].fix).toEqual({ label: 'Rename to notes/post.md', rename: 'notes/post.md' })
    // unsafe markup only where the corpus keeps it on purpose
    expect([...new Set(findings.filter((finding) => finding.rule === 'unsafe-html').map((finding) => finding.file))]).toEqual(['blog/unsafe.md'])
    // every finding is placed inside its post's text
    for (const finding of findings) {
      expect(finding.line).toBeGreaterThanOrEqual(1)
      expect(finding.column).toBeGreaterThanOrEqual(1)
    }
    expect(countByRule(findings)).toEqual({
      'broken-anchor': 1,
      draft: 2,
      'duplicate-heading-id': 1,
      'missing-description': 25,
      'missing-image': 8,
      'missing-title': 4,
      'unsafe-html': 10,
      'url-path': 1,
    })
    // the saved-post path gives the same findings
    const saved = await checkSavedPosts(nodeFs, site, index)
    expect(countByRule(saved)).toEqual(countByRule(findings))
  })
})
