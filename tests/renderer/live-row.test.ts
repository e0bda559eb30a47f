import { describe, expect, it } from 'vitest'
import { frontmatterBlock, liveRowOf, withLiveRows } from '../../renderer/state/live-row'

describe('liveRowOf', () => {
  it('reads title, date, tags and draft from the frontmatter only', () => {
    expect(liveRowOf("---\ntitle: '두번째 글'\ndate: 2024-02-03\ntags: [a, 2]\ndraft: true\n---\n\n# Body\n")).toEqual({ title: '두번째 글', date: '2024-02-03', tags: ['a', '2'], draft: true })
    expect(liveRowOf('---\ntags: one\n---\n')).toEqual({ tags: ['one'] })
  })

  it('leaves out keys the frontmatter does not set, and an empty title', () => {
    expect(liveRowOf("---\ntitle: ''\nsummary: x\n---\n")).toEqual({})
  })

  it('gives null without a (closed) frontmatter or with invalid YAML', () => {
    expect(liveRowOf('# no frontmatter')).toBeNull()
    expect(liveRowOf('---\ntitle: open')).toBeNull()
    expect(liveRowOf("---\ntitle: 'unclosed\n---\n")).toBeNull()
  })

  it('finds the block without the body', () => {
    expect(frontmatterBlock('---\na: 1\n---\nbody\n---\n')).toBe('---\na: 1\n---\n')
  })
})

describe('withLiveRows', () => {
  const row = { file: 'a.md', path: '/a', title: 'A', date: null, tags: [], draft: false, summary: '', size: 1, mtime: 1 }
  it('lays live fields over the saved row, keeping the array when nothing differs', () => {
    const rows = [row]
    expect(withLiveRows(rows, new Map([['a.md', { title: 'A' }]]))).toBe(rows)
    expect(withLiveRows(rows, new Map([['a.md', { title: 'B', draft: true }]]))[0]).toMatchObject({ title: 'B', draft: true, path: '/a' })
  })
})
