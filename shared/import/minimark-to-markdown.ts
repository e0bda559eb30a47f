import type { MinimarkElement, MinimarkNode } from '../parser'
import { parseCodeFenceInfo } from '../parser/handlers/code-fence-info'
import { isHtmlTagName } from '../parser/html-tag-names'
import { inlineToMarkdown } from './inline-to-markdown'
import { mdcAttributes, mdcYamlProps } from './mdc-attributes'
import { closeTag, minimarkToHtml, openTag } from './minimark-to-html'
import { levelOf, type RenderContext } from './render-context'

/** Tags that are block constructs in markdown (everything else in a block position is inline or HTML). */
const MARKDOWN_BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'blockquote', 'table', 'hr', 'code'])
/** CommonMark HTML block kind 1 (ends at its closing tag) and kind 6 (ends at a blank line) tag names. */
const HTML_BLOCK_RAW = new Set(['script', 'pre', 'style', 'textarea'])
const HTML_BLOCK_NAMES = new Set(
  `address article aside base basefont blockquote body caption center col colgroup dd details dialog dir div dl dt
  fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html iframe legend li link
  main menu menuitem nav noframes ol optgroup option p param search section summary table tbody td tfoot th thead
  title tr track ul`.split(/\s+/),
)
const VALID_OPEN_TAG_LINE = /^<[A-Za-z][A-Za-z0-9-]*(\s+[A-Za-z_:][\w.:-]*(\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>$/

/** Whether a node is a block in markdown terms: a markdown block, an MDC block component or an HTML element holding blocks. */
export function isBlockNode(node: MinimarkNode): boolean {
  if (node.type !== 'element') return false
  if (MARKDOWN_BLOCKS.has(node.tag) || node.tag === 'template') return true
  if (node.tag === 'code-inline') return false
  if (!isHtmlTagName(node.tag)) return node.children.some(isBlockNode) || node.children.length === 0
  return HTML_BLOCK_NAMES.has(node.tag) || HTML_BLOCK_RAW.has(node.tag) || node.children.some(isBlockNode)
}

function isComponent(node: MinimarkElement): boolean {
  return !isHtmlTagName(node.tag) && node.tag !== 'code-inline' && /^[A-Za-z][\w-]*$/.test(node.tag)
}

/** Whether a line would start a CommonMark HTML block (kinds 1–7) instead of a paragraph. */
function startsHtmlBlock(line: string): boolean {
  if (/^<(script|pre|style|textarea)(\s|>|$)/i.test(line) || /^<(!--|\?|![A-Za-z]|!\[CDATA\[)/.test(line)) return true
  const name = /^<\/?([A-Za-z][A-Za-z0-9-]*)(\s|\/?>|$)/.exec(line)?.[1]
  if (name && HTML_BLOCK_NAMES.has(name.toLowerCase())) return true
  return VALID_OPEN_TAG_LINE.test(line.trimEnd()) || /^<\/[A-Za-z][A-Za-z0-9-]*\s*>\s*$/.test(line)
}

/** Wraps HTML so markdown reads it as one HTML block (a leading `<!-- -->` when the tag alone would not start one). */
function htmlBlock(node: MinimarkElement): string {
  const html = minimarkToHtml([node])
  if (HTML_BLOCK_RAW.has(node.tag) || HTML_BLOCK_NAMES.has(node.tag)) return html
  const open = openTag(node)
  if ((html === open || html.startsWith(open + '\n')) && VALID_OPEN_TAG_LINE.test(open)) return html
  return '<!-- -->' + minimarkToHtml([node], true)
}

function indent(text: string, prefix: string, firstPrefix = prefix): string {
  return text.split('\n').map((line, index) => (line === '' ? '' : (index === 0 ? firstPrefix : prefix) + line)).join('\n')
}

function paragraph(node: MinimarkElement, context: RenderContext): string | undefined {
  if (node.children.length === 0 || Object.keys(node.props).length) return undefined
  let text = inlineToMarkdown(node.children, context, { atBlockStart: true, atBlockEnd: true })
  const only = node.children[0]
  // A paragraph holding just an inline component is unwrapped by remark-mdc: an empty comment keeps the <p>.
  if (node.children.length === 1 && only.type === 'element' && isComponent(only)) text += '<!-- -->'
  // A paragraph must not start like an HTML block, nor with a tag the site would take for a component.
  const tag = /^<([A-Za-z][\w-]*)/.exec(text)?.[1]
  if (startsHtmlBlock(text.split('\n')[0]) || (tag && !isHtmlTagName(tag.toLowerCase()))) return undefined
  return text
}

function heading(node: MinimarkElement, context: RenderContext): string | undefined {
  const depth = Number(node.tag.slice(1))
  const keys = Object.keys(node.props)
  if (keys.length > 1 || (keys.length === 1 && keys[0] !== 'id')) return undefined
  const text = inlineToMarkdown(node.children, { ...context, inHeading: true }, { atBlockStart: false, atBlockEnd: true })
  if (text.includes('\n')) return undefined
  return '#'.repeat(depth) + (text ? ' ' + text.replace(/^[ \t]/, '&#32;') : '')
}

function codeBlock(node: MinimarkElement): string | undefined {
  const props = node.props as { code?: unknown; language?: unknown; filename?: unknown; highlights?: unknown; meta?: unknown }
  const code = props.code
  if (typeof code !== 'string') return undefined
  let info = typeof props.language === 'string' ? props.language : ''
  if (typeof props.filename === 'string') info += ` [${props.filename.replace(/\]/g, '\\]')}]`
  if (Array.isArray(props.highlights)) info += ` {${props.highlights.join(',')}}`
  if (typeof props.meta === 'string' && props.meta) info += ` ${props.meta}`
  info = info.trim()
  const parsed = parseCodeFenceInfo(info)
  if (parsed.language !== props.language || parsed.filename !== props.filename || parsed.meta !== props.meta ||
    JSON.stringify(parsed.highlights) !== JSON.stringify(props.highlights)) return undefined
  const char = info.includes('`') ? '~' : '`'
  const runs = code.match(char === '`' ? /^ {0,3}`+/gm : /^ {0,3}~+/gm) ?? []
  const fence = char.repeat(Math.max(3, ...runs.map(run => run.trim().length + 1)))
  const content = code.endsWith('\n') ? code.slice(0, -1) : code
  return `${fence}${info}\n${code === '' ? '' : content + '\n'}${fence}`
}

function isTaskCheckbox(node: MinimarkNode | undefined): node is MinimarkElement {
  return node?.type === 'element' && node.tag === 'input' && node.props.type === 'checkbox' && node.props.disabled === true &&
    typeof node.props.checked === 'boolean' && Object.keys(node.props).length === 3
}

/**
 * Splits a list item's inline run at the `<br>`s that separate its paragraphs (the site flattens
 * `<li><p>a</p><p>b</p>` into `a<br>b`): a `<br>` not followed by a line end (a hard break is).
 */
function paragraphsOf(run: MinimarkNode[]): MinimarkNode[][] {
  const out: MinimarkNode[][] = [[]]
  run.forEach((node, index) => {
    const next = run[index + 1]
    const separator = node.type === 'element' && node.tag === 'br' && !Object.keys(node.props).length && index > 0 && next &&
      !(next.type === 'text' && next.value.startsWith('\n')) && !(next.type === 'element' && next.tag === 'br')
    if (separator) out.push([])
    else out[out.length - 1].push(node)
  })
  return out
}

/** Children of a list item / footnote: runs of inline nodes become paragraphs, blocks stay blocks. */
export function mixedContent(children: MinimarkNode[], context: RenderContext): string {
  const parts: { text: string; block?: MinimarkElement }[] = []
  let run: MinimarkNode[] = []
  const flush = () => {
    if (run.length) parts.push({ text: paragraphsOf(run).map(nodes => inlineToMarkdown(nodes, context, { atBlockStart: true, atBlockEnd: true })).join('\n\n') })
    run = []
  }
  for (const child of children) {
    if (isBlockNode(child)) {
      flush()
      parts.push({ text: blockToMarkdown(child as MinimarkElement, context, { first: false }), block: child as MinimarkElement })
    } else run.push(child)
  }
  flush()
  let out = ''
  parts.forEach((part, index) => {
    if (index > 0) {
      const previous = parts[index - 1]
      const tight = (!previous.block && part.block && ['ul', 'ol', 'code'].includes(part.block.tag)) ||
        (previous.block && part.block && ['ul', 'ol'].includes(previous.block.tag) && ['ul', 'ol'].includes(part.block.tag) && previous.block.tag !== part.block.tag)
      out += tight ? '\n' : '\n\n'
    }
    out += part.text
  })
  return out
}

function list(node: MinimarkElement, context: RenderContext, alternate: boolean): string | undefined {
  const ordered = node.tag === 'ol'
  const { start, className, ...rest } = node.props as { start?: unknown; className?: unknown }
  if (Object.keys(rest).length || (start !== undefined && (!ordered || typeof start !== 'number' || start === 1))) return undefined
  const tasks = className !== undefined
  if (tasks && JSON.stringify(className) !== '["contains-task-list"]') return undefined
  let number = typeof start === 'number' ? start : 1
  const items: string[] = []
  for (const item of node.children) {
    if (item.type !== 'element' || item.tag !== 'li') return undefined
    const marker = ordered ? `${number++}${alternate ? ')' : '.'}` : alternate ? '*' : '-'
    let children = item.children
    let checkbox = ''
    if (isTaskCheckbox(children[0])) {
      if (JSON.stringify(item.props) !== '{"className":["task-list-item"]}' || !tasks) return undefined
      checkbox = children[0].props.checked ? '[x] ' : '[ ] '
      children = children.slice(1)
    } else if (Object.keys(item.props).length) return undefined
    const content = checkbox + mixedContent(children, context)
    const pad = ' '.repeat(marker.length + 1)
    items.push(content ? indent(content, pad, marker + ' ') : marker)
  }
  if (!tasks && node.children.length === 0) return undefined
  return items.join('\n')
}

function blockquote(node: MinimarkElement, context: RenderContext): string | undefined {
  if (Object.keys(node.props).length) return undefined
  const content = minimarkToMarkdown(node.children, context)
  if (content === undefined) return undefined
  return content.split('\n').map(line => (line ? '> ' + line : '>')).join('\n')
}

const ALIGN_DELIMITER: Record<string, string> = { left: ':---', center: ':---:', right: '---:' }

function table(node: MinimarkElement, context: RenderContext): string | undefined {
  if (Object.keys(node.props).length) return undefined
  const [head, body, ...extra] = node.children
  if (extra.length || head?.type !== 'element' || head.tag !== 'thead' || head.children.length !== 1) return undefined
  if (body && (body.type !== 'element' || body.tag !== 'tbody' || body.children.length === 0)) return undefined
  const rows = [head.children[0], ...(body ? (body as MinimarkElement).children : [])]
  const header = rows[0]
  if (header.type !== 'element') return undefined
  const aligns = header.children.map(cell => (cell.type === 'element' ? cell.props.align : undefined))
  const cellContext = { ...context, inTable: true }
  const lines: string[] = []
  for (const [index, row] of rows.entries()) {
    if (row.type !== 'element' || row.tag !== 'tr' || Object.keys(row.props).length || row.children.length !== aligns.length) return undefined
    const cells: string[] = []
    for (const [column, cell] of row.children.entries()) {
      const tag = index === 0 ? 'th' : 'td'
      if (cell.type !== 'element' || cell.tag !== tag || Object.keys(cell.props).join() !== 'align' || cell.props.align !== aligns[column]) return undefined
      if (cell.children.some(isBlockNode)) return undefined
      const text = inlineToMarkdown(cell.children, cellContext, { atBlockStart: true, atBlockEnd: true })
      if (text.includes('\n')) return undefined
      cells.push(text)
    }
    lines.push(`| ${cells.join(' | ')} |`)
    if (index === 0) lines.push(`| ${aligns.map(align => (typeof align === 'string' ? ALIGN_DELIMITER[align] ?? '' : '---')).join(' | ')} |`)
  }
  if (lines[1].includes('|  |') || aligns.some(align => align !== null && !(typeof align === 'string' && ALIGN_DELIMITER[align]))) return undefined
  return lines.join('\n')
}

/** How many MDC block component levels are nested inside a node (for the `::`/`:::` fences). */
function componentDepth(node: MinimarkElement): number {
  let deepest = 0
  for (const child of node.children) {
    if (child.type !== 'element') continue
    const inner = isComponent(child) && isBlockNode(child) ? 1 + componentDepth(child) : componentDepth(child)
    deepest = Math.max(deepest, inner)
  }
  return deepest
}

function slotName(node: MinimarkNode): string | undefined {
  if (node.type !== 'element' || node.tag !== 'template') return undefined
  const keys = Object.keys(node.props)
  if (keys.length !== 1 || !keys[0].startsWith('v-slot:') || node.props[keys[0]] !== '') return undefined
  return keys[0].slice('v-slot:'.length)
}

function component(node: MinimarkElement, context: RenderContext): string | undefined {
  if (!isComponent(node)) return undefined
  if (node.children.length && !node.children.some(isBlockNode)) {
    // Inline content only: the inline form alone on its line is what remark-mdc unwraps into a block.
    const inline = inlineToMarkdown([node], context, { atBlockStart: true, atBlockEnd: true })
    return inline.startsWith(':') && !inline.includes('\n') ? inline : undefined
  }
  if (node.children.some(child => !isBlockNode(child))) return undefined
  let attributes = mdcAttributes(node.props)
  let yaml = ''
  if (attributes === undefined) {
    const props = mdcYamlProps(node.props)
    if (props === undefined) return undefined
    attributes = ''
    yaml = props
  }
  const fence = ':'.repeat(2 + componentDepth(node))
  const sections: string[] = []
  let current: MinimarkNode[] = []
  let currentSlot: string | undefined
  const flush = () => {
    const content = minimarkToMarkdown(current, context) ?? ''
    if (currentSlot !== undefined) sections.push(`#${currentSlot}` + (content ? '\n' + content : ''))
    else if (content) sections.push(content)
    current = []
  }
  for (const child of node.children) {
    const slot = slotName(child)
    if (slot !== undefined) {
      flush()
      currentSlot = slot
      current = [...(child as MinimarkElement).children]
    } else if (child.type === 'element' && child.tag === 'template') return undefined
    else if (currentSlot !== undefined) return undefined
    else current.push(child)
  }
  flush()
  const head = `${fence}${node.tag}${attributes}` + (yaml ? '\n' + yaml : '')
  return [head, ...sections, fence].join('\n')
}

/** An HTML element whose children include markdown blocks: tags as HTML, those blocks as markdown between them. */
function htmlWithMarkdown(node: MinimarkElement, context: RenderContext): string | undefined {
  if (!node.children.some(isBlockNode) || !HTML_BLOCK_NAMES.has(node.tag)) return undefined
  let out = openTag(node)
  let afterBlock = false
  for (const child of node.children) {
    const markdownBlock = child.type === 'element' && (MARKDOWN_BLOCKS.has(child.tag) || isComponent(child))
    if (markdownBlock) {
      out += '\n\n' + blockToMarkdown(child, context, { first: false }) + '\n\n'
      afterBlock = true
    } else {
      const html = minimarkToHtml([child])
      out += afterBlock || (child.type === 'element' && !out.endsWith('\n')) ? (afterBlock ? '' : '\n') + html : html
      afterBlock = false
    }
  }
  return out + closeTag(node)
}

/** Where a block sits: `first` = first block of the document (a `---` there would read as frontmatter). */
export interface BlockPlace {
  first: boolean
  alternateList?: boolean
}

/** Writes one block element at its planned level: markdown/MDC, else HTML. */
export function blockToMarkdown(node: MinimarkNode, context: RenderContext, place: BlockPlace): string {
  if (node.type === 'text') return '<!-- -->' + minimarkToHtml([node], true)
  const level = levelOf(context, node)
  let text: string | undefined
  if (level === 0) {
    if (node.tag === 'p') text = paragraph(node, context)
    else if (/^h[1-6]$/.test(node.tag)) text = heading(node, context)
    else if (node.tag === 'code') text = codeBlock(node)
    else if (node.tag === 'ul' || node.tag === 'ol') text = list(node, context, place.alternateList ?? false)
    else if (node.tag === 'blockquote') text = blockquote(node, context)
    else if (node.tag === 'table') text = table(node, context)
    else if (node.tag === 'hr' && !Object.keys(node.props).length && !node.children.length) text = place.first ? '***' : '---'
    else if (isComponent(node)) text = component(node, context)
    else if (node.tag !== 'template') text = htmlWithMarkdown(node, context)
  }
  context.consulted.set(node, level === 0 && text !== undefined)
  return text ?? htmlBlock(node)
}

/** Writes a sequence of blocks separated by blank lines (adjacent lists of one kind get alternating markers so they stay apart). */
export function minimarkToMarkdown(nodes: MinimarkNode[], context: RenderContext, firstInDocument = false): string {
  const out: string[] = []
  let alternate = false
  let previous: MinimarkNode | undefined
  for (const node of nodes) {
    if (node.type === 'element' && (node.tag === 'ul' || node.tag === 'ol')) {
      alternate = previous?.type === 'element' && previous.tag === node.tag ? !alternate : false
    }
    out.push(blockToMarkdown(node, context, { first: firstInDocument && out.length === 0, alternateList: alternate }))
    previous = node
  }
  return out.join('\n\n')
}
