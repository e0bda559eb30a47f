import type { ContentOptions, PluginSetting } from './content-options'
import { isPlainObject, mergeDefaults } from './merge-defaults'
import type { LoadedPlugins } from './site-plugins'

/** The remark plugins of a default Nuxt Content 2.7 site, in their order. */
export const DEFAULT_REMARK_PLUGINS = ['remark-emoji', 'remark-squeeze-paragraphs', 'remark-gfm'] as const
/** The rehype plugins of a default Nuxt Content 2.7 site, in their order. */
export const DEFAULT_REHYPE_PLUGINS = ['rehype-slug', 'rehype-external-links', 'rehype-sort-attribute-values', 'rehype-sort-attributes', 'rehype-raw'] as const

/** A plugin that runs, with the options it is `.use()`d with; `instance` is set for a site's own (loaded) plugin. */
export interface ActivePlugin {
  name: string
  options: Record<string, unknown>
  instance?: unknown
}

/** What the markdown pipeline of a site runs: MDC on or off, the remark and rehype plugins in order. */
export interface MarkdownPlan {
  mdc: boolean
  remark: ActivePlugin[]
  rehype: ActivePlugin[]
  /** Human-readable notes on settings that are not applied (extra plugins left out, …). */
  notices: string[]
}

/** Built-in options of the defaults (2.7.2 `useDefaultOptions`): only rehype-raw has some. */
const BUILT_IN_OPTIONS: Record<string, Record<string, unknown>> = { 'rehype-raw': { passThrough: ['element'] } }

function resolveList(
  kind: 'remark' | 'rehype',
  defaults: readonly string[],
  settings: Record<string, PluginSetting> | undefined,
  notices: string[],
  loaded: LoadedPlugins,
): ActivePlugin[] {
  // The module turns `[name, [name, options]]` lists into an object first (resolveMarkdownPlugins).
  const given: Record<string, unknown> = Array.isArray(settings)
    ? Object.fromEntries((settings as unknown[]).map(p => (Array.isArray(p) ? [p[0], p[1]] : [p, {}])))
    : isPlainObject(settings) ? settings : {}
  const active: ActivePlugin[] = []
  for (const name of defaults) {
    const setting = given[name]
    if (setting === undefined) {
      active.push({ name, options: BUILT_IN_OPTIONS[name] ?? {} })
      continue
    }
    // importPlugins runs before the defu merge and turns any falsy setting (false, null) into `false`: off.
    if (!setting) continue
    // A truthy setting is the plugin's options ({instance, options: setting}), merged over the built-in ones.
    const options = BUILT_IN_OPTIONS[name] ? mergeDefaults(setting, BUILT_IN_OPTIONS[name]) : setting
    active.push({ name, options: options as Record<string, unknown> })
  }
  // 2.7.2 merges the site's plugins over the defaults with defu: the defaults keep their places and
  // the site's own plugins follow, in the order the site lists them, `.use()`d with the site's value
  for (const name of Object.keys(given)) {
    if ((defaults as readonly string[]).includes(name) || !given[name]) continue
    if (loaded[name] !== undefined) {
      active.push({ name, options: (isPlainObject(given[name]) ? given[name] : {}) as Record<string, unknown>, instance: loaded[name] })
      continue
    }
    notices.push(`The ${kind} plugin "${name}" is left out: only Nuxt Content's default markdown plugins run here, so the site's output may differ`)
  }
  return active
}

/**
 * Resolves `content.markdown` the way Nuxt Content 2.7.2 does (module options → markdown
 * transformer → `defu(options, useDefaultOptions())`): a default plugin set to `false` is off, an
 * options object replaces its (empty) default options (rehype-raw's `passThrough` is merged), a
 * plugin that is not one of the defaults runs after them when `loaded` has it (loaded from the
 * site's node_modules by the host) and is otherwise left out with a notice.
 */
export function resolveMarkdownPlugins(markdown: ContentOptions['markdown'] = {}, loaded: LoadedPlugins = {}): MarkdownPlan {
  const notices: string[] = []
  const mdc = markdown.mdc === null || markdown.mdc === undefined ? true : Boolean(markdown.mdc)
  const remark = resolveList('remark', DEFAULT_REMARK_PLUGINS, markdown.remarkPlugins, notices, loaded)
  const rehype = resolveList('rehype', DEFAULT_REHYPE_PLUGINS, markdown.rehypePlugins, notices, loaded)
  return { mdc, remark, rehype, notices }
}
