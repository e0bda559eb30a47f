import { hash } from 'ohash'
import type { ParsedContent } from './parse-types'
import type { SiteParseSettings } from './content-options'

/** A parsed-cache entry as Nuxt Content 2.7 writes it to `.nuxt/content-cache/parsed/…`. */
export interface CacheEntry {
  parsed: ParsedContent
  hash: string
}

/** The file facts the hash depends on (from `fs.stat`). */
export interface FileStat {
  /** Last modification time: a Date, epoch milliseconds or an ISO string. */
  mtime: Date | number | string
  /** File size in bytes. */
  size: number
}

/** Nuxt Content 2.7's `CACHE_VERSION` (module.mjs); bumping it invalidates every cache entry. */
export const CONTENT_CACHE_VERSION = 2

/** Nuxt Content's prose components, the default `markdown.tags` map (`p` → `prose-p`, …). */
const PROSE_TAGS = ['p', 'a', 'blockquote', 'code-inline', 'code', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'img', 'ul', 'ol', 'li', 'strong', 'table', 'thead', 'tbody', 'td', 'th', 'tr']

/**
 * The object Nuxt Content 2.7's module hashes into `cacheIntegrity` for a site with default
 * options. In module.mjs `setup()` it is `hash({locales: options.locales, options:
 * options.defaultLocale, markdown: options.markdown, hightlight: options.highlight})` (sic: the
 * keys really are `options` and `hightlight`), computed before `processMarkdownOptions` runs, so
 * `markdown` is just the module defaults `{tags, anchorLinks: {depth: 4, exclude: [1]}}`;
 * `defaultLocale` is undefined and `locales` is `[undefined].filter(Boolean)` = `[]`;
 * `highlight` defaults to `false`.
 */
export function defaultSiteIntegrityInput(): Record<string, unknown> {
  return {
    locales: [],
    options: undefined,
    markdown: {
      tags: Object.fromEntries(PROSE_TAGS.map(tag => [tag, `prose-${tag}`])),
      anchorLinks: { depth: 4, exclude: [1] },
    },
    hightlight: false,
  }
}

let integrity: string | undefined

/** `cacheIntegrity` of a default Nuxt Content 2.7 site: ohash 1.1.6 `hash()` of {@link defaultSiteIntegrityInput}. */
export function defaultSiteCacheIntegrity(): string {
  integrity ??= hash(defaultSiteIntegrityInput())
  return integrity
}

/**
 * `cacheIntegrity` of a 2.13 site (2.8+ add `code: 'ProseCodeInline'` to the prose tags; the raw
 * `highlight` option is hashed as given). Checked against real `nuxi build` caches for the default
 * options and for `highlight: { theme: 'github-dark' }`; other options (toc, plugins, locales) are
 * hashed the same way but were not checked against a build.
 */
export function siteCacheIntegrity213(settings: Pick<SiteParseSettings, 'options'>): string {
  const options = settings.options ?? {}
  const { toc, remarkPlugins, rehypePlugins, mdc, anchorLinks, tags } = options.markdown ?? {}
  const extra = Object.fromEntries(Object.entries({ toc, remarkPlugins, rehypePlugins, mdc }).filter(([, v]) => v !== undefined))
  return hash({
    locales: options.locales ?? [],
    options: options.defaultLocale,
    markdown: {
      ...extra,
      tags: { ...Object.fromEntries(PROSE_TAGS.map(tag => [tag, `prose-${tag}`])), code: 'ProseCodeInline', ...(tags ?? {}) },
      anchorLinks: anchorLinks ?? { depth: 4, exclude: [1] },
    },
    hightlight: options.highlight ?? false,
  })
}

/** The integrity a site's cache entries are hashed with: 2.13 sites' own, else the default 2.7 site's. */
export function cacheIntegrityFor(settings?: Pick<SiteParseSettings, 'family' | 'options'>): string {
  return settings?.family === '2.13' ? siteCacheIntegrity213(settings) : defaultSiteCacheIntegrity()
}

/**
 * The object the site hashes per file (runtime/server/storage.mjs): `{mtime, size, version,
 * integrity}` where `mtime` is the `Date` from the storage driver's `stat` and `size` defaults to 0.
 */
export function cacheHashInput(stat: FileStat, integrity: string = defaultSiteCacheIntegrity()): Record<string, unknown> {
  return {
    mtime: stat.mtime instanceof Date ? stat.mtime : new Date(stat.mtime),
    size: stat.size || 0,
    version: CONTENT_CACHE_VERSION,
    integrity,
  }
}

/**
 * The `{parsed, hash}` entry Nuxt Content keeps in its parsed-content cache for a file: the
 * hash is ohash's `hash()` (sha256, base64, 10 characters) of {@link cacheHashInput}, so it changes
 * when the file's mtime or size changes, or with the module version/options.
 */
export function toCacheEntry(parsed: ParsedContent, stat: FileStat, settings?: Pick<SiteParseSettings, 'family' | 'options'>): CacheEntry {
  return { parsed, hash: hash(cacheHashInput(stat, cacheIntegrityFor(settings))) }
}
