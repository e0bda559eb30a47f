import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { postFacts } from '../../electron/services/post-summary'
import type { SiteParseSettings } from '../../shared/parser/content-options'
import { contentIdFor } from '../../shared/parser/index'
import { tryParseForSite } from '../../shared/parser/parse-for-site'
import { cleanupTemps, makeServices, repoRoot, tempDir } from './service-test-helpers'

afterAll(cleanupTemps)

// posts whose library fields differ between the families: invalid YAML (a 2.7 site's build fails,
// a 2.13 site stores what `yaml` recovers) and a date-time (js-yaml makes it a Date, `yaml` keeps the text)
const POSTS: Record<string, string> = {
  'blog/bad-yaml.md': '---\ntitle: Recovered title\ndate: 2024-01-02\ntags: [alpha, beta\n---\n\nBody text.\n',
  'blog/date-time.md': '---\ntitle: Timed\ndate: 2024-01-02 10:30:00\n---\n\nBody text.\n',
}

function siteCopy(fixture: string): string {
  const dir = tempDir('inkpost-library-family-')
  cpSync(path.join(repoRoot, 'tests/fixtures', fixture), dir, { recursive: true })
  for (const [file, text] of Object.entries(POSTS)) {
    mkdirSync(path.dirname(path.join(dir, 'content', file)), { recursive: true })
    writeFileSync(path.join(dir, 'content', file), text)
  }
  return dir
}

async function listed(fixture: string) {
  const { services } = makeServices({ libraryDiskCache: false })
  const info = await services.site.open(siteCopy(fixture))
  const list = await services.library.list()
  await (services.library as unknown as { idle(): Promise<void> }).idle()
  const byFile = Object.fromEntries((await services.library.list()).map((post) => [post.file, post]))
  return { info, list, byFile }
}

describe('the library parses each post for its site', () => {
  it('shows what a 2.13 site stores, where a 2.7 site shows something else', async () => {
    const site213 = await listed('sites-213/toc-depth-3')
    const site27 = await listed('sites-27/toc-depth-3')
    expect(site213.info.parse.family).toBe('2.13')
    expect(site27.info.parse.family).toBe('2.7')

    // invalid YAML: the 2.13 site stores the recovered frontmatter (the error stays as a warning)
    expect(site213.byFile['blog/bad-yaml.md']).toMatchObject({ title: 'Recovered title', date: '2024-01-02', tags: ['alpha', 'beta'], error: { line: 4 } })
    // the 2.7 site cannot build it: title from the file name, nothing from the frontmatter
    expect(site27.byFile['blog/bad-yaml.md']).toMatchObject({ title: 'Bad Yaml', date: null, tags: [], error: { message: expect.stringContaining('YAML') } })

    expect(site213.byFile['blog/date-time.md'].date).toBe('2024-01-02 10:30:00')
    expect(site27.byFile['blog/date-time.md'].date).toBe('2024-01-02T10:30:00.000Z')
  })

  it('agrees with tryParseForSite (what inkpost check and parse use) on every post of the 2.13 site', async () => {
    const { info, byFile } = await listed('sites-213/toc-depth-3')
    const root = path.join(info.root, 'content')
    for (const file of Object.keys(byFile)) {
      const text = readFileSync(path.join(root, file), 'utf8')
      const outcome = await tryParseForSite(text, { id: contentIdFor(file), settings: info.parse })
      const stored = (outcome.stored ?? outcome.parsed)!
      expect(byFile[file], file).toMatchObject({ path: stored._path, title: stored.title, tags: (stored.tags as string[] | undefined) ?? [] })
    }
  })
})

const VARIANTS: Array<[string, SiteParseSettings]> = [
  ['2.13 defaults', { version: '2.13.4', family: '2.13', options: {} }],
  ['2.13 locales, path case', { version: '2.13.4', family: '2.13', options: { defaultLocale: 'en', locales: ['en', 'blog'], respectPathCase: true } }],
  ['2.7 locales, path case', { version: '2.7.2', family: '2.7', options: { defaultLocale: 'ko', locales: ['ko', 'blog'], respectPathCase: true } }],
]

