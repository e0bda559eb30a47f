// The parser's public API beyond the goldens: ids, cache entries, outcomes, line endings.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { hash, objectHash } from 'ohash'
import { describe, expect, it } from 'vitest'
import { contentIdFor, parsePost, toCacheEntry, tryParsePost } from '../../shared/parser'
import { cacheHashInput, CONTENT_CACHE_VERSION, defaultSiteCacheIntegrity, defaultSiteIntegrityInput } from '../../shared/parser/to-cache-entry'

const expectedFile = fileURLToPath(new URL('../fixtures/expected/2024-01-16-llama2.md.json', import.meta.url))
const sampleFile = fileURLToPath(new URL('../fixtures/sample-site/content/blog/2024-01-16-llama2.md', import.meta.url))

describe('contentIdFor', () => {
  it('is content: + the relative path with / → :', () => {
    expect(contentIdFor('blog/2024-01-16-llama2.md')).toBe('content:blog:2024-01-16-llama2.md')
    expect(contentIdFor('notes/한글-메모.md')).toBe('content:notes:한글-메모.md')
    expect(contentIdFor('index.md')).toBe('content:index.md')
    expect(contentIdFor('docs\\guide.draft.md')).toBe('content:docs:guide.draft.md')
  })
})

describe('toCacheEntry (Nuxt Content 2.7 parsed-cache hash)', () => {
  const parsed = parsePost(readFileSync(sampleFile, 'utf8'), { id: 'content:blog:2024-01-16-llama2.md' })
  const stat = { mtime: new Date('2024-01-16T12:34:56.789Z'), size: 18_234 }

  it('keeps parsed as is and gives a 10-character ohash', () => {
    const entry = toCacheEntry(parsed, stat)
    expect(entry.parsed).toBe(parsed)
    expect(entry.hash).toMatch(/^[A-Za-z0-9_-]{10}$/)
    // Same shape as the sample cache entry the site wrote.
    const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as { hash: string }
    expect(Object.keys(entry)).toEqual(Object.keys(expected))
    expect(expected.hash).toMatch(/^[A-Za-z0-9_-]{10}$/)
  })

  it('is deterministic and depends on mtime and size only (not on the content)', () => {
    const a = toCacheEntry(parsed, stat).hash
    expect(toCacheEntry(parsed, { mtime: stat.mtime.getTime(), size: stat.size }).hash).toBe(a)
    expect(toCacheEntry(parsed, { mtime: stat.mtime.toISOString(), size: stat.size }).hash).toBe(a)
    expect(toCacheEntry({ ...parsed, title: 'changed' }, stat).hash).toBe(a)
    expect(toCacheEntry(parsed, { ...stat, mtime: new Date(stat.mtime.getTime() + 1) }).hash).not.toBe(a)
    expect(toCacheEntry(parsed, { ...stat, size: stat.size + 1 }).hash).not.toBe(a)
  })

  it('hashes {mtime: Date, size, version: 2, integrity} like runtime/server/storage.mjs', () => {
    const input = cacheHashInput(stat)
    expect(Object.keys(input)).toEqual(['mtime', 'size', 'version', 'integrity'])
    expect(input.mtime).toBeInstanceOf(Date)
    expect(input.version).toBe(CONTENT_CACHE_VERSION)
    expect(input.version).toBe(2)
    // ohash 1.1.6 serialises the Date through toJSON(): the ISO time with milliseconds.
    expect(objectHash(input)).toContain(`mtime:string:24:${stat.mtime.toISOString()}`)
    expect(toCacheEntry(parsed, stat).hash).toBe(hash(input))
    expect(cacheHashInput({ mtime: stat.mtime, size: 0 }).size).toBe(0)
  })

  it('integrity is the hash of the default site module options (keys as module.mjs spells them)', () => {
    const input = defaultSiteIntegrityInput()
    expect(Object.keys(input)).toEqual(['locales', 'options', 'markdown', 'hightlight'])
    expect(input.locales).toEqual([])
    expect(input.options).toBeUndefined()
    expect(input.hightlight).toBe(false)
    const markdown = input.markdown as { tags: Record<string, string>; anchorLinks: unknown }
    expect(Object.keys(markdown.tags)).toHaveLength(24)
    expect(markdown.tags['code-inline']).toBe('prose-code-inline')
    expect(markdown.anchorLinks).toEqual({ depth: 4, exclude: [1] })
    expect(defaultSiteCacheIntegrity()).toBe(hash(input))
  })
})

describe('parsePost / tryParsePost', () => {
  it('tryParsePost on a good post returns parsed and no error', () => {
    const outcome = tryParsePost('# Hi\n\nText.\n', { id: 'content:a.md' })
    expect(outcome.error).toBeNull()
    expect(outcome.parsed).toMatchObject({ _path: '/a', title: 'Hi', description: 'Text.', _type: 'markdown', _id: 'content:a.md' })
  })

  it('normalises CRLF and CR line ends before parsing (same result as LF)', () => {
    const lf = '---\ntitle: T\n---\n\n# H\n\n- a\n- b\n\n```\ncode\n```\n'
    const crlf = lf.replace(/\n/g, '\r\n')
    const cr = lf.replace(/\n/g, '\r')
    const expected = JSON.stringify(parsePost(lf, { id: 'content:x.md' }))
    expect(JSON.stringify(parsePost(crlf, { id: 'content:x.md' }))).toBe(expected)
    expect(JSON.stringify(parsePost(cr, { id: 'content:x.md' }))).toBe(expected)
  })

  it('an id without a file extension is a clear error', () => {
    const outcome = tryParsePost('x', { id: 'content:README' })
    expect(outcome.parsed).toBeNull()
    expect(outcome.error?.message).toContain('does not end with a file name with an extension')
  })

  it('is repeatable: the shared frozen processor keeps no state between posts', () => {
    const source = '## Same\n\n## Same\n\nx[^1]\n\n[^1]: n\n'
    const first = JSON.stringify(parsePost(source, { id: 'content:r.md' }))
    parsePost('## Same\n\n## Other\n', { id: 'content:other.md' })
    expect(JSON.stringify(parsePost(source, { id: 'content:r.md' }))).toBe(first)
    expect(first).toContain('"id":"same-1"')
  })
})

describe('cache entry hashes of 2.13 sites', () => {
  // from a real `nuxi build` of a Nuxt 3 + @nuxt/content 2.13.4 site: blog/ts-fence.md, 190 bytes
  const stat = { mtime: '2026-12-01T21:17:46.178Z', size: 190 }
  const parsed = { _id: 'content:blog:ts-fence.md' } as never

  it('match the site’s own hash for the default options and for highlight github-dark', () => {
    expect(toCacheEntry(parsed, stat, { family: '2.13', options: {} }).hash).toBe('trKIuqqP0f')
    expect(toCacheEntry(parsed, stat, { family: '2.13', options: { highlight: { theme: 'github-dark' } } }).hash).toBe('KQA4PcKtTF')
    expect(toCacheEntry(parsed, stat, { family: '2.7', options: {} }).hash).toBe(toCacheEntry(parsed, stat).hash)
    expect(toCacheEntry(parsed, stat).hash).not.toBe('trKIuqqP0f')
  })
})
