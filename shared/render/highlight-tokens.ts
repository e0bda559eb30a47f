import type { MinimarkElement, MinimarkNode } from '../parser/parse-types'

/** One coloured piece of a highlighted code line: its text and its colours (checked `#hex` values only). */
export interface HighlightToken {
  text: string
  light?: string
  dark?: string
}

/** The colours of each `ct-…` class of a site highlighted by Nuxt Content 2.7 (shiki-es), light and dark. */
export type TokenClassColors = Map<string, { light?: string; dark?: string }>

const HEX = /^#[0-9a-fA-F]{3,8}$/

function hex(value: string | undefined): string | undefined {
  const v = value?.trim()
  return v && HEX.test(v) ? v : undefined
}

/**
 * Reads the colours out of the `<style>` a 2.7 site appends to a highlighted post
 * (`.ct-123{color:#D73A49;}` and `.dark .ct-123{color:#F97583;}`). Anything else in it is ignored:
 * the preview never applies a post's CSS, only these checked colours.
 */
export function tokenClassColors(css: string): TokenClassColors {
  const colors: TokenClassColors = new Map()
  for (const match of css.matchAll(/(^|\})\s*(\.dark\s+)?\.(ct-[A-Za-z0-9_-]+)\s*\{\s*color\s*:\s*([^;}]+);?\s*(?=\})/g)) {
    const value = hex(match[4])
    if (!value) continue
    const entry = colors.get(match[3]) ?? {}
    if (match[2]) entry.dark = value
    else entry.light = value
    colors.set(match[3], entry)
  }
  return colors
}

/** The text of the style elements at the top of a parsed body (where the site's highlighter puts its CSS). */
export function highlightCssOf(children: MinimarkNode[]): string {
  return children
    .filter((c): c is MinimarkElement => c.type === 'element' && c.tag === 'style')
    .map((c) => c.children.map((t) => (t.type === 'text' ? t.value : '')).join(''))
    .join('\n')
}

function textOf(node: MinimarkNode): string {
  return node.type === 'text' ? node.value : node.children.map(textOf).join('')
}

function tokenOf(node: MinimarkNode, classes: TokenClassColors): HighlightToken {
  if (node.type === 'text') return { text: node.value }
  const text = textOf(node)
  const className = typeof node.props.class === 'string' ? node.props.class : Array.isArray(node.props.class) ? node.props.class.join(' ') : ''
  for (const name of className.split(/\s+/)) {
    const colors = classes.get(name)
    if (colors) return { text, ...colors }
  }
  const style = typeof node.props.style === 'string' ? node.props.style : ''
  const declared = new Map<string, string>()
  for (const part of style.split(';')) {
    const at = part.indexOf(':')
    if (at > 0) declared.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim())
  }
  const light = hex(declared.get('--shiki-default') ?? declared.get('--shiki-light') ?? declared.get('color'))
  const dark = hex(declared.get('--shiki-dark'))
  return { text, ...(light ? { light } : {}), ...(dark ? { dark } : {}) }
}

/**
 * The highlighted lines of a code block as the site's highlighter left them in the parsed tree
 * (`pre > code > span.line > span…`, 2.7's `ct-` classes or 2.13's `--shiki-*` colours), or null
 * when the block is not highlighted (plain text). The preview draws these tokens itself: no class,
 * style or markup from the post reaches the page.
 */
export function highlightedLines(codeBlock: MinimarkElement, classes: TokenClassColors = new Map()): HighlightToken[][] | null {
  const pre = codeBlock.tag === 'pre' ? codeBlock : codeBlock.children.find((c): c is MinimarkElement => c.type === 'element' && c.tag === 'pre')
  const code = pre?.children.find((c): c is MinimarkElement => c.type === 'element' && c.tag === 'code')
  if (!code) return null
  const lines = code.children.filter((c): c is MinimarkElement => c.type === 'element' && c.tag === 'span')
  if (lines.length === 0) return null
  return lines.map((line) => line.children.map((node) => tokenOf(node, classes)).map((t) => ({ ...t, text: t.text.replace(/\n$/, '') })).filter((t) => t.text !== ''))
}
