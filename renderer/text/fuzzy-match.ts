/** How well a query matched a text: higher is better; `indices` are the matched characters of the (NFC) text. */
export interface FuzzyMatch {
  score: number
  indices: number[]
}

function isWordStart(text: string, i: number): boolean {
  if (i === 0) return true
  const before = text[i - 1]
  return /[\s\-_/.,:()[\]]/.test(before) || (/[a-z]/.test(before) && /[A-Z]/.test(text[i]))
}

/**
 * Matches `query` against `text` the way quick switchers do: case-insensitively, spaces in the
 * query optional, its characters in order but not necessarily adjacent (Korean syllables compare as
 * whole characters, both sides NFC so macOS's decomposed file names match too). A substring scores
 * best (earlier and at a word start better), then runs of adjacent characters and word starts.
 * Null when the text does not contain the query's characters in order.
 */
export function fuzzyMatch(query: string, text: string): FuzzyMatch | null {
  const wanted = query.normalize('NFC').toLowerCase().replace(/\s+/g, '')
  if (!wanted) return { score: 0, indices: [] }
  const original = text.normalize('NFC')
  const lower = original.toLowerCase()
  const at = lower.indexOf(wanted)
  if (at >= 0) {
    return { score: 10_000 + (isWordStart(original, at) ? 500 : 0) - at - lower.length / 100, indices: Array.from({ length: wanted.length }, (_, k) => at + k) }
  }
  const indices: number[] = []
  let score = 0
  let from = 0
  for (const char of wanted) {
    const i = lower.indexOf(char, from)
    if (i < 0) return null
    const previous = indices[indices.length - 1]
    score += previous === i - 1 ? 12 : isWordStart(original, i) ? 8 : lower[i - 1] === ' ' ? 8 : 1
    indices.push(i)
    from = i + 1
  }
  return { score: score - indices[0] / 10 - lower.length / 100, indices }
}
