// The 2.13 parser against goldens made by the pinned 2.13 reference (scripts/reference-213: Nuxt
// Content 2.13.4's own transformers), byte for byte (JSON.stringify): the sample post and the 26
// corpus posts with default options, every option site of tests/fixtures/sites-213/<name>/ (options
// read from its content-options.json, kept in sync with its nuxt.config.ts), and posts with invalid
// frontmatter (a positioned error, and still what the site stores).
// `UPDATE=1 npx vitest run tests/parser-213` first regenerates every golden here from the reference
// (installed on first use by scripts/locate-reference-213.mjs) — never from this parser.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ContentOptions } from '../../shared/parser/content-options'
import { contentIdFor } from '../../shared/parser/content-id-for'
import { PostParseFailure } from '../../shared/parser/post-parse-failure'
import { parsePost213, tryParsePost213 } from '../../shared/parser-213/parse-post-213'
import { loadSitePlugins } from '../../electron/site/load-site-plugins'

const root = fileURLToPath(new URL('../..', import.meta.url))
const fixtures = join(root, 'tests/fixtures')

interface GoldenFolder {
  name: string
  contentDir: string
  options: ContentOptions
  goldenFor(rel: string): string
  /** Posts whose frontmatter is not valid YAML: an error is expected besides the site's document. */
  invalidFrontmatter?: boolean
  /** A site with its own plugins in its node_modules: the reference and the parser resolve them from here. */
  siteRoot?: string
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const full = join(dir, name)
    return statSync(full).isDirectory() ? markdownFiles(full) : name.endsWith('.md') ? [full] : []
  })
}

const sites = join(fixtures, 'sites-213')
const FOLDERS: GoldenFolder[] = [
  { name: 'sample', contentDir: join(fixtures, 'sample-site/content'), options: {}, goldenFor: rel => join(fixtures, 'expected-213', basename(rel) + '.json') },
  { name: 'corpus', contentDir: join(fixtures, 'corpus/content'), options: {}, goldenFor: rel => join(fixtures, 'corpus-213/expected', rel + '.json') },
  {
    name: 'invalid-frontmatter',
    contentDir: join(fixtures, 'corpus-213/invalid-frontmatter/content'),
    options: {},
    goldenFor: rel => join(fixtures, 'corpus-213/invalid-frontmatter/expected', rel + '.json'),
    invalidFrontmatter: true,
  },
  ...readdirSync(sites)
    .sort()
    .map(name => ({
      name: `site ${name}`,
      contentDir: join(sites, name, 'content'),
      options: JSON.parse(readFileSync(join(sites, name, 'content-options.json'), 'utf8')) as ContentOptions,
      goldenFor: (rel: string) => join(sites, name, 'expected', rel + '.json'),
      ...(existsSync(join(sites, name, 'node_modules')) ? { siteRoot: join(sites, name) } : {}),
    })),
]

function postsOf(folder: GoldenFolder): Array<{ rel: string; file: string }> {
  return markdownFiles(folder.contentDir)
    .sort()
    .map(file => ({ file, rel: relative(folder.contentDir, file).split(sep).join('/') }))
}

/** UPDATE=1: every golden rewritten from the reference's output ({parsed} or {error}). */
async function regenerate(): Promise<void> {
  const { referenceScript213 } = (await import(join(root, 'scripts/locate-reference-213.mjs'))) as { referenceScript213(): string }
  const script = referenceScript213()
  for (const folder of FOLDERS) {
    const posts = postsOf(folder)
    const siteRoot = folder.siteRoot ? ['--site-root', folder.siteRoot] : []
    const r = spawnSync(process.execPath, [script, '--content-dir', folder.contentDir, '--options', JSON.stringify(folder.options), ...siteRoot, ...posts.map(p => p.file)], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    })
    const lines = r.stdout.split('\n').filter(Boolean).map(line => JSON.parse(line) as { file: string; parsed?: unknown; error?: unknown })
    if (lines.length !== posts.length) throw new Error(`reference-parse-213 printed ${lines.length} results for ${posts.length} posts of ${folder.name}:\n${r.stderr}`)
    for (const line of lines) {
      const target = folder.goldenFor(line.file)
      mkdirSync(dirname(target), { recursive: true })
      writeFileSync(target, JSON.stringify(line.parsed !== undefined ? { parsed: line.parsed } : { error: line.error }))
    }
  }
}

if (process.env.UPDATE === '1') beforeAll(regenerate, 600_000)

for (const folder of FOLDERS) {
  describe(`2.13 goldens: ${folder.name}`, () => {
    const posts = postsOf(folder)

    it('has posts, each with a golden', () => {
      expect(posts.length).toBeGreaterThan(0)
      for (const p of posts) expect(existsSync(folder.goldenFor(p.rel)), `missing golden for ${p.rel}`).toBe(true)
    })

    for (const post of posts) {
      it(post.rel, async () => {
        const golden = JSON.parse(readFileSync(folder.goldenFor(post.rel), 'utf8')) as { parsed?: unknown; error?: { message: string } }
        expect(golden.error, `the reference throws on ${post.rel}`).toBeUndefined()
        const source = readFileSync(post.file, 'utf8')
        // a site's own plugins are loaded from its node_modules, as the CLI and the main process do
        const loaded = folder.siteRoot ? await loadSitePlugins(folder.siteRoot, { version: '2.13.4', family: '2.13', options: folder.options }) : { plugins: {}, notices: [] }
        expect(loaded.notices).toEqual([])
        const options = { id: contentIdFor(post.rel), content: folder.options, plugins: loaded.plugins }
        if (!folder.invalidFrontmatter) {
          expect(JSON.stringify(await parsePost213(source, options))).toBe(JSON.stringify(golden.parsed))
          return
        }
        // The site stores what its YAML reader recovered; we say where the frontmatter is wrong.
        const outcome = await tryParsePost213(source, options)
        expect(outcome.error?.kind).toBe('frontmatter')
        expect(outcome.error?.line).toBeGreaterThan(0)
        expect(outcome.error?.column).toBeGreaterThan(0)
        expect(JSON.stringify(outcome.parsed)).toBe(JSON.stringify(golden.parsed))
        await expect(parsePost213(source, options)).rejects.toBeInstanceOf(PostParseFailure)
      })
    }
  })
}
