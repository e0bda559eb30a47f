// The preview's incremental parser (shared/parser/incremental-parser.ts) must give, after every
// edit, exactly what a full parse gives (the full parse is the one the goldens hold to the
// reference). 2,000 seeded random edits — typing, deletions, pastes, and snippets that open or
// close fences, components, HTML, headings, definitions, footnotes and frontmatter — on the
// sample post ×1/×10/×40 and on every fixture post made long; after each edit the spliced
// document, the error and the positions side table are compared with a full parse.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { IncrementalParser, type IncrementalOutcome } from '../../shared/parser/incremental-parser'
import { tryParsePost } from '../../shared/parser/parse-post'
import type { MinimarkNode } from '../../shared/parser/parse-types'
import { seededRandom } from '../fuzz/post-generator'

const fixtures = fileURLToPath(new URL('../fixtures', import.meta.url))
const SAMPLE = readFileSync(join(fixtures, 'sample-site/content/blog/2024-01-16-llama2.md'), 'utf8')
const ID = 'content:blog:post.md'

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : markdownFiles(full)
    return name.endsWith('.md') ? [full] : []
  })
}

/** The sample post with its body repeated `times` times (frontmatter once), as the benchmarks build it. */
function repeatedSample(times: number): string {
  const end = SAMPLE.indexOf('\n---', 3)
  return SAMPLE + ('\n\n' + SAMPLE.slice(end + 4)).repeat(times - 1)
}

/** A fixture post made long enough to have sections: its body repeated under `# Part N` headings. */
function longVersion(text: string): string {
  let long = text
  for (let part = 2; long.length < 12_000; part++) long += `\n\n# Part ${part}\n\n${text.replace(/^---\n[\s\S]*?\n---\n/, '')}`
  return long
}

/** A seeded generator (the fuzz's mulberry32), so a failure can be replayed. */
const random = seededRandom

const SNIPPETS = [
  'a', 'Z', ' ', '한', '\n', '\n\n', '\n\n# New heading\n\n', '\n\n## Duplicate\n\n', '\n\n## Duplicate\n\n', '## ', '#', '\n\nSetext\n---\n\n',
  '\n```js\nconst x = 1\n', '```', '\n~~~\n', '\n\n    indented code\n\n', '<div>', '</div>', '<b>', '</b>', '<p>', '</p>', '<a href="/x">', '</a>',
  '<!--', '-->', '<!-- more -->', '\n\n<figure>\n<img src="/images/a.png" title="t">\n<figcaption>c</figcaption>\n</figure>\n\n', '<table><tr><td>x</td></tr></table>',
  '\n\n::note\nInside\n::\n\n', '::', ':icon{name="x"}', '{#custom-id}', '{.cls}', '[^1]', '\n\n[^1]: a footnote\n\n', '[ref]', '\n\n[ref]: https://example.com\n\n',
  '[a link](https://example.com)', '![img](/images/b.png)', '**', '*', '_', '~~', '`', '\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n', '> ', '\n- item\n', '1. ',
  ':smile:', '<br>', '<span class="b a">x</span>', '<img src="/x.png" alt="y" width="3">', '---', '\ntitle: Edited\n', 'description: "d"\n', '\n---\n',
]

const LOCAL_SNIPPETS = SNIPPETS.filter((s) => !/\]:|\[\^|::/.test(s))

