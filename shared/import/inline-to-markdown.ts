import mdurl from 'mdurl'
import type { MinimarkElement, MinimarkNode } from '../parser'
import { isHtmlTagName } from '../parser/html-tag-names'
import { mdcAttributes } from './mdc-attributes'
import { closeTag, minimarkToHtml, openTag } from './minimark-to-html'
import { levelOf, type RenderContext } from './render-context'

/** Where an inline run sits in its block. */
export interface InlinePlace {
  /** The run starts a line (block start): block markers at its start must be escaped. */
  atBlockStart: boolean
  /** The run ends the block: trailing whitespace would be stripped and must be encoded. */
  atBlockEnd: boolean
}

const FOOTNOTE_HREF = /^#user-content-fn-(.+)$/
const ALPHANUMERIC = /[\p{L}\p{N}]/u
const WHITESPACE = /\s/u
const PUNCTUATION = /[\p{P}\p{S}]/u
const ENTITY_LIKE = /^&(#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);/
const ALWAYS_ESCAPED = new Set(['\\', '`', '*', '[', ']', '<', '{', '}', '~', '|'])
const LINE_START_ESCAPED = new Set(['#', '>', '-', '+', '=', ':'])

/** Whether a mdast link would get `rel="nofollow"` from rehype-external-links on the site. */
function isExternalHref(href: string): boolean {
  if (/^[a-zA-Z][a-zA-Z\d+\-.]*?:/.test(href) && !/^[a-zA-Z]:\\/.test(href)) {
    const protocol = href.slice(0, href.indexOf(':'))
    return protocol === 'http' || protocol === 'https'
  }
  return href.startsWith('//')
}

/** Spaces and tabs at a line start or end are stripped by markdown: write them as character references. */
function encodeWhitespace(run: string): string {
  return run.replace(/ /g, '&#32;').replace(/\t/g, '&#9;')
}

/**
 * Escapes text so markdown/MDC/GFM read it back as the same text: punctuation that could open a
 * construct is backslash-escaped, block markers at a line start too, and whitespace the parser
 * would strip is written as character references.
 */
function escapeMarkdownText(value: string, atLineStart: boolean, atBlockEnd: boolean, context: RenderContext): string {
  const chars = [...value]
  let out = ''
  let lineStart = atLineStart
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]
    const prev = chars[i - 1]
    const next = chars[i + 1]
    if (c === '\n') {
      out = out.replace(/[ \t]+$/, encodeWhitespace) + '\n'
      lineStart = true
      continue
    }
    if (lineStart) {
      lineStart = false
      if (c === ' ' || c === '\t') {
        out += encodeWhitespace(c)
        continue
      }
      if (LINE_START_ESCAPED.has(c)) {
        out += '\\' + c
        continue
      }
      const ordered = /^\d{1,9}[.)]/.exec(chars.slice(i, i + 11).join(''))
      if (ordered) {
        out += ordered[0].slice(0, -1) + '\\' + ordered[0].slice(-1)
        i += ordered[0].length - 1
        continue
      }
    }
    if (ALWAYS_ESCAPED.has(c)) out += '\\' + c
    else if (c === '_') out += prev && next && ALPHANUMERIC.test(prev) && ALPHANUMERIC.test(next) ? c : '\\_'
    else if (c === '&') out += ENTITY_LIKE.test(chars.slice(i, i + 40).join('')) ? '\\&' : c
    else if (c === ':') out += next && /[A-Za-z]/.test(next) && !(prev && ALPHANUMERIC.test(prev)) ? '\\:' : c
    else if (c === '#' && context.inHeading) out += '\\#'
    else out += c
  }
  if (atBlockEnd) out = out.replace(/[ \t]+$/, encodeWhitespace)
  return out
}

function textOf(node: MinimarkElement): string | undefined {
  if (node.children.length === 0) return ''
  if (node.children.length === 1 && node.children[0].type === 'text') return node.children[0].value
  return undefined
}

