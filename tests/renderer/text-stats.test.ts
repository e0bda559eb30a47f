import { describe, expect, it } from 'vitest'
import { countText, readableText } from '../../renderer/text/text-stats'

describe('countText', () => {
  it('counts Korean by characters and eojeol as words', () => {
    expect(countText('한국어 문장입니다.')).toEqual({ words: 2, characters: 9, readingMinutes: 1 })
  })
  it('counts Latin words by whitespace tokens and ignores punctuation-only tokens', () => {
    const s = countText('Hello, big world — again!')
    expect(s.words).toBe(4)
    expect(s.characters).toBe(21)
  })
  it('counts an emoji as one character and gives 0 minutes for empty text', () => {
    expect(countText('💫 ok').characters).toBe(3)
    expect(countText('   ')).toEqual({ words: 0, characters: 0, readingMinutes: 0 })
  })
  it('estimates reading time: 500 Hangul syllables or 230 Latin words per minute', () => {
    expect(countText('가'.repeat(1500)).readingMinutes).toBe(3)
    expect(countText(Array(460).fill('word').join(' ')).readingMinutes).toBe(2)
  })
  it('extracts readable text from a body tree, skipping scripts', () => {
    const text = readableText([
      { type: 'element', tag: 'p', props: {}, children: [{ type: 'text', value: '안녕 world' }] },
      { type: 'element', tag: 'script', props: {}, children: [{ type: 'text', value: 'alert(1)' }] },
      { type: 'element', tag: 'code', props: { code: 'x = 1\n' }, children: [] },
    ])
    expect(countText(text).words).toBe(4) // 안녕, world, x, 1 (`=` is not a word)
    expect(text).not.toContain('alert')
  })
})
