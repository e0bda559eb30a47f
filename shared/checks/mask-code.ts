/** A fence opener/closer: optional indentation and blockquote markers, then 3+ backticks or tildes. */
const FENCE = /^([ \t>]*)(`{3,}|~{3,})(.*)$/

function blank(text: string, from: number, to: number): string {
  return text.slice(from, to).replace(/[^\n]/g, ' ')
}

/** Offsets where each line of `text` starts at or after `from`. */
function lineStarts(text: string, from: number): number[] {
  const starts = [from]
  for (let at = text.indexOf('\n', from); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1)
  return starts
}

/** Masks fenced code blocks (fences included) line by line; an unclosed fence runs to the end, as in CommonMark. */
function maskFences(text: string, from: number): string {
  const starts = lineStarts(text, from)
  let out = text.slice(0, from)
  let open: { char: string; length: number } | null = null
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]
    const end = i + 1 < starts.length ? starts[i + 1] : text.length
    const line = text.slice(start, end).replace(/\n$/, '')
    const fence = FENCE.exec(line)
    if (open) {
      out += blank(text, start, end)
      if (fence && fence[2][0] === open.char && fence[2].length >= open.length && fence[3].trim() === '') open = null
      continue
    }
    if (fence && !(fence[2][0] === '`' && fence[3].includes('`'))) {
      open = { char: fence[2][0], length: fence[2].length }
      out += blank(text, start, end)
      continue
    }
    out += text.slice(start, end)
  }
  return out
}

const INDENTED = /^(?: {4}|\t)/

/**
 * Masks indented code blocks — runs of lines indented by 4 spaces (or a tab) after a blank line —
 * but only those the parser really made code blocks of (their text is one of `codeBlocks`): lines
 * indented inside a list are list content, which stays live.
 */
function maskIndentedCode(text: string, from: number, codeBlocks: readonly string[]): string {
  if (codeBlocks.length === 0) return text
  const known = new Set(codeBlocks.map((code) => code.replace(/\n+$/, '')))
  const starts = lineStarts(text, from)
  const lineAt = (i: number) => text.slice(starts[i], i + 1 < starts.length ? starts[i + 1] - 1 : text.length)
  let out = text
  let i = 0
  while (i < starts.length) {
    const previousBlank = i === 0 || lineAt(i - 1).trim() === ''
    if (!previousBlank || !INDENTED.test(lineAt(i))) { i++; continue }
    let end = i
    let lastCode = i
    while (end < starts.length && (INDENTED.test(lineAt(end)) || lineAt(end).trim() === '')) {
      if (INDENTED.test(lineAt(end))) lastCode = end
      end++
    }
    const content = Array.from({ length: lastCode - i + 1 }, (_, k) => lineAt(i + k).replace(INDENTED, '')).join('\n')
    if (known.has(content)) {
      const blockFrom = starts[i]
      const blockTo = starts[lastCode] + lineAt(lastCode).length
      out = out.slice(0, blockFrom) + blank(out, blockFrom, blockTo) + out.slice(blockTo)
    }
    i = end
  }
  return out
}

/** Masks inline code spans: a run of N backticks up to the next run of exactly N, within one paragraph. */
function maskCodeSpans(text: string, from: number): string {
  const parts: string[] = []
  let last = 0
  let at = from
  while (at < text.length) {
    const tick = text.indexOf('`', at)
    if (tick === -1) break
    let run = tick
    while (text[run] === '`') run++
    const size = run - tick
    if (tick > 0 && text[tick - 1] === '\\' && size === 1) { at = run; continue }
    const paragraphEnd = (() => {
      const m = /\n[ \t>]*\n/g
      m.lastIndex = run
      const found = m.exec(text)
      return found ? found.index : text.length
    })()
    let close = -1
    for (let search = run; search < paragraphEnd;) {
      const next = text.indexOf('`', search)
      if (next === -1 || next >= paragraphEnd) break
      let end = next
      while (text[end] === '`') end++
      if (end - next === size) { close = next; break }
      search = end
    }
    if (close === -1) { at = run; continue }
    parts.push(text.slice(last, tick), blank(text, tick, close + size))
    last = close + size
    at = last
  }
  parts.push(text.slice(last))
  return parts.join('')
}

/** Masks HTML comments (`<!-- … -->`; an unclosed one runs to the end, as in HTML). */
function maskComments(text: string, from: number): string {
  let out = text
  for (let at = out.indexOf('<!--', from); at !== -1; at = out.indexOf('<!--', at + 4)) {
    const close = out.indexOf('-->', at + 4)
    const end = close === -1 ? out.length : close + 3
    out = out.slice(0, at) + blank(out, at, end) + out.slice(end)
  }
  return out
}

/**
 * The post's text with everything that is not live markup blanked out — the part before `from`
 * (the frontmatter), fenced code blocks, inline code spans and HTML comments — replaced by spaces
 * (newlines kept), so offsets and line/column stay the same. Scanners for raw HTML and link
 * syntax run on this, so `<script>` shown in a code sample is never reported. Indented code blocks
 * are masked when their text is one of `codeBlocks` (the code blocks of the parsed tree).
 */
export function maskCode(text: string, from = 0, codeBlocks: readonly string[] = []): string {
  const head = blank(text, 0, from)
  const fenced = maskIndentedCode(maskFences(text, from), from, codeBlocks)
  const spans = maskCodeSpans(fenced, from)
  return head + maskComments(spans, from).slice(from)
}
