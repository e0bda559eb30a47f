import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { mapBlockLines, sourceBlocks } from '../../renderer/preview/block-lines'
import type { MinimarkNode } from '../../shared/parser/parse-types'

const read = (p: string) => readFileSync(new URL(p, import.meta.url), 'utf8')

describe('mapBlockLines', () => {
  it('maps every top-level block of the sample post to its source line', () => {
    const source = read('../fixtures/sample-site/content/blog/2024-01-16-llama2.md')
    const children = JSON.parse(read('../fixtures/expected/2024-01-16-llama2.md.json')).parsed.body.children as MinimarkNode[]
    const lines = mapBlockLines(source, children)
    const src = source.split('\n')
    expect(lines).toHaveLength(children.length)
    children.forEach((child, i) => {
      const line = lines[i]
      if (child.type === 'element' && /^h[2-6]$/.test(child.tag)) {
        const text = (child.children[0] as { value: string }).value
        expect(src[line! - 1], `heading ${text}`).toBe(`## ${text}`)
      }
      if (child.type === 'element' && child.tag === 'figure') expect(src[line! - 1]).toBe('<figure>')
    })
    // strictly increasing for real blocks
    const real = lines.filter((l): l is number => l !== null)
    for (let i = 1; i < real.length; i++) expect(real[i]).toBeGreaterThanOrEqual(real[i - 1])
    expect(lines[0]).toBe(9)
  })

  it('handles MDC components, raw HTML spanning blocks and comments', () => {
    const source = read('../fixtures/corpus/content/blog/mdc-blocks.md')
    const children = JSON.parse(read('../fixtures/corpus/expected/blog/mdc-blocks.md.json')).parsed.body.children as MinimarkNode[]
    const src = source.split('\n')
    const lines = mapBlockLines(source, children)
    expect(src[lines[0]! - 1]).toBe('::alert{type="info"}')
    expect(src[lines[1]! - 1]).toBe('::card')
    expect(src[lines[4]! - 1]).toBe('::hero{:dark="true" size=large}')
    const html = read('../fixtures/corpus/content/blog/html.md')
    const htmlChildren = JSON.parse(read('../fixtures/corpus/expected/blog/html.md.json')).parsed.body.children as MinimarkNode[]
    const hl = mapBlockLines(html, htmlChildren)
    const hsrc = html.split('\n')
    expect(hsrc[hl[2]! - 1]).toMatch(/^Inline <i>italic/)
    expect(hsrc[hl[4]! - 1]).toBe('<div align="center">')
  })

  it('skips the frontmatter when listing source blocks', () => {
    expect(sourceBlocks('---\ntitle: x\n---\n\n# Hi\n\ntext\n').map((b) => b.line)).toEqual([5, 7])
  })
})