function propsWithout(props: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(props)) if (!keys.includes(key)) out[key] = value
  return out
}

/** A link destination markdown reads back as exactly `url` (after the site's `mdurl.encode`). */
function linkDestination(url: string): string | undefined {
  if (mdurl.encode(url) !== url) return undefined
  const escaped = url.replace(/\\/g, '\\\\').replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
  let depth = 0
  let balanced = true
  for (const c of url) {
    if (c === '(') depth++
    if (c === ')' && --depth < 0) balanced = false
  }
  if (url === '' || /[\s<>]/.test(url) || !balanced || depth !== 0) return `<${escaped.replace(/[<>]/g, '\\$&')}>`
  return escaped
}

function linkTitle(title: unknown): string | undefined {
  if (title === undefined) return ''
  if (typeof title !== 'string') return undefined
  return ` "${title.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

/** A local link to a `.md` file is rewritten by the site into a page path: such an href cannot come from markdown. */
function wouldBeRewritten(href: string): boolean {
  const target = href.replace(/#.+$/, '')
  const local = !/^[a-zA-Z][a-zA-Z\d+\-.]*:/.test(href) || (!/^https?/.test(href) && !href.startsWith('/'))
  return target.endsWith('.md') && local
}

function rawWithMarkdownInside(node: MinimarkElement, context: RenderContext): string {
  return openTag(node) + inlineToMarkdown(node.children, context, { atBlockStart: false, atBlockEnd: false }) + closeTag(node)
}

function linkToMarkdown(node: MinimarkElement, context: RenderContext): string | undefined {
  const { href, title, rel } = node.props as { href?: unknown; title?: unknown; rel?: unknown }
  if (typeof href !== 'string' || wouldBeRewritten(href) || context.inLink) return undefined
  const external = isExternalHref(href)
  if (external ? JSON.stringify(rel) !== '["nofollow"]' : rel !== undefined) return undefined
  const attributes = mdcAttributes(propsWithout(node.props, 'href', 'title', 'rel'))
  const titlePart = linkTitle(title)
  const destination = linkDestination(href)
  if (attributes === undefined || titlePart === undefined || destination === undefined) return undefined
  const text = textOf(node)
  if (text === href && !titlePart && !attributes && /^https?:\/\/[\w\-.~:/?#@!$'()*+,;=%]+$/.test(href)) return `<${href}>`
  const inner = inlineToMarkdown(node.children, { ...context, inLink: true }, { atBlockStart: false, atBlockEnd: false })
  return `[${inner}](${destination}${titlePart})${attributes}`
}

function imageToMarkdown(node: MinimarkElement): string | undefined {
  const { src, alt, title } = node.props as { src?: unknown; alt?: unknown; title?: unknown }
  if (typeof src !== 'string' || typeof alt !== 'string' || node.children.length) return undefined
  const attributes = mdcAttributes(propsWithout(node.props, 'src', 'alt', 'title'))
  const titlePart = linkTitle(title)
  const destination = linkDestination(src)
  if (attributes === undefined || titlePart === undefined || destination === undefined || alt.includes('\n')) return undefined
  const altText = alt.replace(/[\\[\]`*_<{}~|&!]/g, '\\$&')
  return `![${altText}](${destination}${titlePart})${attributes}`
}

function codeInlineToMarkdown(node: MinimarkElement, context: RenderContext): string | undefined {
  const code = textOf(node)
  const attributes = mdcAttributes(node.props)
  if (code === undefined || code === '' || code.includes('\n') || attributes === undefined) return undefined
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map(run => run.length))
  const fence = '`'.repeat(longest + 1)
  const pad = code.startsWith('`') || code.endsWith('`') || (code.startsWith(' ') && code.endsWith(' ') && code.trim() !== '') ? ' ' : ''
  const body = context.inTable ? code.replace(/\|/g, '\\|') : code
  return fence + pad + body + pad + fence + attributes
}

