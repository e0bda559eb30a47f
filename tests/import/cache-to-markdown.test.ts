// "Open a site-cache entry as a post": the markdown rebuilt from a Nuxt Content cache entry must
// parse (with the project's parser, the site's byte for byte) back into exactly the entry's `parsed`.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { cacheEntryToMarkdown } from '../../shared/import/cache-to-markdown'
import { parsePost, tryParsePost, type ParsedContent } from '../../shared/parser'

const root = fileURLToPath(new URL('../..', import.meta.url))
const sampleEntryPath = join(root, 'tests/fixtures/expected/2024-01-16-llama2.md.json')
const corpusExpected = join(root, 'tests/fixtures/corpus/expected')

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const full = join(dir, name)
    return statSync(full).isDirectory() ? jsonFiles(full) : name.endsWith('.json') ? [full] : []
  })
}

/** The brief's round-trip test: parse the markdown with the entry's id and compare the JSON. */
function roundTrips(markdown: string, entry: { parsed: ParsedContent }): boolean {
  return JSON.stringify(tryParsePost(markdown, { id: entry.parsed._id }).parsed) === JSON.stringify(entry.parsed)
}

/** A cache entry as the site stores it (JSON, so dates are ISO strings) for a post. */
const entryFor = (markdown: string, file = 'blog/case.md') =>
  JSON.parse(JSON.stringify({ parsed: parsePost(markdown, { id: 'content:' + file.split('/').join(':') }), hash: 'x' })) as { parsed: ParsedContent; hash: string }

describe('cacheEntryToMarkdown: the sample post', () => {
  const entry = JSON.parse(readFileSync(sampleEntryPath, 'utf8'))
  const result = cacheEntryToMarkdown(entry)

  it('rebuilds markdown that parses to exactly the cached document', () => {
    expect(roundTrips(result.text, entry)).toBe(true)
    expect(result.warnings).toEqual([])
    expect(result.file).toBe('blog/2024-01-16-llama2.md')
  })

  it('writes only the frontmatter the writer wrote, as YAML, and readable markdown', () => {
    expect(result.text.startsWith('---\ntitle: LLaMA 2 Open Foundation and Fine-Tuned Chat Models 논문 리뷰\n')).toBe(true)
    const frontmatter = result.text.slice(0, result.text.indexOf('\n---\n') + 5)
    expect(frontmatter).toContain("date: '2024-01-16'\n")
    expect(frontmatter).toContain('draft: false\n')
    expect(frontmatter).toContain("summary: 2023년 7월 공개된 LLaMA2 논문 리뷰 글 입니다.\n")
    expect(frontmatter).not.toMatch(/^(_\w+|description|body):/m)
    expect(result.text).toContain('\n## 1. Pre-Training\n')
    expect(result.text).toContain('<figure>\n    <img src="/images/blogImg/2024-01-16-1.png" title="LLaMA2-process">')
    expect(result.text).toContain('- [GQA: Training Generalized Multi-Query Transformer Models from Multi-Head Checkpoints](https://arxiv.org/abs/2305.13245)')
  })
})

describe('cacheEntryToMarkdown: the corpus', () => {
  it('round-trips the reference output of every corpus post (exact count is a floor)', () => {
    const files = jsonFiles(corpusExpected)
    expect(files.length).toBe(26)
    const notExact: string[] = []
    for (const file of files) {
      const entry = JSON.parse(readFileSync(file, 'utf8'))
      const result = cacheEntryToMarkdown(entry)
      const exact = roundTrips(result.text, entry)
      // The converter's own verdict agrees with the independent check.
      expect(result.warnings.length === 0, relative(corpusExpected, file)).toBe(exact)
      if (!exact) notExact.push(`${relative(corpusExpected, file)}: ${result.warnings.join('; ')}`)
    }
    const exact = files.length - notExact.length
    console.log(`cache → markdown round trip: ${exact}/${files.length} corpus posts exact${notExact.length ? `; not exact:\n  ${notExact.join('\n  ')}` : ''}`)
    expect(exact).toBeGreaterThanOrEqual(26)
  })
})

