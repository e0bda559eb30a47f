/** What a code fence's info string (`js [file.js] {1,3-4} other`) says. */
export interface CodeFenceInfo {
  language: string | undefined
  highlights: number[] | undefined
  filename: string | undefined
  meta: string | undefined
}

/**
 * Reads a fence info string the way Nuxt Content 2.7 does: the language is the first word
 * (before any `{` or `[`), `[name]` is the filename (`\]` escapes), `{1,3-5}` lists highlighted
 * lines, the rest (trimmed) is `meta`. An empty info string gives all-undefined.
 */
export function parseCodeFenceInfo(info: string): CodeFenceInfo {
  if (!info.trim()) return { language: undefined, highlights: undefined, filename: undefined, meta: undefined }
  const language = info.replace(/[{|[](.+)/, '').match(/^[^ \t]+(?=[ \t]|$)/)?.[0]
  const highlightMatch = info.match(/{([^}]*)}/)
  const filenameMatch = info.match(/\[((\\]|[^\]])*)\]/)
  const meta = info
    .replace(language ?? '', '')
    .replace(highlightMatch?.[0] ?? '', '')
    .replace(filenameMatch?.[0] ?? '', '')
    .trim()
  return {
    language: language || undefined,
    highlights: lineNumbers(highlightMatch?.[1] || undefined),
    filename: filenameMatch?.[1].replace(/\\]/g, ']') || undefined,
    meta,
  }
}

/** Larger ranges would exhaust memory (the site would hang on them). */
const MAX_HIGHLIGHTED_LINES = 1_000_000

/** `"1,3-5"` → `[1, 3, 4, 5]`; undefined when there are none. */
function lineNumbers(spec: string | undefined): number[] | undefined {
  const lines: number[] = []
  for (const part of String(spec || '').split(',')) {
    if (!part) continue
    const [from, to] = part.trim().split('-').map(n => Number(n.trim()))
    const last = to || from
    if (last - from > MAX_HIGHLIGHTED_LINES) throw new RangeError(`Code fence highlights too many lines: {${part}}`)
    for (let line = from; line <= last; line++) lines.push(line)
  }
  return lines.length ? lines : undefined
}
