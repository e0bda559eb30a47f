// The pure parts of `npm run bench:preview` (scripts/bench-preview.mjs): the percentiles it reports,
// its seeded gaps, its options, the goal check, and where it puts its marker paragraphs. The browser
// run itself is the bench; this only keeps its arithmetic honest.
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))

interface Figures { keyEndP95: number; keyMidP95: number; burstLastP95: number; openP95: number; typingFrameP95: number; longTasks: number }
interface BenchPreview {
  percentile(values: number[], q: number): number | null
  p50p95(values: number[]): [number | null, number | null]
  seededRandom(seed: number): () => number
  parseArgs(argv: string[]): { quick: boolean; docs: Array<{ name: string; times: number }> }
  checkGoals(docs: Record<string, Figures>): { goals: Record<string, { limit: number; value: number; ok: boolean }>; withinGoals: boolean }
  benchPost(doc: { name: string; times: number }): string
  DOCS: Array<{ name: string; times: number }>
}
const bench = (await import(join(root, 'scripts/bench-preview.mjs'))) as BenchPreview

describe('bench:preview helpers', () => {
  it('p50 is the median and p95 interpolates between ranks', () => {
    const values = Array.from({ length: 20 }, (_, i) => 20 - i) // 1..20, unsorted
    expect(bench.p50p95(values)).toEqual([10.5, 19.1])
    expect(bench.percentile([5], 0.95)).toBe(5)
    expect(bench.percentile([1, 2, 3, 4], 0)).toBe(1)
    expect(bench.percentile([1, 2, 3, 4], 1)).toBe(4)
    expect(bench.p50p95([])).toEqual([null, null])
  })

  it('the seeded gaps repeat and stay in [0, 1)', () => {
    const a = bench.seededRandom(7)
    const b = bench.seededRandom(7)
    const xs = Array.from({ length: 100 }, () => a())
    expect(xs).toEqual(Array.from({ length: 100 }, () => b()))
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true)
    expect(new Set(xs).size).toBe(100)
  })

  it('reads --quick and --docs, refusing unknown documents', () => {
    expect(bench.parseArgs([])).toEqual({ quick: false, docs: bench.DOCS })
    expect(bench.parseArgs(['--quick', '--docs', '720KB,18KB']).docs.map((d) => d.name)).toEqual(['18KB', '720KB'])
    expect(() => bench.parseArgs(['--docs', '1MB'])).toThrow(/--docs/)
  })

  it('checks the goals of the sizes that have them', () => {
    const fast: Figures = { keyEndP95: 10, keyMidP95: 12, burstLastP95: 80, openP95: 200, typingFrameP95: 15, longTasks: 0 }
    const fine = bench.checkGoals({ '18KB': fast, '720KB': { ...fast, keyEndP95: 40 } })
    expect(fine.withinGoals).toBe(true)
    expect(Object.keys(fine.goals)).toEqual(['keyP95@18KB', 'openP95@18KB', 'typingFrameP95@18KB', 'longTasks@18KB', 'keyP95@720KB', 'burstLastP95@720KB', 'openP95@720KB', 'typingFrameP95@720KB', 'longTasks@720KB'])
    const slow = bench.checkGoals({ '18KB': { ...fast, keyMidP95: 17 } })
    expect(slow.withinGoals).toBe(false)
    expect(slow.goals['keyP95@18KB']).toEqual({ limit: 16, value: 17, ok: false })
  })

  it('puts the open marker first, the middle one before a heading and the end one last', () => {
    const text = bench.benchPost({ name: '180KB', times: 10 })
    const body = text.slice(text.indexOf('\n---', 3) + 4)
    expect(text).toMatch(/^title: 'Bench 180KB'$/m)
    expect(body.trimStart().startsWith('Bench open marker 180KB\n')).toBe(true)
    expect(text).toMatch(/\n\nBench middle marker x\n\n## /)
    expect(Math.abs(text.indexOf('Bench middle marker x') / text.length - 0.5)).toBeLessThan(0.1)
    expect(text.endsWith('\n\nBench end marker x')).toBe(true)
  })
})
