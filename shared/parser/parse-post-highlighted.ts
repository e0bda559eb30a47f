import { parsePost } from './parse-post'
import type { MinimarkElement, MinimarkNode, ParsedBody, ParsedContent, ParseOptions } from './parse-types'
import { PostParseFailure } from './post-parse-failure'
import { shikiHighlighterFor, type HighlightOptions, type ShikiHighlighter, type StyleMap } from './shiki-highlighter'

/** The code blocks (`code` with a `code` prop) and language-tagged inline codes of a tree, in document (pre)order. */
function codeNodes(root: ParsedBody): { blocks: MinimarkElement[]; inlines: MinimarkElement[] } {
  const blocks: MinimarkElement[] = []
  const inlines: MinimarkElement[] = []
  const stack: MinimarkNode[] = [root as unknown as MinimarkNode]
  while (stack.length) {
    const node = stack.pop() as MinimarkNode
    if (node.type !== 'text') {
      const props = node.props as Record<string, unknown> | undefined
      if (node.tag === 'code' && props?.code) blocks.push(node)
      else if (node.tag === 'code-inline' && (props?.lang || props?.language)) inlines.push(node)
    }
    const children = (node as { children?: MinimarkNode[] }).children
    if (Array.isArray(children)) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i])
  }
  return { blocks, inlines }
}

/**
 * Nuxt Content 2.7.2's `highlight` transformer on one document (body or excerpt): every code block
 * and language-tagged inline code highlighted (blocks first, all at once, as on the site — the
 * order in which they finish orders the styles), then one `<style>` with the classes used appended.
 */
async function highlightDocument(document: ParsedBody | undefined, highlighter: ShikiHighlighter, theme: HighlightOptions['theme']): Promise<void> {
  if (!document) return
  const styleMap: StyleMap = {}
  const { blocks, inlines } = codeNodes(document)
  await Promise.all(
    blocks.map(async node => {
      const { code, language, highlights = [] } = node.props as { code: string; language?: string; highlights?: number[] }
      const inner = (node.children[0] as MinimarkElement).children[0] as MinimarkElement
      inner.children = await highlighter.getHighlightedAST(code, language, theme, { styleMap, highlights })
    }),
  )
  await Promise.all(
    inlines.map(async node => {
      const code = (node.children[0] as { value: string }).value
      const props = node.props as { lang?: string; language?: string }
      const lines = await highlighter.getHighlightedAST(code, props.lang || props.language, theme, { styleMap })
      node.children = lines[0].children
      node.props = Object.assign(node.props || {}, { class: 'colored' })
    }),
  )
  if (Object.values(styleMap).length) {
    document.children.push({ type: 'element', tag: 'style', children: [{ type: 'text', value: highlighter.generateStyles(styleMap) }] } as unknown as MinimarkNode)
  }
}

/**
 * {@link parsePost} plus the site's `content.highlight` (shiki-es 0.14, as Nuxt Content 2.7.2 runs
 * it): code blocks and inline code with a language get token spans with `ct-…` classes and each
 * document a trailing `<style>`. `highlight` unset or `false` → exactly `parsePost`'s result.
 * Highlighters are kept per distinct `highlight` options: languages loaded by one post stay loaded
 * for the next, as on the site's server.
 */
export async function parsePostHighlighted(source: string, options: ParseOptions): Promise<ParsedContent> {
  return highlightParsed(parsePost(source, options), options)
}

/**
 * The `highlight` step of {@link parsePostHighlighted} on a document already parsed for the same
 * options (e.g. by the incremental parser; pass a copy, it is changed in place and returned).
 */
export async function highlightParsed(parsed: ParsedContent, options: Pick<ParseOptions, 'content'>): Promise<ParsedContent> {
  const setting = options.content?.highlight
  if (setting === false || setting === undefined || setting === null) return parsed
  const highlight = (typeof setting === 'object' ? setting : {}) as HighlightOptions
  try {
    const highlighter = await shikiHighlighterFor(highlight)
    await Promise.all([highlightDocument(parsed.body, highlighter, highlight.theme), highlightDocument(parsed.excerpt, highlighter, highlight.theme)])
  } catch (error) {
    throw new PostParseFailure({ kind: 'parser', message: `Cannot highlight the code of this post: ${String((error as Error)?.message ?? error)}` })
  }
  return parsed
}
