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
import { resolveMarkdownPlugins, type ActivePlugin, type MarkdownPlan } from './resolve-markdown-plugins'
import { pluginId } from './site-plugins'

/** rehype-raw's step, done by {@link parseRawHtml} (same tree, no per-element document indexing). */
function rehypeRawFast() {
  return (tree: unknown) => parseRawHtml(tree as Parameters<typeof parseRawHtml>[0])
}

/** The two steps of the processor we use: markdown → mdast, then mdast → rehype'd hast (sync). */
export interface MarkdownProcessor {
  parse(markdown: string): unknown
  runSync(tree: unknown): unknown
}

/** The plugins a {@link MarkdownPlan} may name, by name. */
const REMARK_PLUGINS: Record<string, unknown> = {
  'remark-emoji': remarkEmoji,
  'remark-squeeze-paragraphs': remarkSqueezeParagraphs,
  'remark-gfm': remarkGfm,
}
const ELEMENT_PLUGINS: Record<string, ElementPlugin[0]> = {
  'rehype-slug': rehypeSlug as ElementPlugin[0],
  'rehype-external-links': rehypeExternalLinks as ElementPlugin[0],
  'rehype-sort-attribute-values': rehypeSortAttributeValues as ElementPlugin[0],
  'rehype-sort-attributes': rehypeSortAttributes as ElementPlugin[0],
}

/** rehype-external-links' `content` option adds nodes inside links: that plugin then runs on the real tree. */
function changesChildren(plugin: ActivePlugin): boolean {
  return plugin.name === 'rehype-external-links' && plugin.options.content !== undefined && plugin.options.content !== null
}

/** Read-only observers put into a processor (see {@link probedProcessorFor}); they never change the tree. */
export interface ProcessorProbes {
  /** Runs on the hast just after remark-rehype, before the first rehype plugin. */
  beforeRehype(tree: unknown): void
  /** Runs on the hast just before rehype-raw (after the element plugins). */
  beforeRaw(tree: unknown): void
}

/** Builds a frozen processor running exactly the plan's plugins, in Nuxt Content's order (plus read-only probes). */
function buildProcessor(plan: MarkdownPlan, probes?: ProcessorProbes): MarkdownProcessor {
  let processor = (unified() as unknown as { use(...args: unknown[]): any }).use(remarkParse)
  if (plan.mdc) {
    processor = processor.use(remarkMdc).use(remarkMdcHangGuard) // the guard must follow remark-mdc: its lookahead runs just before remark-mdc's
  }
  for (const plugin of plan.remark) processor = processor.use(plugin.instance ?? REMARK_PLUGINS[plugin.name], plugin.options)
  processor = processor.use(remarkRehype, { handlers: nodeHandlers, allowDangerousHtml: true })
  if (probes) processor = processor.use(() => (tree: unknown) => probes.beforeRehype(tree))
  let outline: ElementPlugin[] = []
  const flushOutline = () => {
    if (outline.length) processor = processor.use(rehypeOnElements(...outline))
    outline = []
  }
  for (const plugin of plan.rehype) {
    if (plugin.instance !== undefined) {
      flushOutline()
      processor = processor.use(plugin.instance, plugin.options) // a site's own plugin, on the real tree
    } else if (plugin.name === 'rehype-raw') {
      flushOutline()
      if (probes) processor = processor.use(() => (tree: unknown) => probes.beforeRaw(tree))
      processor = processor.use(rehypeRawFast) // hast-util-raw 7's only option, passThrough, concerns mdx nodes markdown never has
    } else if (changesChildren(plugin)) {
      flushOutline()
      processor = processor.use(ELEMENT_PLUGINS[plugin.name], plugin.options)
    } else {
      outline.push([ELEMENT_PLUGINS[plugin.name], plugin.options])
    }
  }
  flushOutline()
  return processor.freeze() as MarkdownProcessor
}

/** The default plan: what a site with no `content.markdown` options runs. */
export const DEFAULT_MARKDOWN_PLAN: MarkdownPlan = resolveMarkdownPlugins({})

/**
 * The one frozen unified processor for every post of a default site: the plugins, order and
 * options of a default Nuxt Content 2.7 site (remark-mdc, emoji, squeeze-paragraphs, GFM;
 * remark-rehype with our handlers and raw HTML kept; slug, external links, sorted attributes — run
 * on the element outline, see {@link rehypeOnElements} — then raw HTML parsing).
 */
export const markdownProcessor: MarkdownProcessor = buildProcessor(DEFAULT_MARKDOWN_PLAN)

const processors = new Map<string, MarkdownProcessor>([[planKey(DEFAULT_MARKDOWN_PLAN), markdownProcessor]])
const MAX_PROCESSORS = 16

/** A plan's cache key: its plugins and options, a site's own plugins by the identity of their function. */
function planKey(plan: MarkdownPlan): string {
  return JSON.stringify({ ...plan, notices: [] }, (key, value: unknown) => (key === 'instance' ? `#${pluginId(value)}` : value))
}

/** The processor for a site's plan (built once per distinct plan, the default one shared). */
export function markdownProcessorFor(plan: MarkdownPlan): MarkdownProcessor {
  const key = planKey(plan)
  let processor = processors.get(key)
  if (!processor) {
    if (processors.size >= MAX_PROCESSORS) processors.delete([...processors.keys()][1]) // keep the default (first)
    processor = buildProcessor(plan)
    processors.set(key, processor)
  }
  return processor
}

const probed = new Map<string, MarkdownProcessor>()

/**
 * The site's processor with read-only probes (the incremental parser's observers), built once per
 * distinct plan and probes. Its output is the same as {@link markdownProcessorFor}'s.
 */
export function probedProcessorFor(plan: MarkdownPlan, probes: ProcessorProbes): MarkdownProcessor {
  const key = JSON.stringify({ ...plan, notices: [] })
  let processor = probed.get(key)
  if (!processor) {
    if (probed.size >= MAX_PROCESSORS) probed.delete(probed.keys().next().value as string)
    processor = buildProcessor(plan, probes)
    probed.set(key, processor)
  }
  return processor
}
