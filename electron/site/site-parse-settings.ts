// What a site's posts are parsed for: its @nuxt/content version and family, and the `content:`
// options of its nuxt.config (with inkpost.config.json's overrides on top), plus the folder its
// posts live in — one call for the site service and the CLI.
import type { ContentOptions, HighlightSetting, PluginSetting, SiteParseSettings } from '../../shared/parser/content-options'
import { detectContentVersion, familyFor, resolveContentRange, type DetectedContentVersion } from './content-version'
import { contentDirOf } from './find-site'
import { loadNuxtConfig, type NuxtConfigError } from './load-nuxt-config'
import { resolveProseTags } from '../../shared/render/prose-tag-names'

/** Overrides from `inkpost.config.json` (the caller reads and validates that file). */
export interface ParseSettingsOverrides {
  /** Merged over the nuxt.config's `content:` options (objects merged key by key, anything else replaced). */
  content?: ContentOptions
  /** Used instead of the detected version: `2.13.4`, or `2.13` for the newest 2.13.x. */
  nuxtContentVersion?: string
}

/** The result of {@link readSiteParseSettings}. */
export interface SiteParseSettingsResult {
  settings: SiteParseSettings
  /** The posts folder relative to the site root (`content`, `src/content`, `posts`…; see `contentDirOf`). */
  contentDir: string
  /** What the writer should know (a config that failed, layers left out, values ignored, a version outside 2.x). */
  notices: string[]
  /** Set when the nuxt.config could not be loaded; the options then come from the overrides alone. */
  configError?: NuxtConfigError
}

type Json = Record<string, unknown>

function isRecord(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.values(value).every((item) => typeof item === 'string')
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0
}

/**
 * Plain-object merge, `over` winning: objects are merged key by key; anything else (a value,
 * `false`, an array unless `concatArrays`) replaces. `concatArrays` gives defu's behaviour
 * (`base`'s items after `over`'s), the one Nuxt uses for a module's inline options.
 */
function merge(base: Json, over: Json, concatArrays: boolean): Json {
  const out: Json = { ...base }
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue
    const current = out[key]
    if (isRecord(current) && isRecord(value)) out[key] = merge(current, value, concatArrays)
    else if (concatArrays && Array.isArray(current) && Array.isArray(value)) out[key] = [...value, ...current]
    else out[key] = value
  }
  return out
}

/**
 * `content` of the config, with the inline options of `modules: [['@nuxt/content', {…}]]` over it
 * (Nuxt gives a module `defu(inlineOptions, config[configKey])`).
 */
function contentOfConfig(config: Json | null): Json | null {
  if (!config) return null
  let content = isRecord(config.content) ? config.content : null
  const modules = Array.isArray(config.modules) ? config.modules : []
  for (const entry of modules) {
    if (Array.isArray(entry) && entry[0] === '@nuxt/content' && isRecord(entry[1])) content = merge(content ?? {}, entry[1], true)
  }
  return content
}

/**
 * A remark/rehype plugin list as @nuxt/content 2's module normalises it: the array form
 * (`['remark-x', ['rehype-y', { … }]]`) becomes `{ 'remark-x': {}, 'rehype-y': { … } }`; in the
 * object form `false` (turn a default off) and option objects are kept, `true` means no options.
 */
function pluginRecord(value: unknown, at: string, skip: (at: string, why: string) => void): Record<string, PluginSetting> | undefined {
  const out: Record<string, PluginSetting> = {}
  const add = (name: unknown, options: unknown, where: string): void => {
    if (typeof name !== 'string' || name === '') { skip(where, 'a plugin needs a package name'); return }
    if (options === false) out[name] = false
    else if (options === undefined || options === null || options === true) out[name] = {}
    else if (isRecord(options)) out[name] = options
    else skip(`${at}.${name}`, 'plugin options must be an object, or false to turn the plugin off')
  }
  if (Array.isArray(value)) {
    value.forEach((entry, i) => {
      if (Array.isArray(entry)) add(entry[0], entry[1], `${at}[${i}]`)
      else add(entry, undefined, `${at}[${i}]`)
    })
    return out
  }
  if (isRecord(value)) {
    for (const [name, options] of Object.entries(value)) add(name, options, `${at}.${name}`)
    return out
  }
  skip(at, 'expected a list or an object of plugins')
  return undefined
}

function highlightSetting(value: unknown, skip: (at: string, why: string) => void): HighlightSetting | undefined {
  if (value === false) return false
  if (!isRecord(value)) { skip('highlight', 'expected false or an object of shiki settings'); return undefined }
  const out: Exclude<HighlightSetting, false> = {}
  if (value.theme !== undefined) {
    if (typeof value.theme === 'string' || isStringRecord(value.theme)) out.theme = value.theme
    else skip('highlight.theme', 'expected a theme name or { default, dark, … }')
  }
  for (const key of ['preload', 'langs'] as const) {
    if (value[key] === undefined) continue
    if (isStringArray(value[key])) out[key] = value[key]
    else skip(`highlight.${key}`, 'expected a list of language names')
  }
  return out
}

