import type { ContentOptions } from './content-options'
import { DEFAULT_TOC, siteToc } from './generate-toc'
import { DEFAULT_MARKDOWN_PLAN, markdownProcessor, markdownProcessorFor, type MarkdownProcessor } from './markdown-processor'
import { DEFAULT_PATH_META, pathMetaOptions, type PathMetaOptions } from './path-meta'
import { resolveMarkdownPlugins, type MarkdownPlan } from './resolve-markdown-plugins'
import { loadedPluginsOf, pluginId } from './site-plugins'

/** Everything a site's `content:` options change in a parse, resolved once per distinct options. */
export interface ResolvedSiteOptions {
  processor: MarkdownProcessor
  /** The plugins the processor runs (the incremental parser builds its probed twin from it). */
  plan: MarkdownPlan
  /** The site's toc defaults, before a post's frontmatter `toc`. */
  toc: Readonly<Record<string, unknown>>
  pathMeta: Readonly<PathMetaOptions>
  /**
   * Whether long posts may be parsed in sections: not when rehype-raw is off, because raw HTML
   * nodes then reach the output with their source positions, which must be whole-text ones.
   */
  sections: boolean
  /** Options that are not applied (extra plugins left out), for the caller to report. */
  notices: string[]
}

/** A site with default options: the shared default processor, toc depth 2 / searchDepth 2, no locales. */
export const DEFAULT_SITE_OPTIONS: Readonly<ResolvedSiteOptions> = Object.freeze({
  processor: markdownProcessor,
  plan: DEFAULT_MARKDOWN_PLAN,
  toc: DEFAULT_TOC,
  pathMeta: DEFAULT_PATH_META,
  sections: true,
  notices: DEFAULT_MARKDOWN_PLAN.notices,
})

const cache = new Map<string, ResolvedSiteOptions>()
const MAX_CACHED = 32

/** Only the keys that change the parsed body/path meta (rendering-only `tags`/`anchorLinks` and `highlight` are not part of it). */
function cacheKey(content: ContentOptions): string {
  const md = content.markdown ?? {}
  const loaded = Object.entries(loadedPluginsOf(content)).map(([name, plugin]) => [name, pluginId(plugin)])
  return JSON.stringify([md.toc, md.mdc, md.remarkPlugins, md.rehypePlugins, content.defaultLocale, content.locales, content.respectPathCase, loaded])
}

/**
 * Resolves a site's `content:` options (as in nuxt.config) the way Nuxt Content 2.7.2 does:
 * plugins on/off/reconfigured, a site's own plugins attached with `withLoadedPlugins`, and MDC on/off (see {@link resolveMarkdownPlugins}), the toc
 * defaults and the path-meta locale/case options. No options → {@link DEFAULT_SITE_OPTIONS}.
 */
export function resolveSiteOptions(content: ContentOptions | undefined): Readonly<ResolvedSiteOptions> {
  if (!content) return DEFAULT_SITE_OPTIONS
  const key = cacheKey(content)
  let settings = cache.get(key)
  if (!settings) {
    const plan = resolveMarkdownPlugins(content.markdown, loadedPluginsOf(content))
    settings = {
      processor: markdownProcessorFor(plan),
      plan,
      toc: siteToc(content.markdown?.toc),
      pathMeta: pathMetaOptions(content),
      // a site's own plugin may look at the whole document: those posts are parsed in one piece
      sections: plan.rehype.some(plugin => plugin.name === 'rehype-raw') && ![...plan.remark, ...plan.rehype].some(plugin => plugin.instance !== undefined),
      notices: plan.notices,
    }
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string)
    cache.set(key, settings)
  }
  return settings
}
