/** One attribute of a raw HTML start tag (or of an MDC `{…}` block), with its place in the post's text. */
export interface SourceAttribute {
  /** Lower-cased name (`onclick`, `href`). */
  name: string
  /** The value as written (quotes removed, entities not decoded); `''` for a bare attribute. */
  value: string
  /** Offsets of the whole attribute (name through closing quote). */
  from: number
  to: number
  /** Offsets of the value (inside the quotes); equal to `to` for a bare attribute. */
  valueFrom: number
  valueTo: number
}

/** A raw HTML start tag as written in the post (`<iframe src="…" onload="…">`). */
export interface HtmlStartTag {
  /** Lower-cased tag name. */
  tag: string
  /** Offsets of the whole tag, `<` through `>`. */
  from: number
  to: number
  attributes: SourceAttribute[]
}

const TAG_OPEN = /<([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])/g
const SPACE = /[ \t\n\r\f]/

/**
 * Reads attributes from `masked` starting at `at` until `stop` (`>` for HTML, `}` for MDC) or the
 * end of `limit`; values come from `text` (same offsets). Returns the attributes and the offset of
 * the stop character, or -1 when the list is not closed.
 */
export function readAttributes(text: string, masked: string, at: number, stop: '>' | '}', limit = masked.length): { attributes: SourceAttribute[]; end: number } {
  const attributes: SourceAttribute[] = []
  let i = at
  while (i < limit) {
    const c = masked[i]
    if (c === stop) return { attributes, end: i }
    if (SPACE.test(c) || c === '/') { i++; continue }
    if (stop === '>' && c === '<') return { attributes, end: -1 }
    const nameFrom = i
    while (i < limit && !SPACE.test(masked[i]) && !'"\'>/='.includes(masked[i]) && masked[i] !== stop) i++
    if (i === nameFrom) { i++; continue } // a stray quote
    const name = text.slice(nameFrom, i).toLowerCase()
    let j = i
    while (j < limit && SPACE.test(masked[j])) j++
    if (masked[j] !== '=') {
      attributes.push({ name, value: '', from: nameFrom, to: i, valueFrom: i, valueTo: i })
      continue
    }
    j++
    while (j < limit && SPACE.test(masked[j])) j++
    const quote = masked[j]
    if (quote === '"' || quote === "'") {
      const close = masked.indexOf(quote, j + 1)
      if (close === -1 || close >= limit) return { attributes, end: -1 }
      attributes.push({ name, value: text.slice(j + 1, close), from: nameFrom, to: close + 1, valueFrom: j + 1, valueTo: close })
      i = close + 1
    } else {
      const valueFrom = j
      while (j < limit && !SPACE.test(masked[j]) && masked[j] !== stop && !(stop === '>' && masked[j] === '<')) j++
      attributes.push({ name, value: text.slice(valueFrom, j), from: nameFrom, to: j, valueFrom, valueTo: j })
      i = j
    }
  }
  return { attributes, end: -1 }
}

/**
 * Every raw HTML start tag in the post with its attributes and offsets, found in `masked` (the
 * text from {@link maskCode}: code and comments blanked) and read from `text`. The parser drops
 * `on*` attributes and `javascript:` URLs from its tree, so checks that must see them look here.
 * A `<` not followed by a tag name (`a < b`, autolinks `<https://…>`) or never closed is skipped.
 */
export function scanHtmlTags(text: string, masked: string): HtmlStartTag[] {
  const tags: HtmlStartTag[] = []
  TAG_OPEN.lastIndex = 0
  for (let match = TAG_OPEN.exec(masked); match; match = TAG_OPEN.exec(masked)) {
    const from = match.index
    const { attributes, end } = readAttributes(text, masked, from + match[0].length, '>')
    if (end === -1) continue
    tags.push({ tag: match[1].toLowerCase(), from, to: end + 1, attributes })
    TAG_OPEN.lastIndex = end + 1
  }
  return tags
}
