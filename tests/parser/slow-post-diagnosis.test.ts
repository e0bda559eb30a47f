import { describe, expect, it } from 'vitest'
import { describeSlowPost } from '../../shared/parser/slow-post-diagnosis'

describe('describeSlowPost', () => {
  it('names the line with a long run of text without spaces and its size', () => {
    const text = 'title\n\n' + 'a b c\n'.repeat(9) + 'x'.repeat(400_000) + '\nafter\n'
    const d = describeSlowPost(text, 10)
    expect(d.line).toBe(12)
    expect(d.message).toBe("This post takes too long to parse (stopped after 10 s): line 12 is 400 KB with no spaces. Break that line up or put it in a code block; the site's parser slows down sharply on long unbroken text.")
  })

  it('names a very long line that has spaces', () => {
    const d = describeSlowPost('a\n' + 'word '.repeat(30_000), 5)
    expect(d).toEqual({ line: 2, message: 'This post takes too long to parse (stopped after 5 s): line 2 is 150 KB long. Split it into shorter lines or paragraphs.' })
  })

  it('falls back to the size of the post', () => {
    const d = describeSlowPost('short line\n'.repeat(100_000), 10)
    expect(d.line).toBeUndefined()
    expect(d.message).toContain('the post is 1.1 MB')
  })

  it('treats an ideographic space as a space', () => {
    const d = describeSlowPost(('가'.repeat(5_000) + '\u3000').repeat(4), 10)
    expect(d.message).toContain('the post is')
  })
})
