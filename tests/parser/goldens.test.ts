// One loop over every fixture folder: each post is parsed by the project's parser and compared
// byte-for-byte (JSON.stringify) with the golden the reference (Nuxt Content 2.7.2) produced.
// Folders: sample-site (+ expected/), corpus (26 posts), cases (the project's own cases).
// `UPDATE=1 npx vitest run tests/parser` first regenerates tests/fixtures/cases/expected from the
// reference (scripts/update-goldens.mjs) and fails clearly when no reference is installed.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { contentIdFor, parsePost, PostParseFailure } from '../../shared/parser'

const root = fileURLToPath(new URL('../..', import.meta.url))
const fixtures = join(root, 'tests/fixtures')

interface GoldenCase {
  /** Path relative to the folder's content dir, `/`-separated (what the content id is made from). */
  rel: string
  source: string
  golden: string
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const full = join(dir, name)
    return statSync(full).isDirectory() ? markdownFiles(full) : name.endsWith('.md') ? [full] : []
  })
}

/** Every fixture folder: where its posts are and where each post's golden is. */
const FOLDERS: Array<{ name: string; contentDir: string; goldenFor(rel: string): string }> = [
  { name: 'sample-site', contentDir: join(fixtures, 'sample-site/content'), goldenFor: rel => join(fixtures, 'expected', basename(rel) + '.json') },
  { name: 'corpus', contentDir: join(fixtures, 'corpus/content'), goldenFor: rel => join(fixtures, 'corpus/expected', rel + '.json') },
  { name: 'cases', contentDir: join(fixtures, 'cases/content'), goldenFor: rel => join(fixtures, 'cases/expected', rel + '.json') },
]

function casesOf(folder: (typeof FOLDERS)[number]): GoldenCase[] {
  return markdownFiles(folder.contentDir)
    .sort()
    .map(file => {
      const rel = relative(folder.contentDir, file).split(sep).join('/')
      return { rel, source: readFileSync(file, 'utf8'), golden: folder.goldenFor(rel) }
    })
}

/**
 * What the project reports for each post the reference throws on: kind, message and position. The
 * goldens hold the reference's own message; these are the project's clear, positioned versions.
 */
const ERROR_EXPECTATIONS: Record<string, { kind: string; message: string; line: number; column: number }> = {
  'cases/encoding/nul-in-yaml.md': {
    kind: 'frontmatter',
    message: 'Invalid YAML frontmatter: null byte is not allowed in input (line 2, column 9)',
    line: 2,
    column: 9,
  },
  'cases/errors/footnote-before-slot.md': {
    kind: 'parser',
    message: 'Cannot parse the markdown structure: Cannot close `componentContainerSection` (4:1-5:1): a different token (`gfmFootnoteDefinition`, 4:1-5:8) is open (line 4, column 1)',
    line: 4,
    column: 1,
  },
  'cases/errors/scalar-frontmatter.md': {
    kind: 'frontmatter',
    message: 'Invalid frontmatter: expected YAML key/value pairs, got a plain string (line 2, column 1)',
    line: 2,
    column: 1,
  },
}

if (process.env.UPDATE === '1') {
  beforeAll(() => {
    const r = spawnSync(process.execPath, [join(root, 'scripts/update-goldens.mjs')], { encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`UPDATE=1: regenerating goldens failed (exit ${r.status}).\n${r.stderr || r.stdout}`)
  })
}

for (const folder of FOLDERS) {
  describe(`goldens: ${folder.name}`, () => {
    const cases = casesOf(folder)

    it('has posts, each with a golden', () => {
      expect(cases.length).toBeGreaterThan(0)
      for (const c of cases) expect(existsSync(c.golden), `missing golden for ${c.rel}`).toBe(true)
    })

    for (const c of cases) {
      it(c.rel, () => {
        const golden = JSON.parse(readFileSync(c.golden, 'utf8')) as { parsed?: unknown; error?: { message: string } }
        const id = contentIdFor(c.rel)
        if (golden.error) {
          // The site throws on this post: the project must fail too, with a clear positioned error.
          let failure: unknown
          try {
            parsePost(c.source, { id })
          } catch (error) {
            failure = error
          }
          expect(failure, `the reference throws "${golden.error.message}"`).toBeInstanceOf(PostParseFailure)
          const detail = (failure as PostParseFailure).detail
          const wanted = ERROR_EXPECTATIONS[`${folder.name}/${c.rel}`]
          expect(wanted, `ERROR_EXPECTATIONS has no entry for ${folder.name}/${c.rel} (the reference throws "${golden.error.message}")`).toBeDefined()
          expect(detail).toEqual(wanted)
          // a structural error passes the site's own words on, so the writer can search for them
          if (wanted.kind === 'parser') expect(detail.message).toContain(golden.error.message)
          return
        }
        expect(JSON.stringify(parsePost(c.source, { id }))).toBe(JSON.stringify(golden.parsed))
      })
    }
  })
}
