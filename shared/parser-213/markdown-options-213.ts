import { rehypeHighlight } from '@nuxtjs/mdc/runtime'
import { defu } from 'defu'
import remarkEmoji from 'remark-emoji-5'
import type { ContentOptions, PluginSetting } from '../parser/content-options'
import type { LoadedPlugins } from '../parser/site-plugins'
import { contentLinkHandler } from './content-link-handler'
import { DEFAULT_REHYPE_213 as DEFAULT_REHYPE, DEFAULT_REMARK_213 as DEFAULT_REMARK } from './default-plugins-213'
import type { ShikiEngine213 } from './parse-types-213'
import { resolveHighlight213, siteHighlighter213 } from './site-highlighter-213'

type PluginEntry = false | { instance?: unknown; options?: Record<string, unknown> }

/** Thrown for a site setting this parser cannot reproduce. */
export class UnsupportedContentOption extends Error {}

/**
 * A site's plugin settings as parseMarkdown gets them. A default plugin is `false` (off) or
 * reconfigured with the site's object; mdc merges its own defaults in (with defu) and fills in the
 * plugin itself. The site hands a configured plugin to mdc twice (content config and mdc module), and
 * mdc merges the two with defu, so arrays in its options come out doubled: that merge is done here.
 */
function sitePlugins(settings: Record<string, PluginSetting> | undefined, known: readonly string[], loaded: LoadedPlugins): Record<string, PluginEntry> {
  const entries: Record<string, PluginEntry> = {}
  for (const [name, setting] of Object.entries(settings ?? {})) {
    // a plugin that is not one of the defaults runs only when the host loaded it from the site's
    // node_modules (in the site's order; mdc's own defu puts it after its defaults), else it is left out (see leftOutPlugins213)
    if (!known.includes(name) && loaded[name] === undefined) continue
    if (!setting) {
      entries[name] = false
      continue
    }
    const options = defu(setting, (setting.options as Record<string, unknown> | undefined) || setting) as Record<string, unknown>
    entries[name] = name === 'remark-emoji' ? { instance: remarkEmoji, options } : loaded[name] !== undefined && !known.includes(name) ? { instance: loaded[name], options } : { options }
  }
  return entries
}

/** `content.markdown.toc` with the site's defaults (depth 2, search depth 2). */
export function tocOptions213(options: ContentOptions = {}): { depth: number; searchDepth: number } {
  return defu(options.markdown?.toc ?? {}, { depth: 2, searchDepth: 2 })
}

/**
 * The options @nuxt/content 2.13's markdown step passes to @nuxtjs/mdc's `parseMarkdown` for a
 * site: its remark and rehype plugin settings (the content config's first, then what the mdc module
 * adds: remark-emoji and, with `highlight`, the `highlight` rehype plugin), `remark-mdc` off for
 * `mdc: false`, content's `link` handler (links to `.md` files become page paths), the highlight theme
 * and the toc depths. Pass the result to `parseMarkdown` as is.
 */
export function markdownOptions213(options: ContentOptions = {}, engine: ShikiEngine213 = 'oniguruma', loaded: LoadedPlugins = {}): Record<string, unknown> {
  const markdown = options.markdown ?? {}
  // the mdc module's own default (remark-emoji) comes before the site's plugins in #mdc-imports
  // (defu keeps a default's key first), so after mdc's defaults it runs before a site's own plugin
  const remarkPlugins: Record<string, PluginEntry> = { 'remark-emoji': { instance: remarkEmoji, options: {} }, ...sitePlugins(markdown.remarkPlugins, DEFAULT_REMARK, loaded) }
  if (markdown.mdc === false) remarkPlugins['remark-mdc'] = false
  const rehypePlugins: Record<string, unknown> = sitePlugins(markdown.rehypePlugins, DEFAULT_REHYPE, loaded)
  const highlight = resolveHighlight213(options.highlight)
  if (highlight) {
    const highlighter = siteHighlighter213(highlight, engine)
    // mdc sets this plugin's options to the highlight settings (theme) before running it
    rehypePlugins.highlight = { instance: (opts: Record<string, unknown>) => rehypeHighlight({ ...opts, highlighter } as never), options: {} }
  }
  return {
    highlight: highlight ? { theme: highlight.theme, langs: highlight.langs } : undefined,
    remark: { plugins: remarkPlugins },
    rehype: { options: { handlers: { link: contentLinkHandler } }, plugins: rehypePlugins },
    toc: tocOptions213(options),
  }
}

/**
 * The site's plugins this parser cannot run (not one of @nuxtjs/mdc's defaults, and not in `loaded`):
 * they are left out of the parse, and these notices say so, so the preview and the checks never
 * differ silently.
 */
export function leftOutPlugins213(options: ContentOptions = {}, loaded: LoadedPlugins = {}): string[] {
  const notices: string[] = []
  for (const [kind, settings, known] of [['remark', options.markdown?.remarkPlugins, DEFAULT_REMARK], ['rehype', options.markdown?.rehypePlugins, DEFAULT_REHYPE]] as const) {
    for (const [name, setting] of Object.entries(settings ?? {})) {
      if (!known.includes(name) && setting !== false && loaded[name] === undefined) notices.push(`The ${kind} plugin "${name}" is left out: only @nuxtjs/mdc's default plugins run here, so the site's output may differ`)
    }
  }
  return notices
}
