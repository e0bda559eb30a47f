import { Change, presentableDiff } from '@codemirror/merge'

/** A replaced block of lines larger than this (characters, both sides together) is marked changed as a whole instead of word by word. */
const REFINE_LIMIT = 20_000
/** A stretch with no line unique to both sides is diffed line by line (LCS) only up to this many line pairs; beyond, it is one changed block. */
const LCS_LIMIT = 1_000_000

/** Stretches up to this many line pairs go straight to the LCS (cheaper than counting lines for anchors). */
const SMALL_STRETCH = 64

/** Start offset of each line of `text` (a line keeps its `\n`), plus `text.length` at the end. */
function lineStarts(text: string): number[] {
  const starts = [0]
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  if (starts[starts.length - 1] !== text.length) starts.push(text.length)
  return starts
}

/** Longest increasing subsequence of `ys` (indices into it), by patience sorting: O(k log k). */
function increasingRun(ys: number[]): number[] {
  const tails: number[] = []
  const prev = new Int32Array(ys.length).fill(-1)
  for (let i = 0; i < ys.length; i++) {
    let lo = 0
    let hi = tails.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (ys[tails[mid]] < ys[i]) lo = mid + 1
      else hi = mid
    }
    if (lo > 0) prev[i] = tails[lo - 1]
    tails[lo] = i
  }
  const run: number[] = []
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = prev[i]) run.push(i)
  return run.reverse()
}

/**
 * Matched line pairs of `a[aLo..aHi)` and `b[bLo..bHi)` (line ids), in order, pushed onto `out` as
 * `[i, j, i, j, …]`: common head and tail, then lines occurring once on each side as anchors
 * (patience diff), recursing between anchors; a stretch without anchors gets an LCS when small.
 */
function matchLines(a: Int32Array, b: Int32Array, aLo: number, aHi: number, bLo: number, bHi: number, out: number[]): void {
  while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) { out.push(aLo++, bLo++) }
  let tail = 0
  while (aHi - tail > aLo && bHi - tail > bLo && a[aHi - 1 - tail] === b[bHi - 1 - tail]) tail++
  aHi -= tail
  bHi -= tail
  if (aLo < aHi && bLo < bHi && (aHi - aLo) * (bHi - bLo) <= SMALL_STRETCH) {
    lcsLines(a, b, aLo, aHi, bLo, bHi, out)
  } else if (aLo < aHi && bLo < bHi) {
    const counts = new Map<number, { inA: number; inB: number; at: number }>()
    for (let i = aLo; i < aHi; i++) {
      const c = counts.get(a[i])
      if (c) c.inA++
      else counts.set(a[i], { inA: 1, inB: 0, at: i })
    }
    const bAt = new Map<number, number>()
    for (let j = bLo; j < bHi; j++) {
      const c = counts.get(b[j])
      if (c && ++c.inB === 1) bAt.set(b[j], j)
    }
    const xs: number[] = []
    const ys: number[] = []
    for (let i = aLo; i < aHi; i++) {
      const c = counts.get(a[i])!
      if (c.inA === 1 && c.inB === 1) { xs.push(i); ys.push(bAt.get(a[i])!) }
    }
    const anchors = increasingRun(ys)
    if (anchors.length) {
      let i = aLo
      let j = bLo
      for (const k of anchors) {
        matchLines(a, b, i, xs[k], j, ys[k], out)
        out.push(xs[k], ys[k])
        i = xs[k] + 1
        j = ys[k] + 1
      }
      matchLines(a, b, i, aHi, j, bHi, out)
    } else if ((aHi - aLo) * (bHi - bLo) <= LCS_LIMIT) {
      lcsLines(a, b, aLo, aHi, bLo, bHi, out)
    }
  }
  for (let k = tail; k > 0; k--) out.push(aHi + tail - k, bHi + tail - k)
}

/** Classic LCS table over a small stretch of lines; pushes the matched pairs onto `out`. */
function lcsLines(a: Int32Array, b: Int32Array, aLo: number, aHi: number, bLo: number, bHi: number, out: number[]): void {
  const n = aHi - aLo
  const m = bHi - bLo
  const w = m + 1
  const table = new Uint32Array((n + 1) * w)
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * w + j] = a[aLo + i] === b[bLo + j] ? table[(i + 1) * w + j + 1] + 1 : Math.max(table[(i + 1) * w + j], table[i * w + j + 1])
    }
  }
  for (let i = 0, j = 0; i < n && j < m;) {
    if (a[aLo + i] === b[bLo + j]) { out.push(aLo + i++, bLo + j++) }
    else if (table[(i + 1) * w + j] >= table[i * w + j + 1]) i++
    else j++
  }
}

/**
 * Appends a change, joining it to the previous one when fewer than 3 unchanged characters separate
 * them on both sides — what the merge view's clean-up would do, but in one pass (its own pass splices
 * an array per join, which is quadratic over thousands of changes).
 */
function push(changes: Change[], fromA: number, toA: number, fromB: number, toB: number): void {
  const last = changes[changes.length - 1]
  if (last && last.toA > fromA - 3 && last.toB > fromB - 3) changes[changes.length - 1] = new Change(last.fromA, toA, last.fromB, toB)
  else changes.push(new Change(fromA, toA, fromB, toB))
}

/**
 * The changes turning `a` into `b`, found line by line first (patience diff: near-linear on posts
 * of any size) and then refined to words inside each replaced block with `@codemirror/merge`'s own
 * `presentableDiff`. Given to the merge view as `diffConfig.override`, because its character diff either takes
 * minutes or, with the default scan limit, gives up and marks everything changed once thousands of
 * lines differ.
 */
export function lineChanges(a: string, b: string): Change[] {
  const startsA = lineStarts(a)
  const startsB = lineStarts(b)
  const ids = new Map<string, number>()
  const idsOf = (text: string, starts: number[]) => {
    const out = new Int32Array(starts.length - 1)
    for (let i = 0; i < out.length; i++) {
      const line = text.slice(starts[i], starts[i + 1])
      let id = ids.get(line)
      if (id === undefined) { id = ids.size; ids.set(line, id) }
      out[i] = id
    }
    return out
  }
  const linesA = idsOf(a, startsA)
  const linesB = idsOf(b, startsB)
  const pairs: number[] = []
  matchLines(linesA, linesB, 0, linesA.length, 0, linesB.length, pairs)
  pairs.push(linesA.length, linesB.length)

  const changes: Change[] = []
  for (let k = 0, i = 0, j = 0; k < pairs.length; k += 2) {
    const [nextI, nextJ] = [pairs[k], pairs[k + 1]]
    if (nextI > i || nextJ > j) {
      const fromA = startsA[i]
      const toA = startsA[nextI]
      const fromB = startsB[j]
      const toB = startsB[nextJ]
      if (toA > fromA && toB > fromB && toA - fromA + toB - fromB <= REFINE_LIMIT) {
        for (const c of presentableDiff(a.slice(fromA, toA), b.slice(fromB, toB), { scanLimit: 500 })) push(changes, fromA + c.fromA, fromA + c.toA, fromB + c.fromB, fromB + c.toB)
      } else {
        push(changes, fromA, toA, fromB, toB)
      }
    }
    i = nextI + 1
    j = nextJ + 1
  }
  return changes
}