function componentName(tag: string): boolean {
  return /^[A-Za-z][\w-]*[A-Za-z0-9_]$|^[A-Za-z]$/.test(tag) && !isHtmlTagName(tag)
}

/** `:name[content]{attrs}` for an inline component. */
function inlineComponentToMarkdown(node: MinimarkElement, context: RenderContext): string | undefined {
  const attributes = mdcAttributes(node.props)
  if (attributes === undefined || !componentName(node.tag)) return undefined
  const content = node.children.length ? `[${inlineToMarkdown(node.children, context, { atBlockStart: false, atBlockEnd: false })}]` : ''
  return `:${node.tag}${content}${attributes}`
}

function spanToMarkdown(node: MinimarkElement, context: RenderContext): string | undefined {
  const attributes = mdcAttributes(node.props)
  if (attributes === undefined) return undefined
  return `[${inlineToMarkdown(node.children, context, { atBlockStart: false, atBlockEnd: false })}]${attributes}`
}

const DELIMITERS: Record<string, string> = { strong: '**', em: '*', del: '~~' }

/** A rendered piece of an inline run; `delimiter` marks an emphasis-like piece whose flanking is checked afterwards. */
interface Piece {
  text: string
  node: MinimarkNode
  delimiter?: string
  inner?: string
  attributes?: string
}

function isFootnoteReference(node: MinimarkElement): boolean {
  const link = node.children[0]
  return node.tag === 'sup' && node.children.length === 1 && link.type === 'element' && link.tag === 'a' &&
    typeof link.props.href === 'string' && FOOTNOTE_HREF.test(link.props.href) && link.props.dataFootnoteRef === true
}

/** The natural markdown/MDC form of an inline element, or undefined when it has none. */
function naturalPiece(node: MinimarkElement, next: MinimarkNode | undefined, context: RenderContext): Piece | undefined {
  const simple = (text: string | undefined): Piece | undefined => (text === undefined ? undefined : { text, node })
  switch (node.tag) {
    case 'strong':
    case 'em':
    case 'del': {
      const attributes = node.tag === 'del' ? (Object.keys(node.props).length ? undefined : '') : mdcAttributes(node.props)
      if (attributes === undefined || node.children.length === 0) return undefined
      const inner = inlineToMarkdown(node.children, context, { atBlockStart: false, atBlockEnd: false })
      const delimiter = DELIMITERS[node.tag]
      return { text: delimiter + inner + delimiter + attributes, node, delimiter, inner, attributes }
    }
    case 'a':
      return simple(linkToMarkdown(node, context))
    case 'img':
      return simple(imageToMarkdown(node))
    case 'code-inline':
      return simple(codeInlineToMarkdown(node, context))
    case 'br':
      if (Object.keys(node.props).length || node.children.length || context.inTable || context.inHeading) return undefined
      if (next && (next.type === 'element' || next.value.startsWith('\n'))) return { text: next.type === 'element' ? '\\\n' : '\\', node }
      return undefined
    case 'span':
      return simple(spanToMarkdown(node, context))
    case 'sup': {
      if (!isFootnoteReference(node)) return undefined
      const href = (node.children[0] as MinimarkElement).props.href as string
      return { text: `[^${decodeURIComponent(FOOTNOTE_HREF.exec(href)?.[1] ?? '')}]`, node }
    }
    default:
      return isHtmlTagName(node.tag) ? undefined : simple(inlineComponentToMarkdown(node, context))
  }
}

/** Inline HTML for an element: its tags as HTML, its content still as markdown (`<code>` for code-inline). */
function rawPiece(node: MinimarkElement, context: RenderContext): Piece {
  if (node.tag === 'code-inline') {
    const attributes = openTag(node).slice('<code-inline'.length)
    return { text: `<code${attributes}${inlineToMarkdown(node.children, context, { atBlockStart: false, atBlockEnd: false })}</code>`, node }
  }
  if (node.tag === 'img' || node.tag === 'br' || node.tag === 'input' || !node.children.length) return { text: minimarkToHtml([node]), node }
  return { text: rawWithMarkdownInside(node, context), node }
}

