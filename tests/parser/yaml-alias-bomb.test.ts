// Bad input (issue 12, item 5): a 300-byte YAML alias bomb in the frontmatter fails fast with a
// clear frontmatter error (line/column of the first alias) in both parser families, instead of
// expanding to ~10⁶ values; a few ordinary aliases still parse exactly as before.
import { describe, expect, it } from 'vitest'
import { parsePost, PostParseFailure, tryParsePost } from '../../shared/parser'
import { parsePost213, tryParsePost213 } from '../../shared/parser-213/parse-post-213'

const id = 'content:blog:post.md'
const LEVELS = ['b', 'c', 'd', 'e', 'f', 'g']
const YAML_BOMB = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...LEVELS.map((name, i) => `${name}: &${name} [${Array(9).fill(`*${i === 0 ? 'a' : LEVELS[i - 1]}`).join(',')}]`)].join('\n')
const POST = `---\ntitle: Bomb\n${YAML_BOMB}\n---\n\n# Body\n`
const FIRST_ALIAS_LINE = 4 // "---", "title", "a: …", then b's first *a

describe('YAML alias bomb in the frontmatter', () => {
  it('is about 300 bytes and would expand to 9⁷ ≈ 4.8 million values', () => {
    expect(YAML_BOMB.length).toBeLessThan(500)
    expect(YAML_BOMB.length).toBeGreaterThan(250)
  })

  it('2.7: parsePost throws a frontmatter error at the first alias within a second', () => {
    const started = Date.now()
    let failure: unknown
    try { parsePost(POST, { id }) } catch (error) { failure = error }
    expect(Date.now() - started).toBeLessThan(1000)
    expect(failure).toBeInstanceOf(PostParseFailure)
    const detail = (failure as PostParseFailure).detail
    expect(detail.kind).toBe('frontmatter')
    expect(detail.message).toMatch(/^The frontmatter uses too many YAML aliases \(\d+ aliases that would expand past 100 values; the first is at line 4, column 8\)/)
    expect(detail).toMatchObject({ line: FIRST_ALIAS_LINE, column: 8 })
  })

  it('2.7: tryParsePost still previews the body, with the error', () => {
    const started = Date.now()
    const outcome = tryParsePost(POST, { id })
    expect(Date.now() - started).toBeLessThan(1000)
    expect(outcome.error?.message).toMatch(/too many YAML aliases/)
    expect(JSON.stringify(outcome.parsed?.body)).toContain('Body')
  })

  it('2.13: parsePost213 and tryParsePost213 fail fast with the same message', async () => {
    const started = Date.now()
    const failure = await parsePost213(POST, { id }).then(() => null, (error: unknown) => error)
    expect(failure).toBeInstanceOf(PostParseFailure)
    expect((failure as PostParseFailure).detail).toMatchObject({ kind: 'frontmatter', line: FIRST_ALIAS_LINE, column: 8, message: expect.stringMatching(/^The frontmatter uses too many YAML aliases/) })
    const outcome = await tryParsePost213(POST, { id })
    expect(outcome.error).toMatchObject({ kind: 'frontmatter', message: expect.stringMatching(/too many YAML aliases/) })
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('a few ordinary aliases parse exactly as without the guard', async () => {
    const post = `---\ntitle: Aliases\nbase: &base {author: Kim, lang: ko}\nen: *base\ntags: &t [a, b]\nmore: *t\n---\n\nText *emphasis* here.\n`
    const parsed = parsePost(post, { id }) as unknown as Record<string, unknown>
    expect(parsed).toMatchObject({ title: 'Aliases', en: { author: 'Kim', lang: 'ko' }, more: ['a', 'b'] })
    const parsed213 = await parsePost213(post, { id }) as unknown as Record<string, unknown>
    expect(parsed213).toMatchObject({ title: 'Aliases', en: { author: 'Kim', lang: 'ko' }, more: ['a', 'b'] })
    // a `*` that is not an alias (inside a quoted title) is not touched either
    expect((parsePost(`---\ntitle: "*Bold* claim"\n---\n\nx\n`, { id }) as unknown as { title: string }).title).toBe('*Bold* claim')
  })
})
