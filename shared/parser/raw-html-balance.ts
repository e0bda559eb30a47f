/** Elements with no end tag. */
const VOID = new Set(['area', 'br', 'col', 'embed', 'hr', 'img', 'input', 'source', 'track', 'wbr', 'link', 'meta', 'param'])

/**
 * Elements whose tags the HTML parser handles without implied ends, reconstruction or special
 * insertion modes when they are written properly nested (`a` and `p` too, checked further: no `a`
 * in an `a`, nothing that closes a `p` inside one). Anything else (tables, lists' `li`, forms,
 * raw-text elements, templates, foreign content, document-level tags, …) makes a section's raw
 * HTML count as possibly reaching into the next section.
 */
const PLAIN = new Set([
  'div', 'span', 'figure', 'figcaption', 'picture', 'video', 'audio', 'section', 'article', 'aside', 'header', 'footer',
  'nav', 'main', 'details', 'summary', 'blockquote', 'center', 'sup', 'sub', 'b', 'i', 'em', 'strong', 'u', 's', 'small',
  'mark', 'code', 'kbd', 'samp', 'var', 'abbr', 'cite', 'q', 'del', 'ins', 'dfn', 'time', 'bdi', 'bdo', 'big', 'tt', 'strike',
  'font', 'address', 'hgroup', 'menu', 'dialog', 'search', 'data', 'label', 'output', 'meter', 'progress', 'map', 'a', 'p',
])

/** Start tags that close an open `<p>` (so a `<p>` holding one is not self-contained). */
const CLOSES_P = new Set([
  'div', 'figure', 'figcaption', 'section', 'article', 'aside', 'header', 'footer', 'nav', 'main', 'details', 'summary',
  'blockquote', 'center', 'address', 'hgroup', 'menu', 'dialog', 'search', 'p', 'hr',
])

// a tag with its attributes (quoted values may hold `>`), a comment, or any other markup declaration
const TOKEN = /<!--[\s\S]*?-->|<(\/?)([A-Za-z][A-Za-z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<[!?/]/g

/**
 * Whether the top-level raw HTML of a section (the values of its HTML blocks, in order) leaves the
 * HTML parser where it found it: every element is a {@link PLAIN} or void one, properly nested and
 * closed, comments are closed, and there is no doctype, processing instruction or CDATA. Only then
 * can the section's raw HTML be parsed on its own with the same result as inside the whole post
 * (rehype-raw parses the root's raw HTML as one stream; elements' own children are parsed apart).
 * A conservative guard: false whenever in doubt.
 */
export function rawHtmlIsSelfContained(values: readonly string[]): boolean {
  const open: string[] = []
  for (const value of values) {
    TOKEN.lastIndex = 0
    for (let match = TOKEN.exec(value); match; match = TOKEN.exec(value)) {
      if (match[0].startsWith('<!--')) continue
      const name = match[2]?.toLowerCase()
      if (!name) return false // `<!doctype`, `<?`, `<![CDATA[`, an unterminated comment or a stray `</`
      if (!match[1] && CLOSES_P.has(name) && open.includes('p')) return false
      if (VOID.has(name)) {
        if (match[1]) return false // `</br>` and the like become elements
        continue
      }
      if (!PLAIN.has(name)) return false
      if (!match[1] && name === 'a' && open.includes('a')) return false
      if (match[1]) {
        if (open.pop() !== name) return false
      } else if (!/\/\s*$/.test(match[3])) {
        open.push(name)
      } else {
        return false // `<div/>` is not self-closing in HTML
      }
    }
  }
  return open.length === 0
}
