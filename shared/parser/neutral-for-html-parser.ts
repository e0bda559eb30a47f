/** What the check needs of a hast node. */
interface HastNode {
  type: string
  tagName?: string
  children?: HastNode[]
  value?: string
}

// Start tags the HTML parser (parse5, "in body") treats as more than "insert this element here".
// Elements named so are checked against their ancestors; any doubt counts as not neutral.
const CLOSES_A_P = new Set(['address', 'article', 'aside', 'blockquote', 'center', 'details', 'dialog', 'dir', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'header', 'hgroup', 'main', 'menu', 'nav', 'ol', 'p', 'section', 'summary', 'ul', 'pre', 'listing', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'dd', 'dt', 'button', 'hr', 'table'])
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'])
const VOID = new Set(['area', 'br', 'embed', 'img', 'input', 'keygen', 'wbr', 'param', 'source', 'track', 'hr'])
// Change the parser's mode, its tokenizer, the document, or are dropped/renamed in a body.
const NEVER_NEUTRAL = new Set(['html', 'head', 'body', 'frameset', 'frame', 'template', 'svg', 'math', 'select', 'option', 'optgroup', 'textarea', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'script', 'style', 'title', 'plaintext', 'base', 'basefont', 'bgsound', 'link', 'meta', 'image', 'isindex', 'rb', 'rtc', 'rp', 'rt', 'caption', 'col', 'colgroup', 'tfoot', 'menuitem'])
// Where the scopes of "has a p in button scope" and friends stop.
const SCOPE_BOUNDARIES = new Set(['applet', 'caption', 'html', 'table', 'td', 'th', 'marquee', 'object', 'template'])
// "Special" elements in the sense of the list item rules (which stop the search for an open li/dd/dt).
const SPECIAL = new Set(['address', 'applet', 'area', 'article', 'aside', 'base', 'basefont', 'bgsound', 'blockquote', 'body', 'br', 'button', 'caption', 'center', 'col', 'colgroup', 'dd', 'details', 'dir', 'div', 'dl', 'dt', 'embed', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'frame', 'frameset', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hgroup', 'hr', 'html', 'iframe', 'img', 'input', 'li', 'link', 'listing', 'main', 'marquee', 'menu', 'meta', 'nav', 'noembed', 'noframes', 'noscript', 'object', 'ol', 'p', 'param', 'plaintext', 'pre', 'script', 'section', 'select', 'source', 'style', 'summary', 'table', 'tbody', 'td', 'template', 'textarea', 'tfoot', 'th', 'thead', 'title', 'tr', 'track', 'ul', 'wbr', 'xmp'])
const FORMATTING_MARKERS = new Set(['applet', 'marquee', 'object', 'template', 'td', 'th', 'caption'])

function hasInScope(ancestors: readonly HastNode[], tag: string, extraBoundary?: string): boolean {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const name = ancestors[i].tagName
    if (name === tag) return true
    if (name && (SCOPE_BOUNDARIES.has(name) || name === extraBoundary)) return false
  }
  return false
}

function isWhitespaceText(node: HastNode): boolean {
  return node.type === 'text' && /^[ \t\n\f\r]*$/.test(node.value ?? '')
}

/** A table exactly as markdown makes it: table > thead/tbody > tr > th/td, with only whitespace between. */
function isMarkdownTableChild(node: HastNode, parent: HastNode | undefined): boolean {
  const name = node.tagName
  const parentName = parent?.tagName
  if (name === 'thead' || name === 'tbody') return parentName === 'table' && (node.children ?? []).every(c => isWhitespaceText(c) || c.tagName === 'tr')
  if (name === 'tr') return (parentName === 'thead' || parentName === 'tbody') && (node.children ?? []).every(c => isWhitespaceText(c) || c.tagName === 'th' || c.tagName === 'td')
  return parentName === 'tr' // th, td
}

function closesAListItem(ancestors: readonly HastNode[], items: ReadonlySet<string>): boolean {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const name = ancestors[i].tagName ?? ''
    if (items.has(name)) return true
    if (SPECIAL.has(name) && name !== 'address' && name !== 'div' && name !== 'p') return false
  }
  return false
}

function hasFormattingAncestor(ancestors: readonly HastNode[], tag: string): boolean {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const name = ancestors[i].tagName ?? ''
    if (name === tag) return true
    if (FORMATTING_MARKERS.has(name)) return false
  }
  return false
}

/**
 * Whether the HTML parser (parse5, as hast-util-raw drives it with one start tag, the children and
 * one end tag per element) would insert this element just where it is, with its children in it,
 * changing nothing around it: not an element that closes an open `p`, list item, heading, link or
 * button among its `ancestors`, not a void element with children, not a table part outside a
 * markdown-shaped table, not one that switches the parser's mode (html, body, svg, select,
 * textarea, …). Elements from MDC components can be named anything and sit anywhere, so the raw
 * HTML fast path asks this of every element and leaves any post with a non-neutral one to the
 * real parser. `ancestors` are the element's ancestors, the nearest last.
 */
export function neutralForHtmlParser(node: HastNode, ancestors: readonly HastNode[]): boolean {
  const name = node.tagName ?? ''
  const parent = ancestors[ancestors.length - 1]
  if (NEVER_NEUTRAL.has(name)) return false
  if (VOID.has(name) && node.children?.length) return false
  if (name === 'table') return !hasInScope(ancestors, 'p', 'button') && (node.children ?? []).every(c => isWhitespaceText(c) || c.tagName === 'thead' || c.tagName === 'tbody')
  if (name === 'thead' || name === 'tbody' || name === 'tr' || name === 'td' || name === 'th') return isMarkdownTableChild(node, parent)
  if (CLOSES_A_P.has(name) && hasInScope(ancestors, 'p', 'button')) return false
  if (HEADINGS.has(name) && HEADINGS.has(parent?.tagName ?? '')) return false
  if ((name === 'pre' || name === 'listing') && node.children?.[0]?.type === 'text' && (node.children[0].value ?? '').startsWith('\n')) return false
  if (name === 'li' && closesAListItem(ancestors, new Set(['li']))) return false
  if ((name === 'dd' || name === 'dt') && closesAListItem(ancestors, new Set(['dd', 'dt']))) return false
  if (name === 'form' && ancestors.some(a => a.tagName === 'form')) return false
  if (name === 'button' && hasInScope(ancestors, 'button')) return false
  if (name === 'a' && hasFormattingAncestor(ancestors, 'a')) return false
  if (name === 'nobr' && hasInScope(ancestors, 'nobr')) return false
  return true
}
