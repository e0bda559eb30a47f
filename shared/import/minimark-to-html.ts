import type { MinimarkElement, MinimarkNode } from '../parser'

/** Elements HTML writes without a closing tag. */
const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr'])
/** Containers whose closing tag goes on its own line when their content starts on a new line (the line end is dropped again). */
const PRETTY_CONTAINERS = new Set(['article', 'aside', 'details', 'div', 'dl', 'figure', 'footer', 'header', 'main', 'nav', 'section'])
/** Elements whose text HTML does not decode (no entities, no escaping). */
const RAW_TEXT_ELEMENTS = new Set(['script', 'style'])
/** hast property names that are not just the lower-cased attribute name. */
const SPECIAL_ATTRIBUTE_NAMES: Record<string, string> = {
  className: 'class',
  htmlFor: 'for',
  httpEquiv: 'http-equiv',
  acceptCharset: 'accept-charset',
}
/** Array-valued properties that HTML writes comma-separated (the rest are space-separated). */
const COMMA_SEPARATED = new Set(['accept', 'coords', 'sizes', 'srcSet'])

/** The HTML attribute a hast property name comes from: `className` → `class`, `ariaHidden` → `aria-hidden`. */
function attributeName(prop: string): string {
  if (SPECIAL_ATTRIBUTE_NAMES[prop]) return SPECIAL_ATTRIBUTE_NAMES[prop]
  if (/^(aria|data)[A-Z0-9]/.test(prop)) return prop.replace(/[A-Z]/g, letter => `-${letter.toLowerCase()}`)
  return /[:-]/.test(prop) ? prop : prop.toLowerCase()
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/\n/g, '&#10;')
}

/** ` name="value"` for each prop, in the props' own order (HTML keeps attribute order); `false`/`null` props are left out. */
function htmlAttributes(props: Record<string, unknown>): string {
  let out = ''
  for (const [prop, value] of Object.entries(props)) {
    if (value === false || value === null || value === undefined) continue
    const name = attributeName(prop)
    if (value === true) out += ` ${name}`
    else if (Array.isArray(value)) out += ` ${name}="${escapeAttribute(value.join(COMMA_SEPARATED.has(prop) ? ',' : ' '))}"`
    else out += ` ${name}="${escapeAttribute(typeof value === 'string' ? value : JSON.stringify(value))}"`
  }
  return out
}

/** `<tag attrs>` for an element. */
export function openTag(node: MinimarkElement): string {
  return `<${node.tag}${htmlAttributes(node.props ?? {})}>`
}

/** `</tag>`, or nothing for a void element. */
export function closeTag(node: MinimarkElement): string {
  return VOID_ELEMENTS.has(node.tag) ? '' : `</${node.tag}>`
}

/**
 * HTML text: `&`, `<`, `>` escaped, and every line end that would leave a blank line (which ends a
 * markdown HTML block) written as `&#10;`; `singleLine` writes every line end that way.
 */
function escapeHtmlText(value: string, singleLine = false): string {
  const escaped = value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  return singleLine ? escaped.replace(/\n/g, '&#10;') : escaped.replace(/\n(?=[ \t]*\n)/g, '&#10;')
}

/**
 * Serialises minimark nodes as HTML that parse5 (the site's raw-HTML step) turns back into the same
 * elements: attributes in the props' order, text escaped, no line end that would end an HTML block.
 */
export function minimarkToHtml(nodes: MinimarkNode[], singleLine = false, rawText = false): string {
  let out = ''
  for (const node of nodes) {
    if (node.type === 'text') {
      out += rawText ? node.value : escapeHtmlText(node.value, singleLine)
      continue
    }
    if (node.type !== 'element') continue
    const inner = minimarkToHtml(node.children ?? [], singleLine, RAW_TEXT_ELEMENTS.has(node.tag))
    // parse5 drops one line end right after <pre>/<textarea>: keep a leading one by doubling it
    const lead = (node.tag === 'pre' || node.tag === 'textarea') && inner.startsWith('\n') ? '\n' : ''
    const first = node.children[0]
    const last = node.children[node.children.length - 1]
    const pretty = !singleLine && PRETTY_CONTAINERS.has(node.tag) && first?.type === 'text' && first.value.startsWith('\n') && last?.type === 'element'
    out += openTag(node) + lead + inner + (pretty ? '\n' : '') + closeTag(node)
  }
  return out
}
