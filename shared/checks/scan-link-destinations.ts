/** Where a markdown link or image destination comes from. */
export type DestinationKind = 'link' | 'image' | 'definition'

/** One markdown link/image destination as written (`[t](./x.md "title")` → `./x.md`). */
export interface LinkDestination {
  kind: DestinationKind
  /** The destination as written, without `<…>` brackets. */
  raw: string
  /** The destination as markdown reads it: backslash escapes and entities resolved. */
  url: string
  /** Offsets of `raw` in the post's text. */
  from: number
  to: number
}

const ESCAPABLE = /\\([!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~])/g
const DEFINITION = /^ {0,3}\[((?:[^\]\\\n]|\\.)+)\]:[ \t]*(?:\n[ \t]*)?(<[^>\n]*>|\S+)/gm

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", colon: ':', tab: '\t', newline: '\n', nbsp: '\u00a0', lpar: '(', rpar: ')', sol: '/', period: '.' }

/** Resolves HTML character references (`&amp;`, `&#x3a;`, `&colon;`); unknown names stay as they are. */
export function decodeEntities(value: string): string {
  return value.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);?/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole
  })
}

/** A destination as markdown reads it: backslash escapes removed, entities decoded. */
export function unescapeDestination(raw: string): string {
  return decodeEntities(raw.replace(ESCAPABLE, '$1'))
}

/** Index of the `[` that opens the bracket closed at `close`, or -1. */
function openingBracket(masked: string, close: number): number {
  let depth = 0
  for (let i = close; i >= 0; i--) {
    const c = masked[i]
    if (i > 0 && masked[i - 1] === '\\') continue
    if (c === ']') depth++
    else if (c === '[' && --depth === 0) return i
    else if (c === '\n' && masked[i - 1] === '\n') return -1 // a paragraph break: no opener
  }
  return -1
}

/** Reads an inline destination after `(` at `at`: `<…>` or a run without spaces and with balanced parentheses. */
function readDestination(masked: string, at: number): { from: number; to: number; angle: boolean } | null {
  let i = at
  while (masked[i] === ' ' || masked[i] === '\t') i++
  if (masked[i] === '\n') { i++; while (masked[i] === ' ' || masked[i] === '\t') i++ }
  if (masked[i] === '<') {
    const close = masked.indexOf('>', i + 1)
    const line = masked.indexOf('\n', i + 1)
    if (close === -1 || (line !== -1 && line < close)) return null
    return { from: i + 1, to: close, angle: true }
  }
  const from = i
  let depth = 0
  for (; i < masked.length; i++) {
    const c = masked[i]
    if (c === '\\') { i++; continue }
    if (c === ' ' || c === '\t' || c === '\n') break
    if (c === '(') depth++
    else if (c === ')') {
      if (depth === 0) break
      depth--
    }
  }
  return { from, to: i, angle: false }
}

/**
 * Every markdown link and image destination in `masked` (code blanked, see `maskCode`), read from
 * `text`: inline `[text](url "title")` and `![alt](url)`, and reference definitions `[id]: url`,
 * in document order. Used to find where a link of the parsed tree is written, what it looked like
 * before the parser rewrote it (`./x.md` → `./x`), and `javascript:` URLs the parser removed.
 */
export function scanLinkDestinations(text: string, masked: string): LinkDestination[] {
  const out: LinkDestination[] = []
  for (let at = masked.indexOf('](', 0); at !== -1; at = masked.indexOf('](', at + 2)) {
    if (at > 0 && masked[at - 1] === '\\') continue
    const open = openingBracket(masked, at)
    if (open === -1) continue
    const place = readDestination(masked, at + 2)
    if (!place) continue
    const raw = text.slice(place.from, place.to)
    const kind: DestinationKind = open > 0 && masked[open - 1] === '!' ? 'image' : 'link'
    out.push({ kind, raw, url: unescapeDestination(raw), from: place.from, to: place.to })
  }
  DEFINITION.lastIndex = 0
  for (let match = DEFINITION.exec(masked); match; match = DEFINITION.exec(masked)) {
    if (match[1].startsWith('^')) continue // a footnote definition
    const written = match[2]
    const angle = written.startsWith('<')
    const from = match.index + match[0].length - written.length + (angle ? 1 : 0)
    const raw = text.slice(from, from + written.length - (angle ? 2 : 0))
    out.push({ kind: 'definition', raw, url: unescapeDestination(raw), from, to: from + raw.length })
  }
  return out.sort((a, b) => a.from - b.from)
}
