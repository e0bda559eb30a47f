import type { MinimarkElement, MinimarkNode, ParsedBody, Toc, TocLink } from './parse-types'
import { isPlainObject, mergeDefaults } from './merge-defaults'
import { nodeText } from './node-text'

/** Table-of-contents settings after merging the post's `toc:` frontmatter over the defaults. */
export interface TocSettings {
  depth: unknown
  searchDepth: unknown
  title: unknown
}

/** `toc` of 2.7.2's default markdown options. */
export const DEFAULT_TOC: Readonly<Record<string, unknown>> = Object.freeze({ depth: 2, searchDepth: 2 })
const TOC_HEADINGS = ['h2', 'h3', 'h4', 'h5', 'h6']

/**
 * Merges frontmatter `toc` settings over the site's (`content.markdown.toc` over `{depth: 2,
 * searchDepth: 2}`, see {@link siteToc}) the way Nuxt Content does (defu): only keys the post
 * sets to something other than null/undefined win, values are taken as written (no coercion).
 */
export function tocSettings(fromFrontmatter: unknown, site: Readonly<Record<string, unknown>> = DEFAULT_TOC): TocSettings {
  const merged = mergeDefaults(fromFrontmatter || {}, site)
  return { depth: merged.depth, searchDepth: merged.searchDepth, title: merged.title }
}

/** The site's toc defaults: `content.markdown.toc` merged over `{depth: 2, searchDepth: 2}` (defu). */
export function siteToc(markdownToc: unknown): Record<string, unknown> {
  // defu(options, defaults) replaces a non-object `toc` wholesale; only objects merge
  if (markdownToc === undefined || markdownToc === null) return { ...DEFAULT_TOC }
  return isPlainObject(markdownToc) ? mergeDefaults(markdownToc, DEFAULT_TOC) : {}
}

/** All nodes of the tree down to `maxDepth` levels below `root`, in document order. */
function nodesToDepth(root: MinimarkNode, maxDepth: unknown): MinimarkNode[] {
  const out: MinimarkNode[] = []
  const stack: Array<[MinimarkNode, number]> = [[root, 0]]
  while (stack.length) {
    const [node, depth] = stack.pop() as [MinimarkNode, number]
    out.push(node)
    // Strict comparison on purpose: a non-number searchDepth means "no limit", as on the site.
    if (node.type === 'text' || !Array.isArray(node.children) || depth === maxDepth) continue
    for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i], depth + 1])
  }
  return out
}

/** Nests a flat list of headings: each heading owns the deeper ones that follow it. */
function nest(links: TocLink[]): TocLink[] {
  if (links.length <= 1) return links
  const top: TocLink[] = []
  let parent: TocLink | undefined
  for (const link of links) {
    if (!parent || link.depth <= parent.depth) {
      link.children = []
      parent = link
      top.push(link)
    } else {
      ;(parent.children as TocLink[]).push(link)
    }
  }
  for (const link of top) {
    if (link.children?.length) link.children = nest(link.children)
    else delete link.children
  }
  return top
}

/**
 * Builds `body.toc`: h2…h(depth+1) headings found within `searchDepth` levels of the root, as
 * `{id, depth, text}` links nested by level. An out-of-range depth (not 1–5) falls back to h2
 * only, like the site.
 */
export function generateToc(body: ParsedBody, settings: TocSettings): Toc {
  const requested = settings.depth as number
  const depth = requested < 1 || requested > 5 ? 1 : requested
  const tags = TOC_HEADINGS.slice(0, depth)
  const root = body as unknown as MinimarkNode
  const headings = nodesToDepth(root, settings.searchDepth).filter(
    (node): node is MinimarkElement => node.type === 'element' && tags.includes(node.tag),
  )
  const links: TocLink[] = headings.map(node => ({
    id: node.props?.id as string,
    depth: Number(node.tag.charAt(1)),
    text: nodeText(node),
  }))
  return {
    title: (settings.title ?? '') as string,
    searchDepth: settings.searchDepth as number,
    depth: settings.depth as number,
    links: nest(links),
  }
}
