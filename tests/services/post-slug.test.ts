import { describe, expect, it } from 'vitest'
import { contentFolders, datePrefixOf, isPostSlug, postFileName, postSlug } from '../../shared/services/post-slug'

describe('postSlug', () => {
  it('transliterates Korean and other scripts to a Latin slug', () => {
    expect(postSlug('두번째 글')).toBe('dubeonjjae-geul')
    expect(postSlug('Привет, мир')).toBe('privet-mir')
    expect(postSlug('Ünïcödé façade')).toBe('unicode-facade')
  })

  it('keeps Latin words and digits, lower-cased, other characters as single dashes, trimmed', () => {
    expect(postSlug("  Hello, Nuxt's World!  ")).toBe('hello-nuxts-world')
    expect(postSlug('LLaMA 2 --- notes')).toBe('llama-2-notes')
  })

  it('gives nothing for emoji or symbols only, so the user is asked for a slug', () => {
    expect(postSlug('🎉🎉')).toBe('')
    expect(postSlug('👨‍👩‍👧 🇰🇷 ✨')).toBe('')
    expect(postSlug('©®™ → ★')).toBe('')
    expect(postSlug('')).toBe('')
  })

  it('drops emoji and keeps the words of a mixed title', () => {
    expect(postSlug('🎉 LLaMA 2 리뷰 🎉')).toBe('llama-2-libyu')
    expect(postSlug('Nuxt 3 ✨ 시작하기')).toBe('nuxt-3-sijaghagi')
  })

  it('cuts long titles at a dash within 60 characters', () => {
    const slug = postSlug('word '.repeat(40))
    expect(slug.length).toBeLessThanOrEqual(60)
    expect(slug.endsWith('-')).toBe(false)
    expect(isPostSlug(slug)).toBe(true)
  })
})

describe('post file names and folders', () => {
  it('names a post YYYY-MM-DD-slug.md, with -N for the n-th', () => {
    expect(postFileName('2025-03-04', 'hello')).toBe('2025-03-04-hello.md')
    expect(postFileName('2025-03-04', 'hello', 3)).toBe('2025-03-04-hello-3.md')
    expect(datePrefixOf('2025-03-04-hello.md')).toBe('2025-03-04-')
    expect(datePrefixOf('hello.md')).toBe('')
  })

  it('lists the content folders of the posts, parents included, with the default folder', () => {
    expect(contentFolders(['blog/a.md', 'notes/2024/b.md', 'about.md'])).toEqual(['', 'blog', 'notes', 'notes/2024'])
    expect(contentFolders([])).toEqual(['', 'blog'])
  })

  it('checks the slug form', () => {
    expect(isPostSlug('a-b-1')).toBe(true)
    expect(isPostSlug('A-b')).toBe(false)
    expect(isPostSlug('a--b')).toBe(false)
    expect(isPostSlug('')).toBe(false)
  })
})
