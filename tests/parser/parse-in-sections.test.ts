// Parsing a long post section by section (shared/parser/parse-in-sections.ts) must give exactly the
// tree of one whole parse. Checked on every fixture post (repeated under headings to make it long) and on inputs
// built to cross a section break with something still open.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { compileMinimark } from '../../shared/parser/compile-minimark'
import { markdownProcessor } from '../../shared/parser/markdown-processor'
import { forEachSection, MIN_SECTION_CHARS, parseInSections, sectionBreaks, sectionMayContinue } from '../../shared/parser/parse-in-sections'
import { bodyWithoutFrontmatter } from '../../shared/parser/split-frontmatter'

const fixtures = fileURLToPath(new URL('../fixtures', import.meta.url))
type HastRoot = Parameters<typeof compileMinimark>[0]

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const full = join(dir, name)
    return statSync(full).isDirectory() ? markdownFiles(full) : name.endsWith('.md') ? [full] : []
  })
}

const whole = (markdown: string) => JSON.stringify(compileMinimark(markdownProcessor.runSync(markdownProcessor.parse(markdown)) as HastRoot))

/** The sectioned result, or undefined when the text is parsed in one piece. */
function sectioned(markdown: string): string | undefined {
  const tree = parseInSections(m => markdownProcessor.parse(m), markdown)
  return tree && JSON.stringify(compileMinimark(markdownProcessor.runSync(tree) as HastRoot))
}

/** The offsets where {@link parseInSections} ends a section of `markdown` before the last one (the cuts it tries). */
function cutsTried(markdown: string): number[] {
  const ends: number[] = []
  forEachSection(markdown, sectionBreaks(markdown), (text, start, last) => {
    if (!last) ends.push(start + text.length)
    return { continues: !last && sectionMayContinue(text, markdownProcessor.parse(text)) }
  })
  return ends
}

/** Where two JSON texts first differ, with a little context from each (short test output). */
function firstDifference(actual: string, expected: string): string {
  let i = 0
  while (i < actual.length && actual[i] === expected[i]) i++
  return `at ${i}: got …${actual.slice(Math.max(0, i - 80), i + 120)}… expected …${expected.slice(Math.max(0, i - 80), i + 120)}…`
}

const FILLER = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} with *some* text, a [link](https://example.com/${i}) and :smile:.`).join('\n\n')

describe('parseInSections', () => {
  const posts = markdownFiles(fixtures).map(file => ({
    file,
    body: bodyWithoutFrontmatter(readFileSync(file, 'utf8').replace(/\r\n?/g, '\n')).body,
  }))

  it('gives the whole-parse tree for every fixture post, repeated under headings to make it long', () => {
    let split = 0
    const mismatches: string[] = []
    for (const { file, body } of posts) {
      let long = body
      for (let part = 2; long.length < 10_000; part++) long += `\n\n# Part ${part}\n\n${body}`
      const result = sectioned(long)
      if (result === undefined) continue
      split++
      const expected = whole(long)
      if (result !== expected) mismatches.push(`${file}: ${firstDifference(result, expected)}`)
    }
    expect(mismatches).toEqual([])
    expect(split).toBeGreaterThan(30) // the fast path is really taken
  })

  const crossing: Record<string, string> = {
    'unclosed fence': '```js\ncode\n\n# not a heading\n\nmore code',
    'longer fence with a short inner fence': '````\n```\n\n# inside\n```\n\n# still inside\n````',
    'fence after an HTML block': '<div>\n```\n</div>\n\n# a\n\n```\n\n# inside the fence',
    'list then heading': '- a\n- b\n\n  c\n\n# heading\n\n- d\n\n- e',
    'ordered list with code': '1. one\n   ```\n   x\n\n# h\n\n2. two',
    'block quote with fence': '> ```\n> x\n\n# h\n\n> y',
    'table then heading': '| a | b |\n| - | - |\n| 1 | 2 |\n\n# h\n\n| c |\n| - |',
    'indented code then heading': '    code\n\n# h\n\n    more',
    'html comment closed on its line': '<!-- note -->\n\n# h\n\ntext',
    'hashes that are not headings': '#tag\n\n####### seven\n\n#\tTab heading\n\n#',
  }
  for (const [name, block] of Object.entries(crossing)) {
    it(`gives the whole-parse tree across a break: ${name}`, () => {
      // The text before the block is longer than a section, so the first cut really falls inside it.
      const before = `${FILLER}\n\n${FILLER}\n\n`
      const text = `${before}${block}\n\n# After\n\n${FILLER}\n\n## Next\n\n${FILLER}`
      expect(before.length).toBeGreaterThan(MIN_SECTION_CHARS)
      const cuts = cutsTried(text)
      expect(cuts.some((at) => at > before.length && at < before.length + block.length), `a cut inside the block (cuts at ${cuts.join(', ')})`).toBe(true)
      const result = sectioned(text)
      expect(result, 'the fast path is taken (not refused for the whole post)').toBeDefined()
      const expected = whole(text)
      expect(result === expected ? '' : firstDifference(result as string, expected)).toBe('')
    })
  }

  const documentWide: Record<string, string> = {
    'link definition': '[ref]: https://example.com',
    'footnote': 'See[^1].\n\n[^1]: Note.',
    'MDC block component': '::alert\n# Inside\n::',
    'open HTML comment': '<!--\n\n# hidden\n-->',
    'open <pre>': '<pre>\n\n# kept\n</pre>',
  }
  for (const [name, block] of Object.entries(documentWide)) {
    it(`parses in one piece when the post has a ${name}`, () => {
      const text = `${FILLER}\n\n${block}\n\n# After\n\n${FILLER}`
      expect(sectionBreaks(text)).toEqual([])
      expect(sectioned(text)).toBeUndefined()
    })
  }
})
