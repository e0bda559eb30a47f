// Bad input (issue 2, item 5): every failure is a clear PostParseFailure with a kind and a
// 1-based position in the whole file — never a crash, never a RangeError escaping.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { decodePostText, parsePost, PostParseFailure, tryParsePost } from '../../shared/parser'

const id = 'content:blog:post.md'

function failureOf(run: () => unknown): PostParseFailure {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(PostParseFailure)
    return error as PostParseFailure
  }
  throw new Error('expected a PostParseFailure, but it parsed')
}

describe('invalid YAML frontmatter', () => {
  const source = '---\ntitle: ok\ntags: [one, two\ndate: 2024-01-01\n---\n\n# Still here\n\nBody text.\n'

  it('parsePost throws a frontmatter error naming line and column in the file', () => {
    const { detail } = failureOf(() => parsePost(source, { id }))
    expect(detail.kind).toBe('frontmatter')
    // js-yaml stops at `date:` (file line 4), still inside the unclosed `[one, two` sequence.
    expect(detail.line).toBe(4)
    expect(detail.column).toBe(1)
    expect(detail.message).toBe('Invalid YAML frontmatter: missed comma between flow collection entries (line 4, column 1)')
  })

  it('tryParsePost returns the error and still the parsed body without the frontmatter', () => {
    const outcome = tryParsePost(source, { id })
    expect(outcome.error?.kind).toBe('frontmatter')
    expect(outcome.error?.line).toBe(4)
    expect(outcome.parsed?.title).toBe('Still here')
    expect(outcome.parsed?.description).toBe('Body text.')
    expect(JSON.stringify(outcome.parsed?.body)).not.toContain('tags')
    expect(outcome.parsed?._path).toBe('/blog/post')
  })

  it('positions are relative to the whole file with CRLF line ends too', () => {
    const outcome = tryParsePost(source.replace(/\n/g, '\r\n'), { id })
    expect(outcome.error?.line).toBe(4)
    expect(outcome.parsed?.title).toBe('Still here')
  })

  it('a frontmatter that is a plain string (the site throws) is an error on its line, body kept', () => {
    const outcome = tryParsePost('---\njust words\n---\n# Body\n', { id })
    expect(outcome.error).toMatchObject({ kind: 'frontmatter', line: 2, column: 1 })
    expect(outcome.parsed?.title).toBe('Body')
  })

  it('duplicate keys are reported where the duplicate is', () => {
    const { detail } = failureOf(() => parsePost('---\na: 1\na: 2\n---\n', { id }))
    expect(detail).toMatchObject({ kind: 'frontmatter', line: 3 })
  })

  it('a YAML error on the first frontmatter line is on file line 2', () => {
    const { detail } = failureOf(() => parsePost('---\n: bad\n---\nx\n', { id }))
    expect(detail.kind).toBe('frontmatter')
    expect(detail.line).toBe(2)
  })
})

