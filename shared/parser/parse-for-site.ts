import type { ContentFamily, SiteParseSettings } from './content-options'
import { DEFAULT_PARSE_SETTINGS } from './content-options'
import type { ParsedContent, ParseOutcome } from './parse-types'
import { tryParsePost } from './parse-post'
import { resolveSiteOptions } from './resolve-site-options'
import { PostParseFailure } from './post-parse-failure'
import { withLoadedPlugins, type LoadedPlugins } from './site-plugins'

/** A parse for a given site: the outcome plus the version and family it was parsed for, and what was left out. */
export interface SiteParseOutcome extends ParseOutcome {
  version: string
  family: ContentFamily
  notices: string[]
  /**
   * What the site stores for the post, or null when its build fails on it. Usually `parsed` when
   * there is no error; a 2.13 site also stores a post with invalid YAML (its reader recovers what
   * it can), while a 2.7 site fails. `parsed` may still be set for the preview when this is null.
   */
  stored: ParsedContent | null
}

/** Adds {@link SiteParseOutcome.stored}: the one rule of when a site keeps a post despite an error. */
function withStored(outcome: Omit<SiteParseOutcome, 'stored'>): SiteParseOutcome {
  const recovered = outcome.family === '2.13' && outcome.error?.kind === 'frontmatter'
  return { ...outcome, stored: outcome.parsed && (!outcome.error || recovered) ? outcome.parsed : null }
}

/**
 * What a site's options make the parser leave out (a remark/rehype plugin that is not one of the
 * defaults and not in `plugins`, the ones the host loaded), for the CLI and the status bar to say
 * so — the same notices every parse carries.
 */
export async function parseNoticesFor(settings: SiteParseSettings, plugins?: LoadedPlugins): Promise<string[]> {
  if (settings.family === '2.13') {
    const { leftOutPlugins213 } = await import('../parser-213/markdown-options-213')
    return leftOutPlugins213(settings.options, plugins)
  }
  return [...resolveSiteOptions(withLoadedPlugins(settings.options, plugins)).notices]
}

/** True when the site highlights code (`content.highlight` set to something other than false). */
export function highlightsCode(settings: SiteParseSettings): boolean {
  const highlight = settings.options.highlight
  return highlight !== undefined && highlight !== null && highlight !== false
}

/**
 * Parses a post exactly as the site described by `settings` stores it: the 2.7 family with the
 * project's own parser (highlighted with shiki-es when the site highlights), the 2.13 family with
 * `@nuxtjs/mdc` (loaded on first use, so a 2.7 site never loads it). `plain` parses without
 * highlighting (the preview's first paint before the highlighter has loaded). `plugins`: the site's
 * own remark/rehype plugins the host loaded from its node_modules (Node only); any other plugin
 * that is not a default is left out with a notice. Never throws.
 */
export async function tryParseForSite(text: string, options: { id: string; settings?: SiteParseSettings; plain?: boolean; plugins?: LoadedPlugins }): Promise<SiteParseOutcome> {
  const settings = options.settings ?? DEFAULT_PARSE_SETTINGS
  const plain = options.plain ? { ...settings.options, highlight: false as const } : settings.options
  const content = withLoadedPlugins(plain, options.plugins)
  const base = { version: settings.version, family: settings.family }
  if (settings.family === '2.13') {
    try {
      const [{ tryParsePost213 }, { leftOutPlugins213 }] = await Promise.all([import('../parser-213/parse-post-213'), import('../parser-213/markdown-options-213')])
      const outcome = await tryParsePost213(text, { id: options.id, content, plugins: options.plugins })
      return withStored({ ...base, parsed: outcome.parsed as unknown as ParsedContent | null, error: outcome.error ?? null, notices: leftOutPlugins213(content, options.plugins) })
    } catch (error) {
      return withStored({ ...base, parsed: null, error: { kind: 'parser', message: error instanceof Error ? error.message : String(error) }, notices: [] })
    }
  }
  const outcome = tryParsePost(text, { id: options.id, content })
  const notices = outcome.notices ?? []
  if (!outcome.parsed || outcome.error || options.plain || !highlightsCode(settings)) return withStored({ ...base, ...outcome, notices })
  try {
    const { parsePostHighlighted } = await import('./parse-post-highlighted')
    return withStored({ ...base, parsed: await parsePostHighlighted(text, { id: options.id, content }), error: null, notices })
  } catch (error) {
    const detail = error instanceof PostParseFailure ? error.detail : { kind: 'parser' as const, message: error instanceof Error ? error.message : String(error) }
    return withStored({ ...base, parsed: outcome.parsed, error: detail, notices })
  }
}
