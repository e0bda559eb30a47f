import type { ParsedBody, PostParseError } from '../parser/parse-types'

/**
 * The document a Nuxt Content 2.13.4 site stores for a markdown post: path meta
 * (`_path, _dir, _draft, _partial, _locale`), title/description, the frontmatter keys, `excerpt`
 * (only with `<!--more-->`), `body` (with `toc`), `_type`, `_id`, `_source`, `_file`, `_stem`,
 * `_extension` — in that key order. No `_empty` (2.7 had one).
 */
export interface ParsedContent213 {
  _path: string
  _dir: string
  _draft: unknown
  _partial: boolean
  _locale: string
  title: unknown
  description: unknown
  excerpt?: ParsedBody
  body: ParsedBody
  _type: 'markdown'
  _id: string
  _source: string
  _file: string
  _stem: string
  _extension: string
  [key: string]: unknown
}

/** Which shiki regex engine highlights code: `oniguruma` (WebAssembly, what the site uses by default) or `javascript`. */
export type ShikiEngine213 = 'oniguruma' | 'javascript'

/** Options of `parsePost213`: the content id and the site's `content:` options. */
export interface ParseOptions213 {
  /** Nuxt Content id, e.g. `content:blog:post.md`. */
  id: string
  /** The site's `content:` options of nuxt.config (defaults when absent). */
  content?: import('../parser/content-options').ContentOptions
  /** Regex engine for highlighted code; default `oniguruma` (see README for the measurements). */
  engine?: ShikiEngine213
  /** The site's own remark/rehype plugins, loaded by the host from its node_modules (see `LoadedPlugins`). */
  plugins?: import('../parser/site-plugins').LoadedPlugins
}

/** A 2.13 parse error: `frontmatter` (with line/column in the file) or `parser`. */
export interface PostParseError213 {
  kind: Extract<PostParseError['kind'], 'frontmatter' | 'parser'>
  message: string
  line?: number
  column?: number
}

/** Result of `tryParsePost213`: see its documentation for when `parsed` is set alongside an error. */
export interface ParseOutcome213 {
  parsed: ParsedContent213 | null
  error?: PostParseError213
}