describe('binary and non-UTF-8 files', () => {
  it('an image (binary bytes, NULs among them): "not a UTF-8 text file"', () => {
    const png = readFileSync(fileURLToPath(new URL('../fixtures/sample-site/public/images/blogImg/2024-01-16-1.png', import.meta.url)))
    expect(png.includes(0)).toBe(true)
    const { detail } = failureOf(() => decodePostText(new Uint8Array(png)))
    expect(detail).toMatchObject({ kind: 'encoding', line: 1, column: 1 })
    expect(detail.message).toBe('not a UTF-8 text file: invalid UTF-8 at byte 0')
  })

  it('a NUL byte in valid UTF-8 is text: the post decodes as it is (the site parses it too)', () => {
    const text = '---\ntitle: x\n---\n\nA \u0000 NUL and 한글\n\u0000\n'
    expect(decodePostText(new TextEncoder().encode(text))).toBe(text)
    expect(decodePostText(new Uint8Array([0, 0, 0x0a]))).toBe('\u0000\u0000\n')
    // a NUL next to an invalid byte: refused for the invalid byte, at its place
    const { detail } = failureOf(() => decodePostText(new Uint8Array([0x61, 0, 0x0a, 0x62, 0xff])))
    expect(detail).toMatchObject({ kind: 'encoding', line: 2, column: 2 })
    expect(detail.message).toBe('not a UTF-8 text file: invalid UTF-8 at byte 4')
  })

  it('invalid UTF-8 (Latin-1 bytes): "not a UTF-8 text file" with the byte position', () => {
    const bytes = new Uint8Array([0x23, 0x20, 0x54, 0x69, 0x74, 0x6c, 0x65, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x0a])
    const { detail } = failureOf(() => decodePostText(bytes))
    expect(detail).toMatchObject({ kind: 'encoding', line: 2, column: 4 })
    expect(detail.message).toContain('not a UTF-8 text file')
    expect(detail.message).toContain('byte 11')
  })

  it('overlong and surrogate encodings are rejected, valid text (with BOM) decodes', () => {
    expect(() => decodePostText(new Uint8Array([0xc0, 0xaf]))).toThrow(/not a UTF-8 text file/)
    expect(() => decodePostText(new Uint8Array([0xed, 0xa0, 0x80]))).toThrow(/not a UTF-8 text file/)
    const text = '# 한글 🚀\n'
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)])
    expect(decodePostText(bytes)).toBe(text)
  })
})

describe('deep nesting never crashes', () => {
  const cases: Record<string, string> = {
    'blockquotes ×10,000': '> '.repeat(10_000) + 'deep\n',
    'list ×10,000': Array.from({ length: 10_000 }, (_, i) => '  '.repeat(i) + '- item').join('\n') + '\n',
    'ordered list ×10,000': Array.from({ length: 10_000 }, (_, i) => '   '.repeat(i) + '1. item').join('\n') + '\n',
    'MDC components ×10,000':
      Array.from({ length: 10_000 }, (_, i) => '::c' + i).join('\n') + '\nx\n' + '::\n'.repeat(10_000),
  }
  for (const [name, body] of Object.entries(cases)) {
    it(`${name}: a 'too-deep' error with a position, quickly`, () => {
      const started = performance.now()
      const outcome = tryParsePost('---\ntitle: Deep\n---\n' + body, { id })
      expect(outcome.parsed).toBeNull()
      expect(outcome.error?.kind).toBe('too-deep')
      expect(outcome.error?.line).toBeGreaterThan(3) // after the 3 frontmatter lines
      expect(outcome.error?.column).toBeGreaterThan(0)
      expect(outcome.error?.message).toMatch(/nested too deeply.*line \d+, column \d+/)
      expect(performance.now() - started).toBeLessThan(10_000)
    })
  }

  it('raw HTML nested 5,000 deep (the site overflows its stack): too-deep, not a RangeError', () => {
    const outcome = tryParsePost('<div>'.repeat(5000) + '\n\nx\n\n' + '</div>'.repeat(5000), { id })
    expect(outcome.error?.kind).toBe('too-deep')
    expect(outcome.error?.line).toBeGreaterThan(0)
  })

  it('moderate nesting (200 blockquotes, 100-deep list) still parses', () => {
    const quotes = parsePost('> '.repeat(200) + 'x\n', { id })
    let depth = 0
    let node = quotes.body.children[0]
    while (node?.type === 'element' && node.tag === 'blockquote') {
      depth++
      node = node.children[0]
    }
    expect(depth).toBe(200)
    const list = parsePost(Array.from({ length: 100 }, (_, i) => '  '.repeat(i) + '- item').join('\n'), { id })
    expect(list.body.children[0]).toMatchObject({ tag: 'ul' })
  })
})

