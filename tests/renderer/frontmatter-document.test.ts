import { describe, expect, it } from 'vitest'
import { addTags, dateFieldError, findFrontmatter, frontmatterErrorPlace, readFrontmatter, setFrontmatterField, setFrontmatterRaw, splitTagInput, tagSuggestions, validateDate, validateTags, yamlErrorReason } from '../../renderer/text/frontmatter-document'
import { splitFrontmatter } from '../../shared/parser/split-frontmatter'
import type { PostParseFailure } from '../../shared/parser/post-parse-failure'
import { frontmatterError213 } from '../../shared/parser-213/frontmatter-error-213'
import { parsePost } from '../../shared/parser/index'

const sample = `title: 'LLaMA 2 논문 리뷰' # the title
date: '2024-01-16'
tags: [LLM, LLaMA2, paper review, NLP]
# comment line
draft: false
summary: '2023년 7월'
custom:
  a: 1   # x
list:
  - x
  - y
`
const block = `title: T
tags:
  - a
  - b
other: 1
`

describe('findFrontmatter', () => {
  it('finds the YAML between the fences and where the body starts', () => {
    const text = `---\ntitle: x\n---\n\nBody`
    const span = findFrontmatter(text)!
    expect(span.yaml).toBe('title: x')
    expect(text.slice(span.yamlFrom, span.yamlTo)).toBe('title: x')
    expect(text.slice(span.bodyFrom)).toBe('\nBody')
    expect(findFrontmatter('no frontmatter\n---\n')).toBeNull()
    expect(findFrontmatter('---\n---\nbody')!.yaml).toBe('')
  })
})

describe('readFrontmatter', () => {
  it('reads the form keys and keeps the other keys as exact source text', () => {
    const read = readFrontmatter(sample)
    expect(read.ok).toBe(true)
    if (!read.ok) return
    expect(read.fields).toEqual({ title: 'LLaMA 2 논문 리뷰', description: '', date: '2024-01-16', tags: ['LLM', 'LLaMA2', 'paper review', 'NLP'], draft: false, summary: '2023년 7월', raw: 'custom:\n  a: 1   # x\nlist:\n  - x\n  - y' })
  })
  it('reports bad YAML instead of guessing', () => {
    const read = readFrontmatter('title: [unclosed\n')
    expect(read.ok).toBe(false)
  })
})

describe('setFrontmatterField edits in place', () => {
  it('keeps quote style, comments and every other byte', () => {
    expect(setFrontmatterField(sample, 'title', 'New title')).toBe(sample.replace(`'LLaMA 2 논문 리뷰'`, `'New title'`))
    expect(setFrontmatterField(sample, 'title', `It's "quoted"`)).toBe(sample.replace(`'LLaMA 2 논문 리뷰'`, `'It''s "quoted"'`))
    expect(setFrontmatterField(sample, 'draft', true)).toBe(sample.replace('draft: false', 'draft: true'))
  })
  it('keeps flow lists flow and block lists block', () => {
    expect(setFrontmatterField(sample, 'tags', ['a', 'b: c'])).toBe(sample.replace('[LLM, LLaMA2, paper review, NLP]', `[a, "b: c"]`))
    expect(setFrontmatterField(block, 'tags', ['a', 'b', 'c'])).toBe('title: T\ntags:\n  - a\n  - b\n  - c\nother: 1\n')
  })
  it('appends missing keys (dates quoted so YAML keeps them strings) and removes emptied ones', () => {
    expect(setFrontmatterField(block, 'date', '2024-02-02')).toBe(block + `date: '2024-02-02'\n`)
    expect(setFrontmatterField(block, 'tags', [])).toBe('title: T\nother: 1\n')
    expect(setFrontmatterField(sample, 'summary', '')).toBe(sample.replace(`summary: '2023년 7월'\n`, ''))
    expect(setFrontmatterField('', 'title', 'Hello')).toBe('title: Hello\n')
    expect(setFrontmatterField('title: x', 'draft', true)).toBe('title: x\ndraft: true')
  })
  it('throws on YAML it cannot parse rather than rewriting it', () => {
    expect(() => setFrontmatterField('a: [', 'title', 'x')).toThrow()
  })
})

describe('setFrontmatterRaw', () => {
  it('replaces edited keys where they are, removes deleted ones, appends new ones', () => {
    expect(setFrontmatterRaw(sample, 'custom:\n  a: 2\nnew: z')).toBe(sample.replace('custom:\n  a: 1   # x\nlist:\n  - x\n  - y\n', 'custom:\n  a: 2\nnew: z\n'))
    expect(setFrontmatterRaw(block, '')).toBe('title: T\ntags:\n  - a\n  - b\n')
    expect(setFrontmatterRaw(sample, readFrontmatter(sample).ok ? (readFrontmatter(sample) as { fields: { raw: string } }).fields.raw : '')).toBe(sample)
  })
  it('refuses form keys and bad YAML', () => {
    expect(() => setFrontmatterRaw(sample, 'title: x')).toThrow(/own field/)
    expect(() => setFrontmatterRaw(sample, 'a: [')).toThrow()
  })
})

