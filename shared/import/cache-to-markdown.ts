import { contentIdFor, tryParsePost, type MinimarkElement, type MinimarkNode, type ParsedContent } from '../parser'
import { splitContentId } from '../parser/path-meta'
import { footnoteDefinitions, isFootnoteSection } from './footnote-definitions'
import { frontmatterData, frontmatterYaml } from './frontmatter-yaml'
import { locateMismatches } from './locate-mismatches'
import { minimarkToMarkdown } from './minimark-to-markdown'
import type { RenderContext } from './render-context'
import { validateCacheEntry } from './validate-cache-entry'

/** What {@link cacheEntryToMarkdown} returns. */
export interface CacheEntryMarkdown {
  /** The post's markdown (frontmatter + MDC body). */
  text: string
  /** Where the post lives, relative to `content/` (`parsed._file`). */
  file: string
  /** Constructs that could not be written so that the site parses them back identically (empty when exact). */
  warnings: string[]
}

/** At most this many rewrite rounds (each one re-parses the whole post). */
const MAX_ROUNDS = 40
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

interface Attempt {
  text: string
  parsed: ParsedContent | null
  mismatches: MinimarkNode[]
  error?: string
}

function parentsOf(nodes: MinimarkNode[], parent: MinimarkNode | undefined, out: Map<MinimarkNode, MinimarkNode | undefined>): void {
  for (const node of nodes) {
    out.set(node, parent)
    if (node.type === 'element') parentsOf(node.children, node, out)
  }
}

function describe(node: MinimarkNode): string {
  if (node.type === 'text') return `text ${JSON.stringify(node.value.slice(0, 40))}`
  const text = textPreview(node)
  return `<${node.tag}>${text ? ` ${JSON.stringify(text)}` : ''}`
}

function textPreview(node: MinimarkNode): string {
  const text = node.type === 'text' ? node.value : node.children.map(textPreview).join('')
  return text.length > 40 ? text.slice(0, 40) + '…' : text
}

/** Index k such that the excerpt is exactly the first k blocks of the body, or -1. */
function excerptCut(parsed: ParsedContent, blocks: MinimarkNode[]): number {
  if (!parsed.excerpt) return -1
  const want = JSON.stringify(parsed.excerpt.children)
  for (let k = 0; k <= blocks.length; k++) if (JSON.stringify(blocks.slice(0, k)) === want) return k
  return -1
}

/**
 * Rebuilds a post's markdown from a Nuxt Content 2.7 cache entry (`.nuxt/content-cache/parsed/
 * content/<file>.json`, `{parsed, hash}`): frontmatter with the keys the writer wrote, and the
 * minimark body as markdown/MDC (raw HTML where markdown cannot say it), chosen so that Inkpost's
 * parser (the site's, byte for byte) turns the text back into the same `parsed`. Throws an Error
 * with a specific message when the entry is not such a document.
 */
export function cacheEntryToMarkdown(entry: unknown): CacheEntryMarkdown {
  const parsed = validateCacheEntry(entry)
  const id = typeof parsed._id === 'string' ? parsed._id : contentIdFor(parsed._file)
  const file = typeof parsed._file === 'string' ? parsed._file : splitContentId(id).file
  const children = parsed.body.children
  const last = children[children.length - 1]
  const footnotes = last && isFootnoteSection(last) ? (last as MinimarkElement) : undefined
  const blocks = footnotes ? children.slice(0, -1) : children
  const data = frontmatterData(parsed, id)
  const frontmatter = frontmatterYaml(data)
  const cut = excerptCut(parsed, blocks)
  const warnings: string[] = []
  if (parsed.excerpt && cut === -1) warnings.push('excerpt: the excerpt is not a run of whole blocks at the start of the body; no <!--more--> marker was written')

  const parents = new Map<MinimarkNode, MinimarkNode | undefined>()
  parentsOf(children, undefined, parents)
  const context: RenderContext = { levels: new Map(), consulted: new Map() }

  const compose = (): string => {
    context.consulted.clear()
    const parts: string[] = []
    const before = cut === -1 ? blocks : blocks.slice(0, cut)
    if (before.length) parts.push(minimarkToMarkdown(before, context, !frontmatter))
    if (cut !== -1) {
      parts.push('<!--more-->')
      if (cut < blocks.length) parts.push(minimarkToMarkdown(blocks.slice(cut), context))
    }
    if (footnotes) parts.push(footnoteDefinitions(footnotes, context))
    let body = parts.join('\n\n')
    if (!body && parsed._empty === false) body = '<!-- -->'
    if (cut === 0 && !frontmatter) body = '\n' + body
    return frontmatter + (frontmatter && body ? '\n' : '') + (body ? body + '\n' : '')
  }

  const attempt = (): Attempt => {
    const text = compose()
    const outcome = tryParsePost(text, { id })
    if (!outcome.parsed || outcome.error) return { text, parsed: outcome.parsed, mismatches: children.slice(0, 1), error: outcome.error?.message }
    return { text, parsed: outcome.parsed, mismatches: locateMismatches(children, outcome.parsed.body.children) }
  }

  const bump = (node: MinimarkNode): boolean => {
    for (let current: MinimarkNode | undefined = node; current; current = parents.get(current)) {
      const hasChoice = context.consulted.get(current)
      const level = context.levels.get(current) ?? 0
      if (hasChoice && level === 0) {
        context.levels.set(current, 1)
        return true
      }
    }
    return false
  }

  let best = attempt()
  let current = best
  for (let round = 0; round < MAX_ROUNDS && current.mismatches.length; round++) {
    let progressed = false
    for (const node of current.mismatches) progressed = bump(node) || progressed
    if (!progressed) break
    current = attempt()
    if (current.mismatches.length <= best.mismatches.length) best = current
  }

  if (best.error) warnings.push(`the rebuilt post does not parse: ${best.error}`)
  for (const node of best.mismatches) warnings.push(`${describe(node)}: could not be written so that it parses back identically`)
  if (best.parsed && !best.mismatches.length) {
    for (const key of new Set([...Object.keys(parsed), ...Object.keys(best.parsed)])) {
      if (same(parsed[key], best.parsed[key])) continue
      if (key === 'body') warnings.push('the table of contents (body.toc) does not parse back identically')
      else warnings.push(key === 'excerpt' ? 'excerpt: does not parse back identically' : `"${key}": does not parse back identically`)
    }
    if (!warnings.length && !same(parsed, best.parsed)) warnings.push('the key order of the document differs from the entry')
  }
  return { text: best.text, file, warnings: [...new Set(warnings)] }
}
