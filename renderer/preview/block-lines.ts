import { parser as markdownParser, GFM } from '@lezer/markdown'
import type { MinimarkNode } from '../../shared/parser/parse-types'
import { mdcGrammar } from '../editor/mdc-grammar'
import { findFrontmatter } from '../text/frontmatter-document'
import { textOf } from './text-of'
import { KNOWN_HTML_TAGS } from '../../shared/render/safe-attributes'

const blockParser = markdownParser.configure([GFM, mdcGrammar])

/** A top-level markdown block of the source: its first line (1-based, whole file) and its text. */
export interface SourceBlock {
  line: number
  text: string
}

/** Lists the top-level blocks of a post's markdown body (frontmatter skipped) with their start lines. */
export function sourceBlocks(source: string): SourceBlock[] {
  const fm = findFrontmatter(source)
  const bodyFrom = fm ? fm.bodyFrom : 0
  const body = source.slice(bodyFrom)
  let lineOffset = 0
  for (let i = 0; i < bodyFrom; i++) if (source.charCodeAt(i) === 10) lineOffset++
  const lineStarts = [0]
  for (let i = 0; i < body.length; i++) if (body.charCodeAt(i) === 10) lineStarts.push(i + 1)
  const lineOf = (pos: number) => {
    let lo = 0
    let hi = lineStarts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (lineStarts[mid] <= pos) lo = mid
      else hi = mid - 1
    }
    return lo + 1
  }
  const blocks: SourceBlock[] = []
  const cursor = blockParser.parse(body).cursor()
  if (cursor.firstChild()) {
    do {
      if (cursor.name === 'Comment' || cursor.name === 'CommentBlock' || cursor.name === 'LinkReference') continue
      blocks.push({ line: lineOffset + lineOf(cursor.from), text: body.slice(cursor.from, Math.min(cursor.to, cursor.from + 600)) })
    } while (cursor.nextSibling())
  }
  return blocks
}

/** Letters and digits only, so markup (`**`, `<i>`, link targets) does not hide a match. */
function letters(text: string): string {
  return text.replace(/<[^>]*>/g, '').replace(/\]\([^)\s]*(?:\s+"[^"]*")?\)/g, ']').replace(/[^\p{L}\p{N}]+/gu, '')
}

function signature(node: MinimarkNode): string | null {
  if (node.type === 'text') return letters(node.value).slice(0, 8) || null
  if (!KNOWN_HTML_TAGS.has(node.tag) && node.tag !== 'code' && node.tag !== 'code-inline') return letters(node.tag) || null
  if (node.tag === 'img') return typeof node.props.src === 'string' ? letters(node.props.src).slice(-12) || null : null
  if (node.tag === 'code' && typeof node.props.code === 'string') return letters(node.props.code).slice(0, 8) || null
  return letters(textOf(node)).slice(0, 8) || null
}

/**
 * Maps each top-level child of the parsed body to the source line it came from, by walking both in
 * order and matching text signatures within a small look-ahead window (raw HTML, comments and MDC
 * wrappers make counts differ, so plain index matching would drift). Unmatched children get the
 * next unused block's line; null only when the source has no blocks left.
 */
export function mapBlockLines(source: string, children: MinimarkNode[]): Array<number | null> {
  const blocks = sourceBlocks(source).map((b) => ({ line: b.line, key: letters(b.text) }))
  const out: Array<number | null> = []
  let k = 0
  for (const child of children) {
    if (child.type === 'text' && child.value.trim() === '') { out.push(null); continue }
    const sig = signature(child)
    let found = -1
    if (sig) for (let j = k; j < Math.min(blocks.length, k + 12); j++) if (blocks[j].key.includes(sig)) { found = j; break }
    if (found >= 0) { out.push(blocks[found].line); k = found + 1 }
    else if (k < blocks.length) { out.push(blocks[k].line); k++ }
    else out.push(out.length ? out[out.length - 1] : null)
  }
  return out
}
