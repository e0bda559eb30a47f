// One loop over the site fixtures of tests/fixtures/sites-27/: each is a small Nuxt site whose
// nuxt.config.ts sets `content:` options (the same ones as its content-options.json, checked
// here), and each post must parse, with those options, byte-identically to its golden — made only
// by the reference (Nuxt Content 2.7.2's transformers given the options the way its module passes
// them: scripts/reference-options-parse.mjs). `UPDATE=1 npx vitest run tests/parser` regenerates
// every site's expected/ from the reference first (one process per site: shiki is a singleton).
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { contentIdFor, parsePost, PostParseFailure, tryParsePost } from '../../shared/parser'
import { parsePostHighlighted } from '../../shared/parser/parse-post-highlighted'
import type { ContentOptions } from '../../shared/parser/content-options'
import { withLoadedPlugins } from '../../shared/parser/site-plugins'
import { loadSitePlugins } from '../../electron/site/load-site-plugins'

const root = fileURLToPath(new URL('../..', import.meta.url))
const sitesDir = join(root, 'tests/fixtures/sites-27')
const sites = readdirSync(sitesDir).filter(name => statSync(join(sitesDir, name)).isDirectory()).sort()

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const full = join(dir, name)
    return statSync(full).isDirectory() ? markdownFiles(full) : name.endsWith('.md') ? [full] : []
  })
}

/** The `content: {...}` object literal of a fixture's nuxt.config.ts (written as JSON there). */
function nuxtConfigContent(siteDir: string): unknown {
  const config = readFileSync(join(siteDir, 'nuxt.config.ts'), 'utf8')
  const match = /\n {2}content: (\{[\s\S]*?\n {2}\}),\n\}\)/.exec(config)
  if (!match) throw new Error(`${siteDir}/nuxt.config.ts has no "content: {...}," block`)
  return JSON.parse(match[1])
}

if (process.env.UPDATE === '1') {
  beforeAll(() => {
    for (const site of sites) {
      const r = spawnSync(process.execPath, [join(root, 'scripts/reference-options-parse.mjs'), '--site', join(sitesDir, site)], { encoding: 'utf8' })
      if (r.status !== 0) throw new Error(`UPDATE=1: regenerating the goldens of sites-27/${site} failed (exit ${r.status}).\n${r.stderr || r.stdout}`)
    }
  }, 300_000)
}

for (const site of sites) {
  describe(`site options: ${site}`, () => {
    const siteDir = join(sitesDir, site)
    const options = JSON.parse(readFileSync(join(siteDir, 'content-options.json'), 'utf8')) as ContentOptions
    const contentDir = join(siteDir, 'content')
    const posts = markdownFiles(contentDir).sort().map(file => relative(contentDir, file).split(sep).join('/'))
    const highlighted = Boolean(options.highlight)

    it('nuxt.config.ts and content-options.json hold the same options; @nuxt/content is 2.7.2', () => {
      expect(nuxtConfigContent(siteDir)).toEqual(options)
      const pkg = JSON.parse(readFileSync(join(siteDir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
      expect(pkg.dependencies['@nuxt/content']).toBe('2.7.2')
      expect(posts.length).toBeGreaterThanOrEqual(2)
    })

    for (const rel of posts) {
      it(rel, async () => {
        const goldenFile = join(siteDir, 'expected', rel + '.json')
        expect(existsSync(goldenFile), `missing golden for ${site}/${rel} (UPDATE=1 makes it)`).toBe(true)
        const golden = JSON.parse(readFileSync(goldenFile, 'utf8')) as { parsed?: unknown; error?: { message: string } }
        const source = readFileSync(join(contentDir, rel), 'utf8')
        // a site's own plugins are loaded from its node_modules, as the CLI and the main process do
        const { plugins, notices } = await loadSitePlugins(siteDir, { version: '2.7.2', family: '2.7', options })
        expect(notices).toEqual([])
        const parseOptions = { id: contentIdFor(rel), content: withLoadedPlugins(options, plugins) }
        const parse = () => (highlighted ? parsePostHighlighted(source, parseOptions) : Promise.resolve(parsePost(source, parseOptions)))
        if (golden.error) {
          await expect(parse(), `the reference throws "${golden.error.message}"`).rejects.toBeInstanceOf(PostParseFailure)
          return
        }
        expect(JSON.stringify(await parse())).toBe(JSON.stringify(golden.parsed))
      })
    }
  })
}

describe('site options: notices and defaults', () => {
  const source = '# Title\n\n[out](https://example.com)\n'
  it('a non-default plugin is left out with a notice; the default plugins still run', () => {
    const content: ContentOptions = { markdown: { remarkPlugins: { 'remark-math': {} }, rehypePlugins: { 'rehype-katex': {}, 'rehype-slug': false } } }
    const outcome = tryParsePost(source, { id: 'content:a.md', content })
    expect(outcome.error).toBeNull()
    expect(outcome.notices).toEqual([
      expect.stringContaining('remark plugin "remark-math" is left out'),
      expect.stringContaining('rehype plugin "rehype-katex" is left out'),
    ])
    expect(JSON.stringify(outcome.parsed?.body)).toContain('"rel":["nofollow"]')
  })

  it('no options and empty options give the default output and no notices', () => {
    const plain = tryParsePost(source, { id: 'content:a.md' })
    const empty = tryParsePost(source, { id: 'content:a.md', content: {} })
    expect(plain.notices).toBeUndefined()
    expect(empty).toEqual(plain)
  })
})
