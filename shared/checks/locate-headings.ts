import { nodeText } from '../parser/node-text'
import type { CheckInput } from './check-input'
import { postSource } from './post-source'
import { treeElements } from './tree-elements'

/** A heading of the parsed post with where it is written. */
export interface LocatedHeading {
  level: number
  /** The id the site gives it (after `-1` suffixing), `''` when it has none. */
  id: string
  text: string
  /** Offsets of the heading's line (or HTML tag) in the post's text. */
  from: number
  to: number
  /** The `#` run of an ATX heading (`## Title`), which a fix can change. */
  marker?: { from: number; to: number }
  located: boolean
}

interface SourceHeading {
  level: number
  from: number
  to: number
  marker?: { from: number; to: number }
}

const ATX = /^([ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?)(#{1,6})(?=[ \t]|$)/
const SETEXT = /^[ \t>]*(=+|-+)[ \t]*$/
const NOT_PARAGRAPH = /^[ \t>]*(?:$|#{1,6}(?:[ \t]|$)|[-*+][ \t]|\d{1,9}[.)][ \t]|<|:{2,}|\||(?:[-*_][ \t]*){3,}$)/

/** ATX (`## x`), setext (`x` over `---`/`===`) and HTML (`<h2>`) headings in the masked source, in order. */
function sourceHeadings(input: CheckInput): SourceHeading[] {
  const source = postSource(input)
  const { masked, bodyFrom } = source
  const out: SourceHeading[] = []
  let previous: { from: number; to: number; line: string } | null = null
  let at = bodyFrom
  while (at <= masked.length) {
    const end = masked.indexOf('\n', at)
    const lineTo = end === -1 ? masked.length : end
    const line = masked.slice(at, lineTo)
    const atx = ATX.exec(line)
    const setext = SETEXT.exec(line)
    if (atx) {
      const markerFrom = at + atx[1].length
      out.push({ level: atx[2].length, from: at, to: lineTo, marker: { from: markerFrom, to: markerFrom + atx[2].length } })
    } else if (setext && previous && !NOT_PARAGRAPH.test(previous.line)) {
      out.push({ level: setext[1][0] === '=' ? 1 : 2, from: previous.from, to: lineTo })
    }
    previous = { from: at, to: lineTo, line }
    if (end === -1) break
    at = end + 1
  }
  for (const tag of source.htmlTags) {
    const level = /^h([1-6])$/.exec(tag.tag)
    if (level) out.push({ level: Number(level[1]), from: tag.from, to: tag.to })
  }
  return out.sort((a, b) => a.from - b.from)
}

const cache = new WeakMap<CheckInput, LocatedHeading[]>()

/**
 * Every heading (h1–h6) of the parsed post's body in document order, with its id and text from
 * the tree and its place from the source: the tree's headings are matched in order to the
 * source's headings of the same level. A heading whose place is not found points at the body start.
 */
export function locateHeadings(input: CheckInput): LocatedHeading[] {
  const cached = cache.get(input)
  if (cached) return cached
  const body = input.outcome.parsed?.body
  const bodyFrom = postSource(input).bodyFrom
  const candidates = sourceHeadings(input)
  const headings: LocatedHeading[] = []
  let cursor = 0
  for (const element of treeElements(body?.children)) {
    const level = /^h([1-6])$/.exec(element.tag)
    if (!level) continue
    const depth = Number(level[1])
    const base = { level: depth, id: typeof element.props?.id === 'string' ? element.props.id : '', text: nodeText(element).trim() }
    let index = cursor
    while (index < candidates.length && candidates[index].level !== depth) index++
    if (index < candidates.length) {
      const found = candidates[index]
      cursor = index + 1
      headings.push({ ...base, from: found.from, to: found.to, ...(found.marker ? { marker: found.marker } : {}), located: true })
      continue
    }
    const after = headings.length ? headings[headings.length - 1].to : bodyFrom
    const at = base.text ? input.text.indexOf(base.text, after) : -1
    headings.push(at === -1 ? { ...base, from: bodyFrom, to: bodyFrom, located: false } : { ...base, from: at, to: at + base.text.length, located: true })
  }
  cache.set(input, headings)
  return headings
}