/** A writer's edit: typing words, a new paragraph, or deleting a few characters of prose (not markup). */
function writingEdit(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1))
  const roll = next()
  if (roll < 0.6) return text.slice(0, at) + ['a', 'the ', '한국어 ', 'x', ', ', '. '][Math.floor(next() * 6)] + text.slice(at)
  if (roll < 0.7) return text.slice(0, at) + '\n\nA new paragraph.' + text.slice(at)
  const end = Math.min(text.length, at + 1 + Math.floor(next() * 8))
  return /[<>`#|\-*_[\]()!:{}\n]/.test(text.slice(at, end)) ? text : text.slice(0, at) + text.slice(end)
}

/** One random edit of `text`: typing, a deletion, a paste of another part of the text, or a snippet (sometimes in the frontmatter). */
function edit(text: string, next: () => number, localOnly = false): string {
  const roll = next()
  const at = next() < 0.08 ? Math.floor(next() * Math.min(text.length, 200)) : Math.floor(next() * (text.length + 1))
  if (roll < 0.3) return text.slice(0, at) + 'abcdefghij '.slice(0, 1 + Math.floor(next() * 10)) + text.slice(at)
  if (roll < 0.5) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(next() * (next() < 0.8 ? 10 : 600))))
  if (roll < 0.62) {
    const from = Math.floor(next() * text.length)
    return text.slice(0, at) + text.slice(from, from + Math.floor(next() * 600)) + text.slice(at)
  }
  // snippets that make the whole post parse in one piece for good (definitions, footnotes) are rarer
  const pool = localOnly || next() < 0.85 ? LOCAL_SNIPPETS : SNIPPETS
  return text.slice(0, at) + pool[Math.floor(next() * pool.length)] + text.slice(at)
}

/** The ids of every heading in the body, in document order. */
function headingIds(nodes: MinimarkNode[], out: string[] = []): string[] {
  for (const node of nodes) {
    if (node.type !== 'element') continue
    if (/^h[1-6]$/.test(node.tag)) out.push(String(node.props?.id ?? ''))
    headingIds(node.children ?? [], out)
  }
  return out
}

/** Where two JSON texts first differ (short test output). */
function firstDifference(actual: string, expected: string): string {
  let i = 0
  while (i < actual.length && actual[i] === expected[i]) i++
  return `at ${i}: got …${actual.slice(Math.max(0, i - 80), i + 120)}… expected …${expected.slice(Math.max(0, i - 80), i + 120)}…`
}

/** Problems with a result's positions side table (empty when it is sound). */
function positionProblems(result: IncrementalOutcome, text: string): string[] {
  if (!result.parsed || !result.positions) return []
  const problems: string[] = []
  const { blocks, headings } = result.positions
  if (blocks.length !== result.parsed.body.children.length) problems.push(`blocks ${blocks.length} vs children ${result.parsed.body.children.length}`)
  for (let i = 1; i < blocks.length; i++) if (blocks[i] < blocks[i - 1]) { problems.push(`block ${i} starts before block ${i - 1}`); break }
  if (blocks.some((b) => b < 0 || b > text.length)) problems.push('a block offset outside the text')
  const ids = headingIds(result.parsed.body.children)
  if (JSON.stringify(headings.map((h) => h.id)) !== JSON.stringify(ids)) problems.push('heading rows do not match the headings of the body')
  return problems
}

interface Run { name: string; text: string; edits: number; seed: number; localOnly?: boolean; writing?: boolean }

function runEdits({ name, text, edits, seed, localOnly, writing }: Run): { mismatches: string[]; spliced: number; why: Record<string, number> } {
  const next = random(seed)
  const parser = new IncrementalParser()
  const mismatches: string[] = []
  const why: Record<string, number> = {}
  let spliced = 0
  let current = text
  for (let i = 0; i <= edits && mismatches.length < 3; i++) {
    if (i > 0) current = writing ? writingEdit(current, next) : edit(current, next, localOnly)
    const result = parser.tryParse(current, ID)
    const full = tryParsePost(current, { id: ID })
    const got = JSON.stringify({ parsed: result.parsed, error: result.error, notices: result.notices })
    const expected = JSON.stringify({ parsed: full.parsed, error: full.error, notices: full.notices })
    if (got !== expected) mismatches.push(`${name} edit ${i} (seed ${seed}, ${result.stats.mode}): ${firstDifference(got, expected)}`)
    for (const problem of positionProblems(result, current)) mismatches.push(`${name} edit ${i} (seed ${seed}): positions: ${problem}`)
    if (result.stats.mode === 'sections' && result.stats.reused > 0) spliced++
    else why[result.stats.why ?? 'nothing to reuse'] = (why[result.stats.why ?? 'nothing to reuse'] ?? 0) + 1
  }
  return { mismatches, spliced, why }
}

describe('IncrementalParser', () => {
  const fixturePosts = markdownFiles(fixtures).filter((f) => !f.includes(`${join('sites-213')}`) && !f.includes('corpus-213'))
  const FIXTURE_EDITS = 1400
  const perFixture = Math.floor(FIXTURE_EDITS / fixturePosts.length)
  const runs: Run[] = [
    { name: 'sample ×40', text: repeatedSample(40), edits: 25, seed: 40 },
    { name: 'sample ×10, writing', text: repeatedSample(10), edits: 75, seed: 10, writing: true },
    { name: 'sample', text: SAMPLE, edits: 500, seed: 1 },
    ...fixturePosts.map((file, i) => ({ name: file.slice(fixtures.length + 1), text: longVersion(readFileSync(file, 'utf8')), edits: perFixture + (i < FIXTURE_EDITS - perFixture * fixturePosts.length ? 1 : 0), seed: 100 + i })),
  ]

  it('runs 2,000 edits in all', () => {
    expect(runs.reduce((n, r) => n + r.edits, 0)).toBe(2000)
  })

  it('gives a full parse\'s document after every one of 2,000 random edits, splicing most of them', () => {
    const mismatches: string[] = []
    let spliced = 0
    let splicedWriting = 0
    const why: Record<string, number> = {}
    for (const run of runs) {
      const result = runEdits(run)
      mismatches.push(...result.mismatches)
      spliced += result.spliced
      if (run.writing) splicedWriting += result.spliced
      for (const [reason, n] of Object.entries(result.why)) why[reason] = (why[reason] ?? 0) + n
    }
    expect(mismatches).toEqual([])
    console.log(`incremental parser: ${spliced} of 2000 edits spliced from cached sections (${splicedWriting} of 75 plain-writing edits); parsed whole: ${JSON.stringify(why)}`)
    // the sections are really reused: always while writing prose, often under adversarial edits
    // (a post with definitions, footnotes, block components or unbalanced raw HTML is parsed whole, as it must be)
    expect(splicedWriting).toBe(75)
    expect(spliced).toBeGreaterThan(450)
  }, 600_000)

  it('keeps class names holding a NUL byte apart from the order guard\'s separator', () => {
    // posts may hold NUL now (valid UTF-8): class and attribute names with one must not be split
    const section = (i: number) => `# Part ${i}\n\n[word]{.a\u0000b .c} and [other]{.c .a\u0000b} ${'filler text '.repeat(400)}\n\n`
    let text = Array.from({ length: 6 }, (_, i) => section(i)).join('')
    const parser = new IncrementalParser()
    for (let i = 0; i < 6; i++) {
      text = text.replace(`# Part ${i}\n`, `# Part ${i} edited\n`)
      const got = parser.tryParse(text, ID)
      expect(JSON.stringify({ parsed: got.parsed, error: got.error })).toBe(JSON.stringify({ parsed: tryParsePost(text, { id: ID }).parsed, error: null }))
    }
  })

  it('keeps block offsets in order when an unknown inline element swallows the rest of the post (seed 103)', () => {
    // edit 2 turns `<header …>header tag</header>` into `<hader …>…</header>`: the HTML parser builds
    // a top-level block around inline raw HTML; its offset once came from an earlier section
    const text = longVersion(readFileSync(join(fixtures, 'cases/content/html/raw-heading.md'), 'utf8'))
    expect(runEdits({ name: 'raw-heading', text, edits: 4, seed: 103 }).mismatches).toEqual([])
  })

  it('re-parses only the section an edit touches', () => {
    const parser = new IncrementalParser()
    const text = repeatedSample(10)
    expect(parser.tryParse(text, ID).stats.mode).toBe('sections')
    const at = text.indexOf('LLaMA', text.length >> 1)
    const result = parser.tryParse(text.slice(0, at) + 'x' + text.slice(at), ID)
    expect(result.stats).toMatchObject({ mode: 'sections', parsed: 1 })
    expect(result.stats.reused).toBeGreaterThanOrEqual(20)
  })

  it('numbers duplicate heading ids across sections as the whole post does', () => {
    const section = (n: number) => `# Same title\n\n${'Filler text for a long enough section. '.repeat(120)}\n\n## Part ${n}\n`
    const text = [1, 2, 3].map(section).join('\n\n')
    const result = new IncrementalParser().tryParse(text, ID)
    expect(result.stats.mode).toBe('sections')
    expect(headingIds(result.parsed!.body.children)).toEqual(['same-title', 'part-1', 'same-title-1', 'part-2', 'same-title-2', 'part-3'])
  })

  it('falls back to a whole parse for what reaches across sections, and says why', () => {
    const long = `${'Some text. '.repeat(500)}\n\n# Two\n\n${'More text. '.repeat(500)}\n`
    expect(new IncrementalParser().tryParse(long, ID).stats.mode).toBe('sections')
    expect(new IncrementalParser().tryParse(long + '\n[ref]: https://example.com\n', ID).stats.why).toMatch(/document-wide/)
    expect(new IncrementalParser().tryParse(`<div>\n\n${long}\n\n</div>\n`, ID).stats.why).toMatch(/raw HTML/)
  })

  it('gives the file offset of every top-level block and heading', () => {
    const text = '---\ntitle: T\n---\n\n# First\n\nA paragraph.\n\n<figure>\n<img src="/a.png">\n</figure>\n\nSetext\n======\n\n- list\n'
    const result = new IncrementalParser().tryParse(text, ID)
    const starts = result.positions!.blocks.map((offset) => text.slice(offset, offset + 6))
    expect(starts).toEqual(['# Firs', 'A para', '<figur', 'Setext', '- list'])
    expect(result.positions!.headings).toEqual([
      { id: 'first', depth: 1, from: text.indexOf('# First') },
      { id: 'setext', depth: 1, from: text.indexOf('Setext') },
    ])
  })
})
