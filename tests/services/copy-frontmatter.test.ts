// markAsCopy: the copy's title gets a suffix (and a published post's copy becomes a draft) by a
// textual edit of that one line; every other byte is kept, and anything unsafe is left untouched.
import { describe, expect, it } from 'vitest'
import { copyTitleSuffix, markAsCopy } from '../../electron/services/copy-frontmatter'

const enc = (text: string) => new TextEncoder().encode(text)
const dec = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
const mark = (text: string, suffix = ' (copy)') => dec(markAsCopy(enc(text), suffix))

describe('copyTitleSuffix', () => {
  it('matches the copy file names: -copy, -copy-2, -copy-3', () => {
    expect([1, 2, 3].map(copyTitleSuffix)).toEqual([' (copy)', ' (copy 2)', ' (copy 3)'])
  })
})

describe('markAsCopy: the title line', () => {
  it.each([
    ["title: 'It''s here'", "title: 'It''s here (copy)'"],
    ['title: "Say \\"hi\\" \\u00e9"', 'title: "Say \\"hi\\" \\u00e9 (copy)"'],
    ['title: Plain words here', 'title: Plain words here (copy)'],
    ['title:    Spaced   ', 'title:    Spaced (copy)   '],
    ["title: 'Quoted' # a comment", "title: 'Quoted (copy)' # a comment"],
    ['title: Plain # a comment', 'title: Plain (copy) # a comment'],
    ['title: C# in depth', 'title: C# in depth (copy)'],
    ['title : Spaced colon', 'title : Spaced colon (copy)'],
    ['title:\tTabbed', 'title:\tTabbed (copy)'],
    ['title: 2024', 'title: 2024 (copy)'],
    ['title: 라마 리뷰 💫', 'title: 라마 리뷰 💫 (copy)'],
  ])('%s → %s', (line, expected) => {
    expect(mark(`---\n${line}\ndate: '2024-01-16'\n---\n\nBody\n`)).toBe(`---\n${expected}\ndate: '2024-01-16'\n---\n\nBody\n`)
  })

  it('keeps comments, key order, the body and everything around the title', () => {
    const text = "---\n# leading comment\ndate: 2024-01-16 # unquoted date\ntitle: 'Hello'\ntags:\n  - a\n  - b\nauthor: { name: Me }\n---\n\n# Hello\n\ntitle: 'not frontmatter'\n"
    expect(mark(text)).toBe(text.replace("title: 'Hello'", "title: 'Hello (copy)'"))
  })

  it('keeps CRLF line ends and a BOM', () => {
    const text = "\uFEFF---\r\ntitle: 'Windows post'\r\ndraft: false\r\n---\r\n\r\nBody\r\n"
    const out = markAsCopy(enc(text), ' (copy)')
    expect([...out.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(dec(out)).toBe("\uFEFF---\r\ntitle: 'Windows post (copy)'\r\ndraft: true\r\n---\r\n\r\nBody\r\n")
  })

  it('uses the suffix it is given', () => {
    expect(mark("---\ntitle: 'A'\n---\n", ' (copy 2)')).toBe("---\ntitle: 'A (copy 2)'\n---\n")
  })

  it('edits the title as the last frontmatter line, before the closing ---', () => {
    expect(mark('---\ntitle: Last\n---\nBody')).toBe('---\ntitle: Last (copy)\n---\nBody')
  })
})

describe('markAsCopy: draft', () => {
  it('turns a plain draft: false into draft: true, keeping its comment', () => {
    expect(mark("---\ntitle: 'A'\ndraft: false # publish me\n---\n")).toBe("---\ntitle: 'A (copy)'\ndraft: true # publish me\n---\n")
    expect(mark("---\ndraft: FALSE\ntitle: 'A'\n---\n")).toBe("---\ndraft: true\ntitle: 'A (copy)'\n---\n")
  })

  it('leaves draft: true, a quoted draft and a post without a draft key as they are', () => {
    expect(mark("---\ntitle: 'A'\ndraft: true\n---\n")).toBe("---\ntitle: 'A (copy)'\ndraft: true\n---\n")
    expect(mark("---\ntitle: 'A'\ndraft: 'false'\n---\n")).toBe("---\ntitle: 'A (copy)'\ndraft: 'false'\n---\n")
    expect(mark("---\ntitle: 'A'\ntags: []\n---\n")).toBe("---\ntitle: 'A (copy)'\ntags: []\n---\n")
  })

  it('does not touch draft when the title cannot be changed', () => {
    const text = '---\ntitle: |\n  Block\ndraft: false\n---\n'
    expect(mark(text)).toBe(text)
  })
})

describe('markAsCopy: left byte-identical when unsafe', () => {
  it.each([
    ['no frontmatter', '# Just a heading\n\nBody\n'],
    ['no title key', "---\ndate: '2024-01-16'\n---\n\nBody\n"],
    ['an empty title', "---\ntitle: ''\n---\n"],
    ['a null title', '---\ntitle: ~\n---\n'],
    ['a null title (word)', '---\ntitle: null\n---\n'],
    ['a title with no value', '---\ntitle:\ndate: 2024-01-01\n---\n'],
    ['a block scalar title', '---\ntitle: >-\n  Folded\n  title\n---\n'],
    ['a multi-line plain title', '---\ntitle: First line\n  second line\n---\n'],
    ['a multi-line plain title after a blank line', '---\ntitle: First line\n\n  second line\n---\n'],
    ['a multi-line quoted title', "---\ntitle: 'First line\n  second line'\n---\n"],
    ['a flow sequence title', '---\ntitle: [a, b]\n---\n'],
    ['an alias title', '---\nname: &n Me\ntitle: *n\n---\n'],
    ['a tagged title', '---\ntitle: !!str 42\n---\n'],
    ['text after the closing quote', "---\ntitle: 'a' b\n---\n"],
    ['invalid YAML', "---\ntitle: 'Fine'\ntags: [unclosed\n---\n"],
    ['duplicate title keys', "---\ntitle: 'One'\ntitle: 'Two'\n---\n"],
    ['a title:value with no space', '---\ntitle:value\n---\n'],
    ['an indented (nested) title only', '---\nmeta:\n  title: Nested\n---\n'],
    ['a mapping-looking plain title', '---\ntitle: a: b\n---\n'],
  ])('%s', (_what, text) => {
    const bytes = enc(text)
    expect(markAsCopy(bytes, ' (copy)')).toEqual(bytes)
  })

  it('non-UTF-8 bytes and binary files', () => {
    const latin1 = new Uint8Array([...enc('---\ntitle: Caf'), 0xe9, ...enc('\n---\n')])
    expect(markAsCopy(latin1, ' (copy)')).toEqual(latin1)
    const binary = new Uint8Array([...enc('---\ntitle: A\n---\n'), 0, 1, 2])
    expect(markAsCopy(binary, ' (copy)')).toEqual(binary)
  })
})