describe('cacheEntryToMarkdown: constructs', () => {
  // Each post is parsed into a cache entry, converted back, and must round-trip exactly.
  const posts: Record<string, string> = {
    'autolink literals written as links': 'Text with www.example.com, a@b.co and http://x.org literal.',
    'text the site would autolink, kept as HTML': '<p>www.example.com literal in html</p>',
    'hard breaks': 'Two spaces  \nand a backslash\\\nbreak.',
    'nested emphasis': '**bold *nested em* bold** and *em **strong** em* and ***both*** and a*b*c',
    'emphasis that markdown cannot delimit': '*"quoted em"* and **(parens)** and _under_score_ and snake_case_name',
    'inline code with backticks and spaces': 'Code: `` a ` b `` and ` leading` and `trailing `',
    'tables with inline content': '| a | b |\n|---|:-:|\n| `x` | **z** |\n| <br> | [l](/x) |\n| a \\| b | <span class="x">s</span> |',
    'nested quotes and lists': '> quote\n> > deep\n> > - list\n>\n> after\n\n1. one\n\n   para two\n\n   ```js\n   code\n   ```\n2. two\n   - nested\n     > quote',
    'task lists': '- [ ] a\n- [x] b\n  - [ ] c',
    'adjacent lists': '- a\n- b\n\n* c\n* d\n\n- e\n\n1. x\n\n1) y',
    'component props with quotes and YAML': '::alert{type="warning" title=\'He said "hi"\'}\n**Careful**\n::\n\n::card\n---\ntitle: "Both \' and \\""\nempty: \'\'\nn: 3\n---\nBody\n::',
    'nested components, slots and code fences': ':::tabs\n::tab{label="A"}\nA content\n::\n::tab{label="B"}\n```ts [b.ts] {1-3} meta here\nconst b = 1\n```\n::\n:::\n\n::comp\n#default\nDefault slot\n#other\nOther\n::',
    'footnotes': 'Footnotes[^a] twice[^a] and[^b].\n\n[^a]: First.\n[^b]: Second with `code`.\n\n    Second para.',
    'title, description and duplicate headings': '# Title\n\nDesc paragraph.\n\n## Sub\n\n### Sub\n\n## Sub\n\n<h2 id="custom">Raw</h2>',
    'HTML around markdown': '<div class="note">\n\n**markdown** inside\n\n</div>\n\n<details open>\n<summary>S</summary>\n\n1. a\n2. b\n\n</details>',
    'inline HTML and components': 'Text <span style="color:red">red</span>, <sub>2</sub>, <Comp>x</Comp>, <a href="https://z.org">raw a</a>, :badge[**b**]{color="red"} :icon{name="x"}text',
    'MDC spans and attributes': '[span **bold**]{.a .b} [span2]{style="a: b"} **x**{.c} `y`{lang="ts"} ![a](/b.png){width="1"} [l](https://x.y){target="_blank"}',
    'images and link destinations': '![img *alt* [x]](/a%20b.png "t \\"q\\"") [link](</a b> "title") [a](https://x.org/a_(b)) [b](./c.md)',
    'block markers in text': 'Escapes: 1. not list\n\\+ not list\n\\# not heading\n\\> not quote\n\\=== not setext\n\n\\- dash',
    'entities and escapes': 'Entities &amp;copy; &lt;div&gt; &#35; &quot; &#x1F600; &nbsp;x \\* \\_ \\[ \\] \\` \\\\ {b} :not-comp',
    'raw HTML blocks': '<figure>\n  <img src="/a.png" alt="A">\n  <figcaption>Cap <em>em</em></figcaption>\n</figure>\n\n<video controls width="250"><source src="/a.webm" type="video/webm"></video>\n\n<img src="x">\n\n<script>alert(1)</script>',
    'excerpt marker': 'Intro\n\n<!--more-->\n\nRest',
    'hr first without frontmatter': '---\n\ntext',
    'comment only': '<!-- comment only -->',
  }
  for (const [name, markdown] of Object.entries(posts)) {
    it(name, () => {
      const entry = entryFor(markdown)
      const result = cacheEntryToMarkdown(entry)
      expect(result.warnings).toEqual([])
      expect(roundTrips(result.text, entry), result.text).toBe(true)
    })
  }

  it('keeps frontmatter values, overridden path meta and a title that differs from the heading', () => {
    const markdown = "---\ntitle: Other\ndate: 2024-03-02\nquoted: '2024-03-02'\ntime: 2024-03-02T10:20:30Z\nn: 1.5\nnothing: null\nmulti: |\n  a\n  b\nnested.key: dotted\nlist: [1, two, {three: 3}]\ntoc: {depth: 3}\n_path: /custom\n---\n\n# Heading\n\nFirst.\n\n## A\n\n### B\n"
    const entry = entryFor(markdown, 'blog/values.md')
    const result = cacheEntryToMarkdown(entry)
    expect(result.warnings).toEqual([])
    expect(roundTrips(result.text, entry)).toBe(true)
    expect(result.text).toContain('title: Other\n')
    expect(result.text).toContain('date: 2024-03-02\n')
    expect(result.text).toContain("quoted: '2024-03-02'\n")
    expect(result.text).toContain('_path: /custom\n')
    expect(result.text).not.toContain('description:')
  })

  it('leaves out a title and description the site would derive anyway', () => {
    const entry = entryFor('# Derived Title\n\nDerived description.\n', 'notes/derived.md')
    const result = cacheEntryToMarkdown(entry)
    expect(result.text).toBe('# Derived Title\n\nDerived description.\n')
    expect(result.file).toBe('notes/derived.md')
  })

  it('names what it cannot reproduce', () => {
    const parsed = { ...entryFor('x').parsed }
    parsed.body = { type: 'root', children: [{ type: 'element', tag: 'p', props: {}, children: [{ type: 'element', tag: 'input', props: { type: 'checkbox', checked: false }, children: [] }] }] }
    const result = cacheEntryToMarkdown({ parsed, hash: 'x' })
    expect(result.warnings.length).toBeGreaterThan(0)
    expect(result.warnings.join('\n')).toMatch(/<(p|input)>/)
    expect(roundTrips(result.text, { parsed })).toBe(false)
  })
})

