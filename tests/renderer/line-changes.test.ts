import { describe, expect, it } from 'vitest'
import { Chunk } from '@codemirror/merge'
import { ChangeSet, Text } from '@codemirror/state'
import { lineChanges } from '../../renderer/editor/line-changes'

const doc = (s: string) => Text.of(s.split('\n'))
/** Applies `changes` (from `lineChanges(a, b)`) to `a`, taking the replacement text from `b`; must give `b` back. */
function apply(a: string, b: string, changes: ReturnType<typeof lineChanges>): string {
  let out = ''
  let pos = 0
  for (const c of changes) {
    expect(c.fromA).toBeGreaterThanOrEqual(pos)
    out += a.slice(pos, c.fromA) + b.slice(c.fromB, c.toB)
    pos = c.toA
  }
  return out + a.slice(pos)
}
/** A post of `lines` lines where every `every`-th line differs between disk and mine. */
function conflictPair(lines: number, every: number): { disk: string; mine: string; changed: number } {
  const disk: string[] = []
  const mine: string[] = []
  let changed = 0
  for (let i = 0; i < lines; i++) {
    disk.push(`Paragraph ${i}: the text as it was saved by the other program.`)
    if (i % every === 0) { mine.push(`Paragraph ${i}: my edit of this line.`); changed++ } else mine.push(disk[i])
  }
  return { disk: disk.join('\n'), mine: mine.join('\n'), changed }
}

describe('lineChanges (the conflict merge view’s diff)', () => {
  it('finds replaced, inserted and deleted lines and refines a replaced line to the changed word', () => {
    const a = 'title: A\n\nfirst\nsecond\nthird\nlast'
    const b = 'title: B\n\nfirst\nthird\nnew line\nlast'
    const changes = lineChanges(a, b)
    expect(apply(a, b, changes)).toBe(b)
    expect(changes.map((c) => [a.slice(c.fromA, c.toA), b.slice(c.fromB, c.toB)])).toEqual([['A', 'B'], ['second\n', ''], ['', 'new line\n']])
    expect(lineChanges('same\ntext', 'same\ntext')).toEqual([])
    expect(apply('', 'all new\n', lineChanges('', 'all new\n'))).toBe('all new\n')
    expect(apply('x\ny', 'x\ny\n', lineChanges('x\ny', 'x\ny\n'))).toBe('x\ny\n')
  })

  it('keeps repeated lines (blank lines, ---) aligned between unique anchors', () => {
    const a = '---\ntitle: x\n---\n\n## One\n\ntext\n\n## Two\n\nmore\n'
    const b = '---\ntitle: x\n---\n\n## One\n\ntext changed\n\n\n## Two\n\nmore\n'
    const changes = lineChanges(a, b)
    expect(apply(a, b, changes)).toBe(b)
    const chunks = Chunk.build(doc(a), doc(b), { override: lineChanges })
    expect(chunks.map((c) => [doc(a).lineAt(c.fromA).number, doc(b).lineAt(c.fromB).number])).toEqual([[7, 7]])
  })

  it('gives one chunk per changed line when 5,000 of 10,000 lines differ, quickly', () => {
    const { disk, mine, changed } = conflictPair(10_000, 2)
    expect(changed).toBe(5_000)
    const a = doc(disk)
    const started = performance.now()
    const chunks = Chunk.build(a, doc(mine), { override: lineChanges })
    const elapsed = performance.now() - started
    expect(chunks).toHaveLength(5_000)
    // chunk k is line 2k+1 on both sides, alone
    expect(chunks.every((c, k) => a.lineAt(c.fromA).number === 2 * k + 1 && a.lineAt(c.endA).number === 2 * k + 1)).toBe(true)
    expect(chunks.every((c) => c.changes.length > 0)).toBe(true)
    // typically ~100 ms; the bound leaves room for a loaded two-core machine (the character diff alone takes minutes here)
    expect(elapsed, `Chunk.build took ${Math.round(elapsed)} ms`).toBeLessThan(3_000)
    // the merge view's default (a character diff with scanLimit 500) gives up on this pair: one chunk over the whole text
    expect(Chunk.build(a, doc(mine), { scanLimit: 500 })).toHaveLength(1)
  })

  it('updates the chunks after a chunk is taken from disk into mine, through the same diff', () => {
    const { disk, mine } = conflictPair(6_000, 3)
    const a = doc(disk)
    const b = doc(mine)
    const chunks = Chunk.build(a, b, { override: lineChanges })
    expect(chunks).toHaveLength(2_000)
    const taken = chunks[100]
    const change = ChangeSet.of({ from: taken.fromB, to: taken.endB, insert: a.sliceString(taken.fromA, taken.endA) }, b.length)
    const edited = change.apply(b)
    const updated = Chunk.updateB(chunks, a, edited, change, { override: lineChanges })
    expect(updated).toHaveLength(1_999)
    expect(updated.map((c) => c.fromA)).toEqual(chunks.filter((_, i) => i !== 100).map((c) => c.fromA))
  })
})