function markdownSetting(value: unknown, skip: (at: string, why: string) => void): ContentOptions['markdown'] | undefined {
  if (!isRecord(value)) { skip('markdown', 'expected an object'); return undefined }
  const out: NonNullable<ContentOptions['markdown']> = {}
  if (value.toc !== undefined) {
    if (isRecord(value.toc)) {
      const toc: { depth?: number; searchDepth?: number } = {}
      for (const key of ['depth', 'searchDepth'] as const) {
        if (value.toc[key] === undefined) continue
        if (isCount(value.toc[key])) toc[key] = value.toc[key]
        else skip(`markdown.toc.${key}`, 'expected a whole number')
      }
      out.toc = toc
    } else {
      skip('markdown.toc', 'expected { depth, searchDepth }')
    }
  }
  for (const key of ['remarkPlugins', 'rehypePlugins'] as const) {
    if (value[key] === undefined) continue
    const plugins = pluginRecord(value[key], `markdown.${key}`, skip)
    if (plugins) out[key] = plugins
  }
  if (value.mdc !== undefined) {
    if (typeof value.mdc === 'boolean') out.mdc = value.mdc
    else skip('markdown.mdc', 'expected true or false')
  }
  if (value.anchorLinks !== undefined) {
    const links = value.anchorLinks
    if (typeof links === 'boolean') {
      out.anchorLinks = links
    } else if (isRecord(links) && (links.depth === undefined || isCount(links.depth)) && (links.exclude === undefined || (Array.isArray(links.exclude) && links.exclude.every(isCount)))) {
      out.anchorLinks = { ...(links.depth !== undefined ? { depth: links.depth as number } : {}), ...(links.exclude !== undefined ? { exclude: links.exclude as number[] } : {}) }
    } else {
      skip('markdown.anchorLinks', 'expected true, false or { depth, exclude }')
    }
  }
  if (value.tags !== undefined) {
    if (isStringRecord(value.tags)) out.tags = value.tags
    else skip('markdown.tags', 'expected an object of component names')
  }
  return out
}

/**
 * The keys of ContentOptions in `raw` (other `content:` keys — sources, api, navigation… — do not
 * change a post's JSON), checked against their types; a value of the wrong type is left out with
 * a notice. `where` names the file for the notices.
 */
export function pickContentOptions(raw: unknown, where: string, notices: string[]): ContentOptions {
  const skipped: string[] = []
  const skip = (at: string, why: string): void => { skipped.push(`content.${at} (${why})`) }
  const out: ContentOptions = {}
  if (isRecord(raw)) {
    if (raw.highlight !== undefined) {
      const highlight = highlightSetting(raw.highlight, skip)
      if (highlight !== undefined) out.highlight = highlight
    }
    if (raw.markdown !== undefined) {
      const markdown = markdownSetting(raw.markdown, skip)
      if (markdown !== undefined) out.markdown = markdown
    }
    if (raw.defaultLocale !== undefined) {
      if (typeof raw.defaultLocale === 'string') out.defaultLocale = raw.defaultLocale
      else skip('defaultLocale', 'expected a locale code')
    }
    if (raw.locales !== undefined) {
      if (isStringArray(raw.locales)) out.locales = raw.locales
      else skip('locales', 'expected a list of locale codes')
    }
    if (raw.respectPathCase !== undefined) {
      if (typeof raw.respectPathCase === 'boolean') out.respectPathCase = raw.respectPathCase
      else skip('respectPathCase', 'expected true or false')
    }
  } else if (raw !== undefined && raw !== null) {
    skipped.push('content (expected an object)')
  }
  if (skipped.length > 0) notices.push(`${where}: ${skipped.join('; ')} — left out; the preview uses the default there.`)
  return out
}

/** The version to parse for: the override (an exact version, or `x.y` resolved to its newest release), else the detected one. */
function chosenVersion(detected: DetectedContentVersion, override: string | undefined, notices: string[]): string | null {
  if (override !== undefined && override.trim() !== '') {
    const trimmed = override.trim()
    if (/^\d+\.\d+\.\d+$/.test(trimmed)) return trimmed
    const resolved = resolveContentRange(trimmed)
    if (resolved) return resolved
    notices.push(`inkpost.config.json: "nuxtContentVersion" "${override}" is not a version; the detected one is used.`)
  }
  if (detected.source === 'package-json') {
    notices.push(detected.version
      ? /^\d+\.\d+\.\d+$/.test(String(detected.range ?? '').trim())
        ? `@nuxt/content is not installed and no lockfile pins it; package.json asks for exactly ${detected.version}.`
        : `@nuxt/content is not installed and no lockfile pins it; package.json's "${detected.range}" would install ${detected.version} (the newest matching release Inkpost knows of).`
      : `package.json asks for @nuxt/content "${detected.range}", which is not a version range Inkpost can resolve; set "nuxtContentVersion" in inkpost.config.json.`)
  }
  return detected.version
}

