import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_PARSE_SETTINGS } from '../../shared/parser/content-options'
import { describeParseSettings, pickContentOptions, readSiteParseSettings } from '../../electron/site/site-parse-settings'

let base: string

/** Writes `files` (path → text, objects as JSON) under `base/name` and returns that folder. */
async function site(name: string, files: Record<string, string | object>): Promise<string> {
  const root = path.join(base, name)
  await mkdir(root, { recursive: true })
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true })
    await writeFile(path.join(root, rel), typeof content === 'string' ? content : JSON.stringify(content, null, 2))
  }
  return root
}

const pkg = (range: string): object => ({ name: 'blog', private: true, devDependencies: { nuxt: '^3.8.0', '@nuxt/content': range } })
const lock = (version: string): object => ({ lockfileVersion: 3, packages: { 'node_modules/@nuxt/content': { version } } })

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'inkpost-parse-settings-'))
  // stops the version walk here, whatever the machine has above the temp folder
  await writeFile(path.join(base, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: {} }))
})

afterAll(async () => {
  await rm(base, { recursive: true, force: true })
})

describe('readSiteParseSettings', () => {
  it('reads a 2.13 site’s content options and version', async () => {
    const root = await site('site-213', {
      'package.json': pkg('^2.13.0'),
      'package-lock.json': lock('2.13.4'),
      'nuxt.config.ts': [
        'export default defineNuxtConfig({',
        "  modules: ['@nuxt/content'],",
        "  content: { highlight: { theme: 'github-dark' }, markdown: { toc: { depth: 3 } }, documentDriven: true, api: { baseURL: '/api/_content' } },",
        '})',
      ].join('\n'),
    })
    const result = await readSiteParseSettings(root)
    expect(result.settings).toEqual({ version: '2.13.4', family: '2.13', options: { highlight: { theme: 'github-dark' }, markdown: { toc: { depth: 3 } } } })
    expect(result.contentDir).toBe('content')
    expect(result.notices).toEqual([])
    expect(result.configError).toBeUndefined()
    expect(describeParseSettings(result.settings)).toBe('Nuxt Content 2.13.4 · highlight github-dark · toc depth 3')
  })

  it('carries the resolved markdown.tags map for the preview: the site’s entries over its family’s prose defaults', async () => {
    const root = await site('site-tags', {
      'package.json': pkg('^2.13.0'),
      'package-lock.json': lock('2.13.4'),
      'nuxt.config.ts': "export default defineNuxtConfig({ content: { markdown: { tags: { p: 'MyParagraph', blockquote: 'Callout' } } } })\n",
    })
    const { settings } = await readSiteParseSettings(root)
    expect(settings.options.markdown?.tags).toEqual({ p: 'MyParagraph', blockquote: 'Callout' })
    expect(settings.proseTags).toMatchObject({ p: 'MyParagraph', blockquote: 'Callout', h2: 'prose-h2', code: 'ProseCodeInline', pre: 'prose-pre' })
    expect(JSON.parse(JSON.stringify(settings))).toEqual(settings)
    expect(describeParseSettings(settings)).toBe('Nuxt Content 2.13.4 · tags p→MyParagraph, blockquote→Callout')
  })

  it('gives the default settings for a site with neither options nor version (the sample site)', async () => {
    const root = await site('sample-like', { 'nuxt.config.ts': "export default defineNuxtConfig({ modules: ['@nuxt/content'] })\n", 'content/a.md': 'a\n' })
    const result = await readSiteParseSettings(root)
    expect(result.settings).toEqual(DEFAULT_PARSE_SETTINGS)
    expect(result.notices).toEqual([])
    expect(describeParseSettings(result.settings)).toBe('Nuxt Content 2.7.2')
  })

  it('normalises array plugin lists like @nuxt/content, keeps false, and merges inline module options over content', async () => {
    const root = await site('plugins', {
      'package.json': pkg('2.7.2'),
      'node_modules/@nuxt/content/package.json': { name: '@nuxt/content', version: '2.7.2' },
      'nuxt.config.ts': [
        'export default defineNuxtConfig({',
        "  modules: [['@nuxt/content', { markdown: { mdc: false } }]],",
        '  content: {',
        '    markdown: {',
        "      remarkPlugins: ['remark-breaks', ['remark-emoji', { emoticon: true }], ['remark-math']],",
        "      rehypePlugins: { 'rehype-external-links': { target: '_blank' }, 'rehype-slug': false },",
        '    },',
        '  },',
        '})',
      ].join('\n'),
    })
    const result = await readSiteParseSettings(root)
    expect(result.settings.family).toBe('2.7')
    expect(result.settings.version).toBe('2.7.2')
    expect(result.settings.options).toEqual({
      markdown: {
        remarkPlugins: { 'remark-breaks': {}, 'remark-emoji': { emoticon: true }, 'remark-math': {} },
        rehypePlugins: { 'rehype-external-links': { target: '_blank' }, 'rehype-slug': false },
        mdc: false,
      },
    })
    expect(describeParseSettings(result.settings)).toBe('Nuxt Content 2.7.2 · MDC off · remark remark-breaks, remark-emoji, remark-math · rehype rehype-external-links, rehype-slug off')
  })

  it('merges inkpost.config.json overrides over the config, and its version over the detected one', async () => {
    const root = await site('overrides', {
      'package.json': pkg('^2.13.0'),
      'package-lock.json': lock('2.13.4'),
      'nuxt.config.ts': "export default defineNuxtConfig({ content: { highlight: { theme: 'github-dark', preload: ['ts'] }, markdown: { toc: { depth: 3 } } } })\n",
    })
    const result = await readSiteParseSettings(root, {
      content: { highlight: { theme: { default: 'github-light', dark: 'github-dark' } }, markdown: { toc: { searchDepth: 1 }, remarkPlugins: { 'remark-gfm': false } } },
      nuxtContentVersion: '2.7.1',
    })
    expect(result.settings.version).toBe('2.7.1')
    expect(result.settings.family).toBe('2.7')
    expect(result.settings.options).toEqual({
      highlight: { theme: { default: 'github-light', dark: 'github-dark' }, preload: ['ts'] },
      markdown: { toc: { depth: 3, searchDepth: 1 }, remarkPlugins: { 'remark-gfm': false } },
    })
    expect(describeParseSettings(result.settings)).toBe('Nuxt Content 2.7.1 · highlight github-light/github-dark · toc depth 3 · toc search depth 1 · remark remark-gfm off')
    const minor = await readSiteParseSettings(root, { nuxtContentVersion: '2.12' })
    expect(minor.settings).toMatchObject({ version: '2.12.1', family: '2.13' })
  })

  it('falls back to defaults, with a notice and configError, when the config throws', async () => {
    const root = await site('throws', {
      'package.json': pkg('^2.13.0'),
      'package-lock.json': lock('2.13.1'),
      'srcdir-note.md': 'the version is still read from the lockfile\n',
      'nuxt.config.ts': "const theme: string = process.env.NOPE!.trim()\nexport default defineNuxtConfig({ content: { highlight: { theme } } })\n",
    })
    const result = await readSiteParseSettings(root, { content: { markdown: { toc: { depth: 2 } } } })
    expect(result.configError).toMatchObject({ file: path.join(root, 'nuxt.config.ts'), line: 1 })
    expect(result.configError?.message).toMatch(/trim/)
    expect(result.settings).toEqual({ version: '2.13.1', family: '2.13', options: { markdown: { toc: { depth: 2 } } } })
    expect(result.contentDir).toBe('content')
    expect(result.notices[0]).toContain("nuxt.config could not be read")
    expect(result.notices[0]).toContain(`${path.join(root, 'nuxt.config.ts')}:1:`)
  })

  it('reports the posts folder from srcDir, and notices for a 3.x site and values of the wrong type', async () => {
    const root = await site('v3', {
      'package.json': pkg('^3.0.0'),
      'node_modules/@nuxt/content/package.json': { name: '@nuxt/content', version: '3.5.1' },
      'nuxt.config.ts': "export default defineNuxtConfig({ srcDir: 'src', content: { markdown: { toc: { depth: 'three' } }, locales: ['en', 'fr'] } })\n",
    })
    const result = await readSiteParseSettings(root)
    expect(result.contentDir).toBe('src/content')
    expect(result.settings).toEqual({ version: '2.13.4', family: '2.13', options: { markdown: { toc: {} }, locales: ['en', 'fr'] } })
    expect(result.notices).toEqual([
      expect.stringContaining('content.markdown.toc.depth'),
      expect.stringContaining('Nuxt Content 3 is a different system'),
    ])
  })

  it('explains a version that comes from the package.json range alone', async () => {
    const root = await site('range-only', { 'package.json': pkg('~2.7.0'), 'nuxt.config.ts': 'export default defineNuxtConfig({})\n' })
    const result = await readSiteParseSettings(root)
    expect(result.settings).toMatchObject({ version: '2.7.2', family: '2.7' })
    expect(result.notices).toEqual([expect.stringContaining('"~2.7.0" would install 2.7.2')])
  })
})