describe('validation', () => {
  it('accepts real YYYY-MM-DD dates only', () => {
    expect(validateDate('2024-01-16')).toBeNull()
    expect(validateDate('')).toBeNull()
    expect(validateDate('2024-02-30')).toMatch(/calendar/)
    expect(validateDate('16.01.2024')).toMatch(/YYYY-MM-DD/)
  })
  it('refuses empty and duplicate tags', () => {
    expect(validateTags(['a', 'b'])).toBeNull()
    expect(validateTags(['a', ' '])).toMatch(/empty/)
    expect(validateTags(['LLM', 'llm'])).toMatch(/Duplicate/)
  })
})

describe('findFrontmatter follows the site on where the frontmatter ends', () => {
  it.each([
    ['---\ntitle: x\n---\n\nBody\n', 'title: x'],
    ['---\ntitle: x\n----\nBody\n', 'title: x'], // the site closes at the first "\n---", even inside "----"
    ['---\ntitle: x\n---more\nBody\n', 'title: x'],
    ['---\ntitle: x\ntags: [a]\n---', 'title: x\ntags: [a]'],
  ])('%j', (text, yaml) => {
    expect(findFrontmatter(text)?.yaml).toBe(yaml)
    const parsed = parsePost(text, { id: 'content:blog:x.md' })
    expect(parsed.title).toBe('x') // the parser (the site) read the same block
    expect(readFrontmatter(findFrontmatter(text)!.yaml)).toMatchObject({ ok: true, fields: { title: 'x' } })
  })
  it('sees no frontmatter where the site sees none', () => {
    for (const text of ['title: x\n---\n', '--- \n', 'Body\n---\ntitle: x\n---\n']) {
      expect(findFrontmatter(text)).toBeNull()
      expect(parsePost(text, { id: 'content:blog:x.md' })).not.toHaveProperty('tags')
    }
  })
})

describe('form details', () => {
  it('a trailing comma finishes the tags typed before it, the rest stays in the field', () => {
    expect(splitTagInput('LLM,')).toEqual({ tags: ['LLM'], rest: '' })
    expect(splitTagInput(' 논문 리뷰 , NLP, tr')).toEqual({ tags: ['논문 리뷰', 'NLP'], rest: ' tr' })
    expect(splitTagInput('한국어，')).toEqual({ tags: ['한국어'], rest: '' })
    expect(splitTagInput('no comma')).toEqual({ tags: [], rest: 'no comma' })
    expect(splitTagInput(',,')).toEqual({ tags: [], rest: '' })
  })
  it('adds tags unless one is a duplicate', () => {
    expect(addTags(['a'], ['b', 'c'])).toEqual({ tags: ['a', 'b', 'c'] })
    expect(addTags(['LLM'], ['llm'])).toEqual({ error: 'Duplicate tag: llm' })
  })
  it('the date error shows only for a typed invalid date and clears once it is valid or the YAML date is shown again', () => {
    expect(dateFieldError('2024-01-1', '2024-01-16')).toBe('Use the form YYYY-MM-DD.')
    expect(dateFieldError('2024-02-30', '2024-01-16')).toBe('Not a real calendar date.')
    expect(dateFieldError('2024-02-03', '2024-01-16')).toBeNull()
    expect(dateFieldError('2024-01-16', '2024-01-16')).toBeNull()
    expect(dateFieldError('2024-01-16T10:00:00', '2024-01-16T10:00:00'), 'a date written in the YAML is not the form\'s error').toBeNull()
  })
  it('suggests the site\'s tags not on the post yet, most used first', () => {
    expect(tagSuggestions([{ tag: 'NLP', count: 2 }, { tag: 'LLM', count: 5 }, { tag: 'vue', count: 2 }], ['nlp'])).toEqual(['LLM', 'vue'])
  })
})

describe('one YAML error, one place', () => {
  // line 4 of the file (line 3 of the YAML), column 1: the flow list of line 3 is not closed
  const text = "---\ntitle: ok\ntags: [a, b\ndate: '2024-01-01'\n---\n\nBody\n"
  it('the form places its own YAML error in the whole post, as the 2.13 parser does (not YAML-relative)', () => {
    const read = readFrontmatter(findFrontmatter(text)!.yaml)
    expect(read.ok).toBe(false)
    const place = frontmatterErrorPlace(text, read)!
    const parser = frontmatterError213(text)!
    expect({ line: place.line, column: place.column }).toEqual({ line: parser.line, column: parser.column })
    expect(place).toMatchObject({ line: 4, column: 1 })
    expect(place.reason).not.toMatch(/line \d/)
  })
  it('with the parser\'s error (the banner\'s), the form reports exactly its line and column', () => {
    const broken = "---\ntitle: ok\ndescription: \"unclosed\ndate: x\n---\n\nBody\n"
    let detail: { message: string; line?: number; column?: number } | undefined
    try { splitFrontmatter(broken) } catch (error) { detail = (error as PostParseFailure).detail }
    expect(detail?.line, 'the 2.7 parser (js-yaml) reports this error').toBeDefined()
    const place = frontmatterErrorPlace(broken, readFrontmatter(findFrontmatter(broken)!.yaml), detail)!
    expect({ line: place.line, column: place.column }).toEqual({ line: detail!.line, column: detail!.column })
    expect(place.reason).toBe(yamlErrorReason(detail!.message))
    expect(place.reason).not.toMatch(/^Invalid YAML|\(line/)
  })
  it('no error, no place', () => {
    const ok = '---\ntitle: fine\n---\n'
    expect(frontmatterErrorPlace(ok, readFrontmatter('title: fine'))).toBeNull()
  })
})
