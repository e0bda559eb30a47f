import rehypeExternalLinks from 'rehype-external-links'
import rehypeSlug from 'rehype-slug'
import rehypeSortAttributeValues from 'rehype-sort-attribute-values'
import rehypeSortAttributes from 'rehype-sort-attributes'
import remarkEmoji from 'remark-emoji'
import remarkGfm from 'remark-gfm'
import remarkMdc from 'remark-mdc'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import remarkSqueezeParagraphs from 'remark-squeeze-paragraphs'
import { unified } from 'unified'
import { nodeHandlers } from './handlers'
import { remarkMdcHangGuard } from './mdc-hang-guard'
import { parseRawHtml } from './parse-raw-html'
import { rehypeOnElements, type ElementPlugin } from './rehype-on-elements'

/** rehype-raw's step, done by {@link parseRawHtml} (same tree, no per-element document indexing). */
function rehypeRawFast() {
  return (tree: unknown) => parseRawHtml(tree as Parameters<typeof parseRawHtml>[0])
}

/** The two steps of the processor we use: markdown → mdast, then mdast → rehype'd hast (sync). */
export interface MarkdownProcessor {
  parse(markdown: string): unknown
  runSync(tree: unknown): unknown
}

/**
 * The one frozen unified processor for every post: the plugins, order and options of a default
 * Nuxt Content 2.7 site (remark-mdc, emoji, squeeze-paragraphs, GFM; remark-rehype with our
 * handlers and raw HTML kept; slug, external links, sorted attributes — run on the element outline,
 * see {@link rehypeOnElements} — then raw HTML parsing).
 */
export const markdownProcessor = (unified() as unknown as { use(...args: unknown[]): any })
  .use(remarkParse)
  .use(remarkMdc)
  .use(remarkMdcHangGuard) // must follow remark-mdc: its lookahead runs just before remark-mdc's
  .use(remarkEmoji, {})
  .use(remarkSqueezeParagraphs)
  .use(remarkGfm, {})
  .use(remarkRehype, { handlers: nodeHandlers, allowDangerousHtml: true })
  .use(
    rehypeOnElements(
      [rehypeSlug as ElementPlugin[0], {}],
      [rehypeExternalLinks as ElementPlugin[0], {}],
      [rehypeSortAttributeValues as ElementPlugin[0]],
      [rehypeSortAttributes as ElementPlugin[0]],
    ),
  )
  .use(rehypeRawFast)
  .freeze() as MarkdownProcessor
