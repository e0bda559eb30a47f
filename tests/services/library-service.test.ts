import { cpSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync, mkdirSync, symlinkSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { nodeFs, type ServiceFs } from '../../electron/services/fs-facade'
import { postFacts } from '../../electron/services/post-summary'
import type { LibraryServiceImpl } from '../../electron/services/library-service-impl'
import { cleanupTemps, copySampleSite, makeServices, repoRoot, SAMPLE_POST, tempDir } from './service-test-helpers'

afterAll(cleanupTemps)

async function openSite(site: string, fs?: ServiceFs) {
  const made = makeServices(fs ? { fs } : {})
  await made.services.site.open(site)
  return made.services
}

function addPost(site: string, file: string, text: string, mtime?: Date) {
  const full = path.join(site, 'content', file)
  mkdirSync(path.dirname(full), { recursive: true })
  writeFileSync(full, text)
  if (mtime) utimesSync(full, mtime, mtime)
}

describe('library.list', () => {
  it('lists the LLaMA 2 post with the parser\'s fields', async () => {
    const site = copySampleSite()
    const services = await openSite(site)
    const list = await services.library.list()
    const stat = statSync(path.join(site, 'content', SAMPLE_POST))
    expect(list).toEqual([{
      file: SAMPLE_POST,
      path: '/blog/2024-01-16-llama2',
      title: 'LLaMA 2 Open Foundation and Fine-Tuned Chat Models 논문 리뷰',
      date: '2024-01-16',
      tags: ['LLM', 'LLaMA2', 'paper review', 'NLP'],
      draft: false,
      summary: '2023년 7월 공개된 LLaMA2 논문 리뷰 글 입니다.',
      size: stat.size,
      mtime: stat.mtimeMs,
    }])
  })

  it('searches title, tags and body; filters draft and tag; sorts by date, title, modified', async () => {
    const site = copySampleSite()
    addPost(site, 'blog/a.md', "---\ntitle: 'Alpha notes'\ndate: '2023-05-01'\ntags: [Vue]\ndraft: true\n---\n\nBody mentions kimchi.\n", new Date('2030-01-01'))
    addPost(site, 'blog/b.md', "---\ntitle: 'beta'\ndate: 2025-02-03\ntags: [vue, LLM]\n---\n\n# Ignored heading\n", new Date('2020-01-01'))
    addPost(site, 'notes/no-title.md', '# From the heading\n\nNo frontmatter at all.\n', new Date('2025-01-01'))
    const services = await openSite(site)
    const files = async (q: Parameters<typeof services.library.list>[0]) => (await services.library.list(q)).map((p) => p.file)
    expect(await files({ search: 'KIMCHI' })).toEqual(['blog/a.md'])
    expect(await files({ search: 'alpha' })).toEqual(['blog/a.md'])
    expect(await files({ search: 'llm' })).toEqual(['blog/b.md', SAMPLE_POST])
    expect(await files({ search: 'grouped query attention' })).toEqual([SAMPLE_POST])
    expect(await files({ search: 'no-title' }), 'the file name is searched too').toEqual(['notes/no-title.md'])
    expect(await files({ search: '2024-01-16-llama2' })).toEqual([SAMPLE_POST])
    expect(await files({ search: 'notes heading' }), 'one word in the file name, one in the title').toEqual(['notes/no-title.md'])
    expect(await files({ draft: true })).toEqual(['blog/a.md'])
    expect(await files({ tag: 'LLM' })).toEqual(['blog/b.md', SAMPLE_POST])
    expect(await files({ sort: 'date' })).toEqual(['blog/b.md', SAMPLE_POST, 'blog/a.md', 'notes/no-title.md'])
    expect(await files({ sort: 'date', order: 'asc' })).toEqual(['blog/a.md', SAMPLE_POST, 'blog/b.md', 'notes/no-title.md'])
    expect(await files({ sort: 'title' })).toEqual(['blog/a.md', 'blog/b.md', 'notes/no-title.md', SAMPLE_POST])
    expect((await files({ sort: 'modified' }))[0]).toBe('blog/a.md')
    const list = await services.library.list()
    expect(list.find((p) => p.file === 'blog/b.md')).toMatchObject({ date: '2025-02-03', title: 'beta' })
    expect(list.find((p) => p.file === 'notes/no-title.md')).toMatchObject({ title: 'From the heading', date: null, path: '/notes/no-title' })
    const tags = await services.library.tags()
    expect(tags[0]).toEqual({ tag: 'LLM', count: 2 })
    expect(tags.slice(1).map((t) => t.tag).sort()).toEqual(['LLaMA2', 'NLP', 'Vue', 'paper review', 'vue'])
    await expect(services.library.list({ sort: 'size' as never })).rejects.toMatchObject({ code: 'invalid-argument' })
  })

  it('lists broken posts with an error and skips what Nuxt ignores', async () => {
    const site = copySampleSite()
    addPost(site, 'blog/bad-yaml.md', "---\ntitle: 'ok'\ntags: [a, b\n---\n\nbody\n")
    addPost(site, 'blog/binary.md', '')
    writeFileSync(path.join(site, 'content/blog/binary.md'), Buffer.from([0, 1, 2, 0xff]))
    addPost(site, 'blog/.hidden.md', '# hidden')
    addPost(site, 'blog/-ignored.md', '# ignored')
    addPost(site, 'blog/.post.md.inkpost-tmp-999999999-abcdef', 'half a save')
    addPost(site, 'blog/readme.txt', 'not a post')
    addPost(site, "blog/what's-this.md", '# quote')
    const outside = tempDir()
    writeFileSync(path.join(outside, 'out.md'), '# outside')
    symlinkSync(path.join(outside, 'out.md'), path.join(site, 'content/blog/link-out.md'))
    const services = await openSite(site)
    const list = await services.library.list({ sort: 'title' })
    expect(list.map((p) => p.file).sort()).toEqual(['blog/2024-01-16-llama2.md', 'blog/bad-yaml.md', 'blog/binary.md', "blog/what's-this.md"])
    expect(list.find((p) => p.file === 'blog/bad-yaml.md')?.error).toMatchObject({ message: expect.any(String), line: expect.any(Number) })
    expect(list.find((p) => p.file === 'blog/binary.md')?.error?.message).toMatch(/not a UTF-8 text file/)
    expect(list.find((p) => p.file === "blog/what's-this.md")?.error?.message).toMatch(/Nuxt Content skips/)
    // the listing swept the dead writer's temp file
    expect(readdirSync(path.join(site, 'content/blog'))).not.toContain('.post.md.inkpost-tmp-999999999-abcdef')
  })

  it('serves a warm listing from the cache (keyed by mtime and size) and notices changes', async () => {
    const site = copySampleSite()
    let reads = 0
    const counting: ServiceFs = { ...nodeFs, readFile: (p) => { reads++; return nodeFs.readFile(p) } }
    const services = await openSite(site, counting)
    await services.library.list()
    await (services.library as unknown as LibraryServiceImpl).idle() // the background check reads too
    const cold = reads
    expect(cold).toBeGreaterThanOrEqual(1)
    await services.library.list()
    expect(reads).toBe(cold)
    const file = path.join(site, 'content', SAMPLE_POST)
    writeFileSync(file, readFileSync(file, 'utf8').replace("draft: false", 'draft: true'))
    utimesSync(file, new Date('2031-01-01'), new Date('2031-01-01'))
    const [post] = await services.library.list()
    expect(reads).toBe(cold + 1)
    expect(post.draft).toBe(true)
  })

  it('needs an open site', async () => {
    const { services } = makeServices()
    await expect(services.library.list()).rejects.toMatchObject({ code: 'no-site' })
  })
})

describe('fast path equals the full parse', () => {
  it('gives the same library fields on every corpus post and the sample', async () => {
    const roots = [path.join(repoRoot, 'tests/fixtures/corpus/content'), path.join(repoRoot, 'tests/fixtures/sample-site/content'), path.join(repoRoot, 'tests/fixtures/cases/content')]
    let compared = 0
    let cheap = 0
    let bodyErrors = 0
    for (const root of roots) {
      let files: string[] = []
      try { files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.md')) } catch { continue }
      for (const rel of files) {
        const file = rel.split(path.sep).join('/')
        const text = readFileSync(path.join(root, rel), 'utf8').replace(/^\uFEFF/, '')
        const fast = await postFacts(text, file)
        const full = await postFacts(text, file, { fullParse: true })
        compared++
        if (fast.cheap) cheap++
        if (fast.cheap && full.summary.error && !fast.summary.error) {
          // a body-level parse error only the full parse can see: the background check adds it (tested below)
          const { error: _error, ...rest } = full.summary
          expect(fast.summary, file).toEqual(rest)
          bodyErrors++
          continue
        }
        expect(fast.summary, file).toEqual(full.summary)
      }
    }
    expect(compared).toBeGreaterThanOrEqual(20)
    expect(cheap).toBeGreaterThan(compared / 2)
    console.log(`fast path: ${cheap} of ${compared} fixture posts; ${bodyErrors} with a body-level error left to the background check`)
  })

  it('takes a plain leading # heading as the title and parses fully otherwise', async () => {
    expect(await postFacts("---\ndate: '2024-01-01'\n---\n\n# Real title\n", 'blog/x.md')).toMatchObject({ cheap: true, summary: { title: 'Real title' } })
    expect(await postFacts("---\ntitle: ''\n---\n\n# Heading\n", 'blog/my-post.md')).toMatchObject({ cheap: true, summary: { title: 'My Post' } })
    expect(await postFacts('# Only body\n', 'blog/x.md')).toMatchObject({ cheap: true, summary: { title: 'Only body' } })
    expect(await postFacts('# Title with *emphasis*\n', 'blog/x.md')).toMatchObject({ cheap: false, summary: { title: 'Title with emphasis' } })
    expect(await postFacts('Intro first\n\n# Later heading\n', 'blog/some-post.md')).toMatchObject({ cheap: false, summary: { title: 'Some Post' } })
    expect(await postFacts("---\ntags: [a\n---\n# T\n", 'blog/x.md')).toMatchObject({ cheap: false, summary: { error: { line: expect.any(Number) } } })
  })

  it('agrees with the full parse on generated leading headings (plain and tricky)', async () => {
    const pieces = ['Hello', '라마 리뷰', 'LLaMA 2', '1. Pre-Training', "it's", '"quoted"', '(x)', 'a/b', '100%', 'x+y=z', 'semi;colon', '$5', 'www.example.com', 'a--b', 'ÉtÉ', 'e\u0301', '  ', '.', '!', '?']
    const tricky = ['*em*', '_u_', '`code`', ':smile:', '&amp;', '\\*', '<b>x</b>', '[l](u)', '~~s~~', 'x {.c}', 'a | b', '#', ':comp', '😀']
    let seed = 7
    const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n }
    for (let i = 0; i < 300; i++) {
      const words = Array.from({ length: 1 + rand(4) }, () => (rand(5) === 0 ? tricky[rand(tricky.length)] : pieces[rand(pieces.length)]))
      const fm = rand(2) === 0 ? "---\ndate: '2024-01-01'\ntags: [a]\n---\n" : ''
      const text = `${fm}${'\n'.repeat(rand(3))}# ${words.join(' ')}${' '.repeat(rand(3))}\n\nBody text.\n`
      const fast = await postFacts(text, `blog/gen-${i}.md`)
      const full = await postFacts(text, `blog/gen-${i}.md`, { fullParse: true })
      expect(fast.summary, JSON.stringify(text)).toEqual(full.summary)
    }
  })
})

describe('library on a copied tree', () => {
  it('follows symlinked folders inside the site but lists each post once', async () => {
    const site = copySampleSite()
    cpSync(path.join(site, 'content/blog'), path.join(site, 'content/extra'), { recursive: true })
    symlinkSync(path.join(site, 'content/extra'), path.join(site, 'content/alias'))
    const services = await openSite(site)
    const files = (await services.library.list()).map((p) => p.file).sort()
    // `alias` and `extra` are the same real folder: it is listed once, under whichever name is met first
    expect(files).toHaveLength(2)
    expect(files).toContain('blog/2024-01-16-llama2.md')
  })
})

describe('background verification', () => {
  it('adds body-level parse errors the fast path cannot see, then emits library-changed', async () => {
    const site = copySampleSite()
    addPost(site, 'blog/breaks.md', '# Breaks the site\n\n::card\n[^1]: a definition right before a slot\n#footer\nFooter\n::\n')
    const { services, events } = makeServices()
    await services.site.open(site)
    events.length = 0
    const before = (await services.library.list()).find((p) => p.file === 'blog/breaks.md')
    expect(before).toMatchObject({ title: 'Breaks the site' })
    await (services.library as unknown as LibraryServiceImpl).idle()
    expect(events).toEqual([{ type: 'library-changed' }])
    const after = (await services.library.list()).find((p) => p.file === 'blog/breaks.md')
    expect(after?.error?.message).toEqual(expect.any(String))
    expect(after?.title).toBe('Breaks the site')
    await services.dispose()
  })
})

describe('library cache on disk', () => {
  it('lets a restarted host list without reading posts, and search still finds body text', async () => {
    const site = copySampleSite()
    addPost(site, 'blog/a.md', "---\ntitle: 'Alpha'\n---\n\nBody mentions kimchi.\n")
    const dataDir = tempDir()
    const { createServices } = await import('../../electron/services/create-services')
    const first = createServices({ dataDir, emit: () => undefined, watch: false })
    await first.site.open(site)
    const listed = await first.library.list()
    await (first.library as unknown as LibraryServiceImpl).idle()
    await first.dispose() // flushes the cache file
    expect(readdirSync(path.join(dataDir, 'library-cache'))).toHaveLength(1)

    let reads = 0
    const counting: ServiceFs = { ...nodeFs, readFile: (p) => { if (p.endsWith('.md')) reads++; return nodeFs.readFile(p) } }
    const second = createServices({ dataDir, emit: () => undefined, watch: false, fs: counting })
    await second.site.open(site)
    expect(await second.library.list()).toEqual(listed)
    expect(reads).toBe(0)
    expect((await second.library.list({ search: 'kimchi' })).map((p) => p.file)).toEqual(['blog/a.md'])
    expect(reads).toBe(2) // search text is rebuilt by plain reads, once
    await second.library.list({ search: 'kimchi' })
    expect(reads).toBe(2)
    await second.dispose()
  })

  it('ignores a corrupt cache file and one written by another version', async () => {
    const site = copySampleSite()
    const dataDir = tempDir()
    const { createServices } = await import('../../electron/services/create-services')
    const a = createServices({ dataDir, emit: () => undefined, watch: false, host: { mode: 'browser', siteFileBase: '/site-file', version: '1.0.0' } })
    await a.site.open(site)
    await a.library.list()
    await (a.library as unknown as LibraryServiceImpl).idle()
    await a.dispose()
    let reads = 0
    const counting: ServiceFs = { ...nodeFs, readFile: (p) => { if (p.endsWith('.md')) reads++; return nodeFs.readFile(p) } }
    const b = createServices({ dataDir, emit: () => undefined, watch: false, fs: counting, host: { mode: 'browser', siteFileBase: '/site-file', version: '2.0.0' } })
    await b.site.open(site)
    expect((await b.library.list())[0].file).toBe(SAMPLE_POST)
    expect(reads).toBe(1)
    await (b.library as unknown as LibraryServiceImpl).idle()
    await b.dispose()
    const [cacheFile] = readdirSync(path.join(dataDir, 'library-cache'))
    writeFileSync(path.join(dataDir, 'library-cache', cacheFile), '{"format":1,"entr')
    const c = createServices({ dataDir, emit: () => undefined, watch: false })
    await c.site.open(site)
    expect((await c.library.list())[0].title).toMatch(/LLaMA 2/)
  })
})