/** Renders one inline element at its planned level: 0 = natural markdown/MDC, 1 = inline HTML tags. */
function elementPiece(node: MinimarkElement, next: MinimarkNode | undefined, context: RenderContext): Piece {
  const level = levelOf(context, node)
  const natural = level === 0 ? naturalPiece(node, next, context) : undefined
  context.consulted.set(node, natural !== undefined)
  return natural ?? rawPiece(node, context)
}

const isWhitespace = (c: string | undefined) => c === undefined || WHITESPACE.test(c)
const isPunctuation = (c: string | undefined) => c !== undefined && PUNCTUATION.test(c)
const leftFlanking = (before: string | undefined, after: string | undefined) =>
  !isWhitespace(after) && (!isPunctuation(after) || isWhitespace(before) || isPunctuation(before))
const rightFlanking = (before: string | undefined, after: string | undefined) =>
  !isWhitespace(before) && (!isPunctuation(before) || isWhitespace(after) || isPunctuation(after))

/** Emphasis whose delimiters would not open/close where they stand is written as HTML tags instead. */
function fixFlanking(pieces: Piece[], context: RenderContext): void {
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]
    if (!piece.delimiter || piece.inner === undefined) continue
    const before = i > 0 ? pieces[i - 1].text.slice(-1) : undefined
    const after = i + 1 < pieces.length ? pieces[i + 1].text[0] : undefined
    const first = piece.inner[0]
    const last = piece.inner.slice(-1)
    const closeAfter = piece.attributes ? '{' : after
    if (!leftFlanking(before, first) || !rightFlanking(last, closeAfter) || piece.inner.endsWith('\\')) {
      piece.text = rawWithMarkdownInside(piece.node as MinimarkElement, context)
    }
  }
}

/**
 * Writes inline minimark nodes (text, emphasis, code, links, images, spans, MDC inline components,
 * footnote references, inline HTML) as markdown, falling back to inline HTML tags per node.
 */
export function inlineToMarkdown(nodes: MinimarkNode[], context: RenderContext, place: InlinePlace): string {
  const pieces: Piece[] = []
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]
    const next = nodes[i + 1]
    if (node.type === 'text') {
      const previous = pieces[pieces.length - 1]
      const lineStart = previous ? previous.text.endsWith('\n') : place.atBlockStart
      const blockEnd = (i === nodes.length - 1 && place.atBlockEnd) || (next?.type === 'element' && next.tag === 'br')
      const separator = previous && previous.node.type === 'text' ? '<!-- -->' : ''
      pieces.push({ text: separator + escapeMarkdownText(node.value, lineStart, blockEnd, context), node })
    } else if (node.type === 'element') {
      pieces.push(elementPiece(node, next, context))
    }
  }
  fixFlanking(pieces, context)
  // An inline component, span or emphasis followed by a word character would swallow it (`:name`) or
  // read it as its attributes (`{`): separate them with an empty attribute list.
  for (let i = 0; i + 1 < pieces.length; i++) {
    const node = pieces[i].node
    if (node.type !== 'element') continue
    const nextChar = pieces[i + 1].text[0] ?? ''
    const isComponent = !isHtmlTagName(node.tag) && pieces[i].text.startsWith(':')
    const isSpan = node.tag === 'span' && pieces[i].text.startsWith('[')
    if ((isComponent && /[\w\-[{]/.test(nextChar) && !pieces[i].text.endsWith('}')) || (isSpan && /[([{:]/.test(nextChar) && !pieces[i].text.endsWith('}'))) {
      pieces[i].text += '{}'
    }
  }
  return pieces.map(piece => piece.text).join('')
}
