/** One line of a diff: kept in both, only in `a` (removed) or only in `b` (added). */
export interface DiffLine {
  kind: 'same' | 'removed' | 'added'
  text: string
  /** 1-based line number in `a` (same/removed) or `b` (added). */
  aLine?: number
  bLine?: number
}

/**
 * Line diff of two texts (longest common subsequence on lines, after trimming the common head and
 * tail so large posts with small edits stay cheap). Used by the conflict dialog's compare view.
 */
export function diffLines(a: string, b: string): DiffLine[] {
  const A = a.split('\n')
  const B = b.split('\n')
  let head = 0
  while (head < A.length && head < B.length && A[head] === B[head]) head++
  let tail = 0
  while (tail < A.length - head && tail < B.length - head && A[A.length - 1 - tail] === B[B.length - 1 - tail]) tail++
  const a2 = A.slice(head, A.length - tail)
  const b2 = B.slice(head, B.length - tail)
  const out: DiffLine[] = []
  for (let i = 0; i < head; i++) out.push({ kind: 'same', text: A[i], aLine: i + 1, bLine: i + 1 })
  if (a2.length * b2.length > 4_000_000) {
    a2.forEach((text, i) => out.push({ kind: 'removed', text, aLine: head + i + 1 }))
    b2.forEach((text, i) => out.push({ kind: 'added', text, bLine: head + i + 1 }))
  } else {
    const n = a2.length
    const m = b2.length
    const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1))
    for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = a2[i] === b2[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1])
    let i = 0
    let j = 0
    while (i < n || j < m) {
      if (i < n && j < m && a2[i] === b2[j]) { out.push({ kind: 'same', text: a2[i], aLine: head + i + 1, bLine: head + j + 1 }); i++; j++ }
      else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) { out.push({ kind: 'removed', text: a2[i], aLine: head + i + 1 }); i++ }
      else { out.push({ kind: 'added', text: b2[j], bLine: head + j + 1 }); j++ }
    }
  }
  for (let k = 0; k < tail; k++) {
    const ai = A.length - tail + k
    const bi = B.length - tail + k
    out.push({ kind: 'same', text: A[ai], aLine: ai + 1, bLine: bi + 1 })
  }
  return out
}