function locationOf(error: NuxtConfigError): string {
  if (!error.file) return ''
  const line = error.line !== undefined ? `:${error.line}${error.column !== undefined ? `:${error.column}` : ''}` : ''
  return ` (${error.file}${line})`
}

/**
 * The parse settings of the site at `root`: its nuxt.config loaded ({@link loadNuxtConfig}, layers
 * included), its `content:` options picked and normalised ({@link pickContentOptions}, array-form
 * plugin lists as objects, inline `['@nuxt/content', {…}]` module options over the `content` key)
 * with `overrides.content` merged over them; its @nuxt/content version ({@link detectContentVersion},
 * or `overrides.nuxtContentVersion`) mapped to a family ({@link familyFor}); and its posts folder
 * ({@link contentDirOf}); with `markdown.tags`, the resolved tag → component map for the preview. A config that throws, hangs or cannot be parsed gives a notice, the
 * default options (plus the overrides) and `configError`. Never rejects for a site's content.
 */
export async function readSiteParseSettings(root: string, overrides?: ParseSettingsOverrides, options?: { timeoutMs?: number }): Promise<SiteParseSettingsResult> {
  const [loaded, detected] = await Promise.all([
    loadNuxtConfig(root, { timeoutMs: options?.timeoutMs }),
    detectContentVersion(root).catch((): DetectedContentVersion => ({ version: null, source: 'none' })),
  ])
  const notices = [...loaded.notices]
  if (loaded.error) {
    notices.unshift(`The site's nuxt.config could not be read: ${loaded.error.message}${locationOf(loaded.error)}. The preview uses the default content options${overrides?.content ? ' with those of inkpost.config.json' : ''}; "content" in inkpost.config.json can give them.`)
  }
  const fromConfig = pickContentOptions(contentOfConfig(loaded.config), 'nuxt.config', notices)
  const fromOverrides = overrides?.content !== undefined ? pickContentOptions(overrides.content, 'inkpost.config.json', notices) : {}
  const contentOptions = merge(fromConfig as Json, fromOverrides as Json, false) as ContentOptions
  const choice = familyFor(chosenVersion(detected, overrides?.nuxtContentVersion, notices))
  if (choice.notice) notices.push(choice.notice)
  const tags = contentOptions.markdown?.tags
  const result: SiteParseSettingsResult = {
    settings: { version: choice.version, family: choice.family, options: contentOptions, ...(tags ? { proseTags: resolveProseTags(choice.family, tags) } : {}) },
    contentDir: contentDirOf(root, loaded.config),
    notices,
  }
  if (loaded.error) result.configError = loaded.error
  return result
}

function themeText(theme: string | Record<string, string> | undefined): string {
  if (theme === undefined) return 'highlight'
  if (typeof theme === 'string') return `highlight ${theme}`
  const names = [...new Set(Object.values(theme))]
  return names.length > 0 ? `highlight ${names.join('/')}` : 'highlight'
}

function pluginText(kind: string, plugins: Record<string, PluginSetting> | undefined): string | null {
  const entries = Object.entries(plugins ?? {})
  if (entries.length === 0) return null
  return `${kind} ${entries.map(([name, setting]) => (setting === false ? `${name} off` : name)).join(', ')}`
}

/**
 * The site bar's line for parse settings: the version, then what differs from the defaults —
 * e.g. `Nuxt Content 2.13.4 · highlight github-dark · toc depth 3`; just `Nuxt Content 2.7.2`
 * for default options.
 */
export function describeParseSettings(s: SiteParseSettings): string {
  const parts = [`Nuxt Content ${s.version}`]
  const { highlight, markdown, defaultLocale, locales, respectPathCase } = s.options
  if (highlight) parts.push(themeText(highlight.theme))
  if (markdown?.toc?.depth !== undefined) parts.push(`toc depth ${markdown.toc.depth}`)
  if (markdown?.toc?.searchDepth !== undefined) parts.push(`toc search depth ${markdown.toc.searchDepth}`)
  if (markdown?.mdc === false) parts.push('MDC off')
  const remark = pluginText('remark', markdown?.remarkPlugins)
  if (remark) parts.push(remark)
  const rehype = pluginText('rehype', markdown?.rehypePlugins)
  if (rehype) parts.push(rehype)
  if (markdown?.anchorLinks === false) parts.push('anchor links off')
  const tags = Object.entries(markdown?.tags ?? {})
  if (tags.length > 0) parts.push(`tags ${tags.map(([tag, component]) => `${tag}→${component}`).join(', ')}`)
  if (defaultLocale) parts.push(`locale ${defaultLocale}`)
  if (locales && locales.length > 0) parts.push(`locales ${locales.join(', ')}`)
  if (respectPathCase) parts.push('path case kept')
  return parts.join(' · ')
}