describe('fast path equals the full parse for other families and options', () => {
  for (const [name, settings] of VARIANTS) {
    it(`gives the same library fields on the fixture posts (${name})`, async () => {
      const roots = ['corpus/content', 'corpus-213/content', 'sample-site/content', 'cases/content'].map((r) => path.join(repoRoot, 'tests/fixtures', r))
      const texts: Array<[string, string]> = Object.entries(POSTS)
      for (const root of roots) {
        let files: string[] = []
        try { files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.md')) } catch { continue }
        for (const rel of files) texts.push([rel.split(path.sep).join('/'), readFileSync(path.join(root, rel), 'utf8').replace(/^\uFEFF/, '')])
      }
      let cheap = 0
      for (const [file, text] of texts) {
        const fast = await postFacts(text, file, { settings })
        const full = await postFacts(text, file, { fullParse: true, settings })
        if (fast.cheap) cheap++
        if (fast.cheap && full.summary.error && !fast.summary.error) {
          const { error: _error, ...rest } = full.summary // a body-level error: the background check adds it
          expect(fast.summary, file).toEqual(rest)
          continue
        }
        expect(fast.summary, file).toEqual(full.summary)
      }
      expect(texts.length).toBeGreaterThanOrEqual(20)
      expect(cheap).toBeGreaterThan(texts.length / 2)
    }, 60_000)
  }

  it('agrees with the 2.13 full parse on generated leading headings', async () => {
    const settings = VARIANTS[0][1]
    const pieces = ['Hello', '라마 리뷰', 'LLaMA 2', '1. Pre-Training', "it's", '"quoted"', '(x)', 'a/b', '100%', 'x+y=z', '$5', 'www.example.com', 'ÉtÉ', '.', '!']
    const tricky = ['*em*', '`code`', ':smile:', '&amp;', '\\*', '<b>x</b>', '[l](u)', '~~s~~', 'x {.c}', ':comp', '😀']
    let seed = 11
    const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n }
    for (let i = 0; i < 120; i++) {
      const words = Array.from({ length: 1 + rand(4) }, () => (rand(5) === 0 ? tricky[rand(tricky.length)] : pieces[rand(pieces.length)]))
      const fm = rand(2) === 0 ? "---\ndate: '2024-01-01'\ntags: [a]\n---\n" : ''
      const text = `${fm}${'\n'.repeat(rand(3))}# ${words.join(' ')}${' '.repeat(rand(3))}\n\nBody text.\n`
      const fast = await postFacts(text, `blog/gen-${i}.md`, { settings })
      const full = await postFacts(text, `blog/gen-${i}.md`, { fullParse: true, settings })
      expect(fast.summary, JSON.stringify(text)).toEqual(full.summary)
    }
  }, 60_000)
})

describe('a site’s own markdown plugins in the main process', () => {
  it('are loaded from the site’s node_modules when it opens, and the library’s parse runs them', async () => {
    const { services } = makeServices({ libraryDiskCache: false })
    const site = tempDir('inkpost-own-plugins-')
    cpSync(path.join(repoRoot, 'tests/fixtures/sites-27/own-plugins'), site, { recursive: true })
    const info = await services.site.open(site)
    expect(info.parseNotices.join('\n')).not.toContain('inkpost-test-plugin')
    const list = await services.library.list({ sort: 'title' })
    // the title of a post without one comes from its first heading, which the site's remark plugin upper-cases
    expect(list.map((post) => post.title)).toEqual(['Plugins at work', 'TITLE FROM THE HEADING'])
    // the window gets plain JSON settings (the loaded functions stay in this process)
    expect(JSON.parse(JSON.stringify(info.parse))).toEqual(info.parse)
    expect(structuredClone(info)).toEqual(info)
  })

  it('one that is not installed is named in the site notices', async () => {
    const { services } = makeServices({ libraryDiskCache: false })
    const site = tempDir('inkpost-own-plugins-')
    cpSync(path.join(repoRoot, 'tests/fixtures/sites-27/own-plugins'), site, { recursive: true, filter: (from) => !from.includes('rehype-inkpost-test-plugin') })
    const info = await services.site.open(site)
    expect(info.parseNotices).toContainEqual(expect.stringContaining('"rehype-inkpost-test-plugin" is not installed'))
  })
})