describe('pickContentOptions', () => {
  it('keeps only the ContentOptions keys, checked', () => {
    const notices: string[] = []
    const picked = pickContentOptions({
      highlight: { theme: 'nord', langs: ['ts', 'vue'], highlighter: 'shiki' },
      markdown: { anchorLinks: { depth: 2, exclude: [1] }, tags: { p: 'MyParagraph' }, mdc: 'no' },
      respectPathCase: true,
      defaultLocale: 'ko',
      sources: { content: { driver: 'fs', base: './posts' } },
      navigation: { fields: ['icon'] },
    }, 'nuxt.config', notices)
    expect(picked).toEqual({
      highlight: { theme: 'nord', langs: ['ts', 'vue'] },
      markdown: { anchorLinks: { depth: 2, exclude: [1] }, tags: { p: 'MyParagraph' } },
      respectPathCase: true,
      defaultLocale: 'ko',
    })
    expect(notices).toEqual(['nuxt.config: content.markdown.mdc (expected true or false) — left out; the preview uses the default there.'])
  })

  it('keeps highlight: false and anchorLinks: false', () => {
    const notices: string[] = []
    expect(pickContentOptions({ highlight: false, markdown: { anchorLinks: false } }, 'nuxt.config', notices)).toEqual({ highlight: false, markdown: { anchorLinks: false } })
    expect(notices).toEqual([])
  })
})

describe('describeParseSettings', () => {
  it('names the version, then what differs from the defaults', () => {
    expect(describeParseSettings({ version: '2.7.2', family: '2.7', options: {} })).toBe('Nuxt Content 2.7.2')
    expect(describeParseSettings({ version: '2.13.4', family: '2.13', options: { highlight: false, markdown: { toc: {} } } })).toBe('Nuxt Content 2.13.4')
    expect(describeParseSettings({ version: '2.13.4', family: '2.13', options: { highlight: {} } })).toBe('Nuxt Content 2.13.4 · highlight')
    expect(describeParseSettings({
      version: '2.8.5',
      family: '2.13',
      options: { markdown: { anchorLinks: false }, defaultLocale: 'en', locales: ['en', 'ko'], respectPathCase: true },
    })).toBe('Nuxt Content 2.8.5 · anchor links off · locale en · locales en, ko · path case kept')
  })
})