describe('cacheEntryToMarkdown: bad input', () => {
  const parsed = () => JSON.parse(JSON.stringify(entryFor('text').parsed))
  const cases: [string, unknown, RegExp][] = [
    ['not JSON (a string)', '{"parsed":', /not a JSON object \(got a string\)/],
    ['null', null, /not a JSON object \(got null\)/],
    ['an array', [{ parsed: {} }], /not a JSON object \(got an array\)/],
    ['no parsed', { hash: 'x' }, /no "parsed" document/],
    ['parsed not an object', { parsed: 'text' }, /"parsed" is not an object \(got a string\)/],
    ['no body', { parsed: { ...parsed(), body: undefined } }, /no "parsed\.body"/],
    ['a body that is not a root', { parsed: { ...parsed(), body: { type: 'element', tag: 'div', children: [] } } }, /"parsed\.body" is not a minimark root: its "type" is "element"/],
    ['body children not an array', { parsed: { ...parsed(), body: { type: 'root', children: {} } } }, /"parsed\.body\.children" is not an array/],
    ['an element without a tag', { parsed: { ...parsed(), body: { type: 'root', children: [{ type: 'element', props: {}, children: [] }] } } }, /parsed\.body\.children\[0\] is an element without a valid "tag"/],
    ['a text without a value', { parsed: { ...parsed(), body: { type: 'root', children: [{ type: 'element', tag: 'p', props: {}, children: [{ type: 'text' }] }] } } }, /parsed\.body\.children\[0\]\.children\[0\] is a text node without a string "value"/],
    ['no path', { parsed: { ...parsed(), _id: undefined, _file: undefined } }, /neither "_file" nor "_id"/],
    ['a bad id', { parsed: { ...parsed(), _id: 42 } }, /"parsed\._id" is not a content id/],
  ]
  for (const [name, entry, message] of cases) {
    it(`rejects ${name}`, () => {
      expect(() => cacheEntryToMarkdown(entry)).toThrow(message)
    })
  }
})
