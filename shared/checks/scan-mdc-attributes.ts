import { readAttributes, type SourceAttribute } from './scan-html-tags'

/** An MDC attribute block `{…}` as written in the post, with the component it belongs to. */
export interface MdcAttributeBlock {
  /** Lower-cased component name for `:name{…}` / `::name{…}`; `span` for `[text]{…}`, `a` for a link's `[a](b){…}`. */
  component: string
  /** Offsets from the component's first `:` (or the `{`) through the closing `}`. */
  from: number
  to: number
  attributes: SourceAttribute[]
}

/** `:name{` or `::name{` (component) or `]{` / `){` (span, link, image attributes). */
const BLOCK_OPEN = /(?:(:{1,}[A-Za-z][\w-]*)|[\])])\{/g
/** A component without an attribute block: `::iframe` on its own line, `:iframe` inline. */
const BARE_COMPONENT = /(?:^|[^\w:])(:{1,}[A-Za-z][\w-]*)(?![\w{-])/g

/**
 * Every MDC attribute block in `masked` (code blanked), read from `text`: `:img{src="…"}`,
 * `::alert{type="x" onclick="…"}`, `[link](url){target="_blank"}`. Attributes use the same
 * `name="value"` syntax as HTML (`.class` and `#id` shorthands come back as bare names).
 * Components written without a block (`::iframe`) come back with no attributes.
 */
export function scanMdcAttributes(text: string, masked: string): MdcAttributeBlock[] {
  const blocks: MdcAttributeBlock[] = []
  BLOCK_OPEN.lastIndex = 0
  for (let match = BLOCK_OPEN.exec(masked); match; match = BLOCK_OPEN.exec(masked)) {
    const braceAt = match.index + match[0].length - 1
    const lineEnd = masked.indexOf('\n', braceAt)
    const { attributes, end } = readAttributes(text, masked, braceAt + 1, '}', lineEnd === -1 ? masked.length : lineEnd)
    if (end === -1) continue
    const component = match[1] ? match[1].replace(/^:+/, '').toLowerCase() : match[0][0] === ']' ? 'span' : 'a'
    blocks.push({ component, from: match[1] ? match.index : braceAt, to: end + 1, attributes })
    BLOCK_OPEN.lastIndex = end + 1
  }
  BARE_COMPONENT.lastIndex = 0
  for (let match = BARE_COMPONENT.exec(masked); match; match = BARE_COMPONENT.exec(masked)) {
    const from = match.index + match[0].length - match[1].length
    // `a:b` in prose or `https://x` never start a component: MDC needs a space, a line start or punctuation before the colon
    if (from > 0 && /[\p{L}\p{N}/]/u.test(masked[from - 1])) continue
    blocks.push({ component: match[1].replace(/^:+/, '').toLowerCase(), from, to: from + match[1].length, attributes: [] })
  }
  return blocks.sort((a, b) => a.from - b.from)
}
