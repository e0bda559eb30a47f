/** Which Nuxt Content output a site gets: 2.7's own markdown pipeline, or 2.8–2.13's, built on `@nuxtjs/mdc`. */
export type ContentFamily = '2.7' | '2.13'

/** A remark/rehype plugin entry of `content.markdown.remarkPlugins` / `rehypePlugins`: `false` turns a default plugin off, an object (re)configures it. */
export type PluginSetting = false | Record<string, unknown>

/** `content.highlight` of nuxt.config: `false` (default), or shiki settings. */
export type HighlightSetting = false | {
  /** A theme name, or `{ default, dark, … }` for colour-mode variants. */
  theme?: string | Record<string, string>
  /** 2.7: languages loaded up front. */
  preload?: string[]
  /** 2.13: languages to load. */
  langs?: string[]
}

/** The `content:` options of a site's nuxt.config that change the parsed JSON (or, for `anchorLinks`/`tags`, only the rendering). */
export interface ContentOptions {
  highlight?: HighlightSetting
  markdown?: {
    toc?: { depth?: number; searchDepth?: number }
    remarkPlugins?: Record<string, PluginSetting>
    rehypePlugins?: Record<string, PluginSetting>
    /** `false` turns MDC syntax off. */
    mdc?: boolean
    /** Rendering only: heading anchor links (`false`, or `{ depth, exclude }`). */
    anchorLinks?: boolean | { depth?: number; exclude?: number[] }
    /** Rendering only: prose component names per tag. */
    tags?: Record<string, string>
  }
  defaultLocale?: string
  locales?: string[]
  respectPathCase?: boolean
}

/** What a post is parsed for: the site's Nuxt Content version, its family and its options. */
export interface SiteParseSettings {
  /** The exact version detected (e.g. `2.13.4`), or the family's reference version when none was found. */
  version: string
  family: ContentFamily
  options: ContentOptions
  /**
   * Rendering only: the component each tag renders as — the site's `markdown.tags` over the
   * family's prose defaults (see `resolveProseTags`); set when the site has `markdown.tags`.
   */
  proseTags?: Record<string, string>
}

/** A site with no settings found: Nuxt Content 2.7 with default options (the sample site). */
export const DEFAULT_PARSE_SETTINGS: Readonly<SiteParseSettings> = Object.freeze({ version: '2.7.2', family: '2.7', options: {} })