describe('where the site itself throws', () => {
  it('a footnote definition right before a component slot: parser error with the position in the file', () => {
    const source = '---\ntitle: T\n---\n\n::card\n[^1]: note\n#footer\nFooter\n::\n'
    const outcome = tryParsePost(source, { id })
    expect(outcome.parsed).toBeNull()
    expect(outcome.error?.kind).toBe('parser')
    // The footnote definition is on file line 6 (body line 3 after the frontmatter).
    expect(outcome.error).toMatchObject({ line: 6, column: 1 })
    expect(outcome.error?.message).toContain('gfmFootnoteDefinition')
  })

  it('an MDC component with an invalid YAML props block: error at the line in the file', () => {
    const outcome = tryParsePost('---\ntitle: T\n---\nintro\n\n::card\n---\nok: 1\nkey: x: y\n---\nbody\n::\n', { id })
    expect(outcome.parsed).toBeNull()
    expect(outcome.error?.kind).toBe('parser')
    // `key: x: y` is file line 9 (frontmatter 3 lines, then intro, blank, ::card, ---, ok: 1).
    expect(outcome.error).toMatchObject({ line: 9 })
    expect(outcome.error?.message).toMatch(/^Invalid YAML props in the "card" component: .*\(line 9, column \d+\)$/)
  })

  it('a valueless src attribute (the site crashes on .toLowerCase): parser error at the element', () => {
    const outcome = tryParsePost('Intro\n\n::img{src}\nx\n::\n', { id })
    expect(outcome.parsed).toBeNull()
    expect(outcome.error).toMatchObject({ kind: 'parser', line: 3, column: 1 })
    expect(outcome.error?.message).toContain('"src" attribute has no text value')
  })
})

describe('where the site itself never finishes (remark-mdc 1.2 loops forever)', () => {
  // A `[…]` span/label with one inner `[` still open at a line end and the next line starting
  // with `]`: the reference never returns on these. We stop with a positioned error instead.
  const hanging: Array<[string, number, number]> = [
    ['[ [\n]', 4, 1],
    ['Text [a [b\n] c]', 4, 6],
    ['> quote [x [\n> ]', 4, 9],
    [':badge[ [\n]', 4, 7],
    ['- item :c{a="1"}[ [\n  ]', 4, 17],
    ['- [[\n  ]', 4, 3], // at a task-list position remark-mdc even tries `[[` labels
    [':c[a [b\n](x)', 4, 3], // an inline component keeps its label whatever follows it
    ['[a [b\n]] z', 4, 1], // a span followed by anything but `(` or `[` is kept
  ]
  for (const [body, line, column] of hanging) {
    it(JSON.stringify(body), () => {
      const started = performance.now()
      const outcome = tryParsePost('---\ntitle: T\n---\n' + body, { id })
      expect(outcome.parsed).toBeNull()
      expect(outcome.error).toMatchObject({ kind: 'parser', line, column })
      expect(outcome.error?.message).toContain('never finishes')
      expect(performance.now() - started).toBeLessThan(5_000)
    })
  }

  it('near misses still parse like the site (no false alarms)', () => {
    for (const body of ['[ [\n   ]', '[[\n]]', '- [ ] [[\n  ]', '- [x] t\n  ]', '`[ [`\n]', '[ [ [\n] ]', '[ \\[\n]', '```\n[ [\n]\n```', '[x [y](u)\n] z']) {
      expect(tryParsePost(body, { id }).error, body).toBeNull()
    }
  })
})

describe('a 5 MB post', () => {
  it('parses (time logged)', () => {
    const sample = readFileSync(fileURLToPath(new URL('../fixtures/sample-site/content/blog/2024-01-16-llama2.md', import.meta.url)), 'utf8')
    const body = sample.slice(sample.indexOf('\n---', 3) + 4)
    const copies = Math.ceil((5 * 1024 * 1024) / new TextEncoder().encode(body).length)
    const source = sample + ('\n\n' + body).repeat(copies - 1)
    expect(new TextEncoder().encode(source).length).toBeGreaterThanOrEqual(5 * 1024 * 1024)
    const started = performance.now()
    const parsed = parsePost(source, { id })
    const ms = performance.now() - started
    console.log(`5 MB post (${copies} copies of the sample body): parsed in ${ms.toFixed(0)} ms`)
    expect(parsed.title).toBe('LLaMA 2 Open Foundation and Fine-Tuned Chat Models 논문 리뷰')
    expect(parsed.body.children.length).toBeGreaterThan(copies * 10)
  }, 180_000)
})
