import type { ContentOptions, SiteParseSettings } from '../parser/content-options'

/** Per-site settings read from `inkpost.config.json` at the site root (all optional there). */
export interface SiteSettings {
  /** Content folder relative to the site root. Default `content`. */
  contentDir: string
  /** Public folder relative to the site root. Default `public`. */
  publicDir: string
  /** Where dropped images go, relative to the public folder. Default `images/blogImg`. */
  imageDir: string
  /**
   * File name pattern for new images: `{date}` (post date, YYYY-MM-DD), `{yyyy}`, `{mm}`, `{n}` (the
   * next free number), `{slug}` (the post's file name without date and `.md`), `{name}` (the dropped
   * file's base name), `{ext}`. Default `{date}-{n}.{ext}`.
   */
  imageNamePattern: string
  /** Markdown inserted for a dropped figure: `{src}` (site URL like /images/…), `{alt}`, `{caption}`. Default: the sample post's `<figure>` block. */
  figureTemplate: string
  /** What a dropped image becomes: the figure template (default) or a markdown image `![alt](src)`. */
  insertImageAs: 'figure' | 'markdown'
  /** Optimise imported images (downscale, recompress, strip metadata). Default true. */
  optimizeImages: boolean
  /** Wider images are downscaled to this width on import. Default 1600. */
  maxImageWidth: number
  /** JPEG and WebP quality on import (1–100). Default 82. */
  imageQuality: number
  /** Largest image accepted for import, in bytes. Default 64 MiB. */
  maxImportBytes: number
  /** Let posts contain script, iframe, event handlers and `javascript:` links without a check error. Default false. */
  allowUnsafeHtml: boolean
  /** Let the preview load remote images and media (http(s) from other hosts) without asking; default false: each waits for its Load button. */
  loadRemoteMedia: boolean
  /** Overrides of the `content:` options read from nuxt.config (for sites whose config cannot be evaluated). */
  content?: ContentOptions
  /** Overrides the detected @nuxt/content version (e.g. `2.13.4`). */
  nuxtContentVersion?: string
}

/** What the UI knows about the open site. */
export interface SiteInfo {
  /** Absolute real path of the site root. */
  root: string
  /** Display name (folder name). */
  name: string
  /** True when `content/`, `public/` or `nuxt.config.*` marks it as a Nuxt site. */
  isNuxtSite: boolean
  /** Which markers were found, for the UI to explain its guess. */
  markers: { content: boolean; public: boolean; nuxtConfig: boolean }
  settings: SiteSettings
  /** What posts are parsed for: the site's Nuxt Content version, family and `content:` options. */
  parse: SiteParseSettings
  /** The site bar's line, e.g. "Nuxt Content 2.13.4 · highlight github-dark · toc depth 3". */
  parseDescription: string
  /** What the writer should know about the settings (a config that failed, a plugin left out, a version outside both families). */
  parseNotices: string[]
}

/** Opening a site folder and remembering recent ones. */
export interface SiteService {
  /** Opens `dir` (absolute) as the current site; refuses with `not-a-site` when it has no content folder. */
  open(dir: string): Promise<SiteInfo>
  /** The site currently open, or null. */
  current(): Promise<SiteInfo | null>
  /** Recently opened site roots that exist now, newest first (missing ones stay remembered, just not listed). */
  recent(): Promise<string[]>
}
