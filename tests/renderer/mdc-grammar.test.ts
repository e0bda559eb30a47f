import { describe, expect, it } from 'vitest'
import { parser, GFM } from '@lezer/markdown'
import { mdcGrammar } from '../../renderer/editor/mdc-grammar'
import { minimalChange } from '../../renderer/editor/editor-host'

const md = parser.configure([GFM, mdcGrammar])

function nodes(source: string): string[] {
  const out: string[] = []
  md.parse(source).iterate({ enter: (n) => { if (n.name.startsWith('Mdc')) out.push(`${n.name}:${source.slice(n.from, n.to)}`) } })
  return out
}

describe('mdcGrammar', () => {
  it('recognises block components, YAML props, slots and the closing fence', () => {
    const found = nodes('::card{.wide}\n---\ntitle: x\n---\nBody text\n\n#footer\nFoot\n::\n')
    expect(found).toContain('MdcBlockOpen:::card{.wide}')
    expect(found).toContain('MdcName:card')
    expect(found).toContain('MdcAttributes:{.wide}')
    expect(found).toContain('MdcYamlProps:---\ntitle: x\n---')
    expect(found).toContain('MdcSlot:#footer')
    expect(found).toContain('MdcBlockClose:::')
  })
  it('recognises inline components and attribute lists but not ordinary colons or braces', () => {
    const found = nodes('See :badge[new]{color="red"} and [span]{.note} and **b**{#x}. Time 10:30 {not attrs}\n')
    expect(found).toContain('MdcInline::badge[new]{color="red"}')
    expect(found).toContain('MdcAttributes:{.note}')
    expect(found).toContain('MdcAttributes:{#x}')
    expect(found.some((n) => n.includes('30') || n.includes('not attrs'))).toBe(false)
  })
  it('ends a paragraph at a component fence', () => {
    const found = nodes('para line\n::alert\ninside\n::\n')
    expect(found).toContain('MdcBlockOpen:::alert')
    expect(found).toContain('MdcBlockClose:::')
  })
})

describe('minimalChange', () => {
  it('replaces only the differing middle', () => {
    expect(minimalChange('title: a\nbody', 'title: abc\nbody')).toEqual({ from: 8, to: 8, insert: 'bc' })
    expect(minimalChange('same', 'same')).toBeNull()
    expect(minimalChange('abc', '')).toEqual({ from: 0, to: 3, insert: '' })
  })
})
