// The rename dialog's URL path advice (renderer/components/post-dialogs.tsx) runs on the window's
// thread on every keystroke: it reads the frontmatter and the first paragraphs only, so a huge post
// (or one with a 400 KB line, quadratic for the site's parser) gets it at once, and the same.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { adviceText, urlPathAdvice } from '../../renderer/components/post-dialogs'

const SAMPLE = readFileSync(fileURLToPath(new URL('../fixtures/sample-site/content/blog/2024-01-16-llama2.md', import.meta.url)), 'utf8')
const SITE = { posts: [{ file: 'blog/Taken.md', path: '/blog/taken' }], publicFiles: null, allowUnsafeHtml: false }

describe('urlPathAdvice on long posts', () => {
  it('reads a short post whole, a long one up to a blank line after its frontmatter', () => {
    expect(adviceText('---\ntitle: x\n---\n\nshort\n')).toBe('---\ntitle: x\n---\n\nshort\n')
    const long = '---\ntitle: x\n---\n\n' + 'A paragraph of words.\n\n'.repeat(10_000)
    const head = adviceText(long)
    expect(head.length).toBeLessThanOrEqual(5_000)
    expect(long.startsWith(head)).toBe(true)
    expect(head.endsWith('words.\n')).toBe(true)
    // no blank line in the head: the frontmatter alone
    expect(adviceText('---\ntitle: x\n---\n' + 'x'.repeat(400_000))).toBe('---\ntitle: x\n---\n')
  })

  it('gives the same path and suggestion as the whole text for a long ordinary post', () => {
    const long = SAMPLE + '\n\n' + SAMPLE.slice(SAMPLE.indexOf('\n---', 3) + 4).repeat(10)
    expect(long.length).toBeGreaterThan(100_000)
    const advice = urlPathAdvice('blog/taken.md', long, SITE, 'blog/old.md')
    expect(advice.path).toBe('/blog/taken')
    expect(advice.warning).toMatch(/taken|already/i)
    expect(advice).toEqual(urlPathAdvice('blog/taken.md', SAMPLE, SITE, 'blog/old.md'))
  })

  it('answers at once for a post with a 400 KB line without spaces', () => {
    const text = "---\ntitle: 'Long line'\n---\n\nIntro.\n\n" + 'x'.repeat(400_000) + '\n'
    const started = performance.now()
    const advice = urlPathAdvice('blog/long-line.md', text, SITE, null)
    expect(performance.now() - started).toBeLessThan(2_000) // the whole text takes the site's parser minutes
    expect(advice).toEqual({ path: '/blog/long-line', warning: null, suggestion: null })
  })
})
