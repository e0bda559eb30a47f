import type { ContentOptions } from './content-options'

/** A node of the parsed body, exactly as Nuxt Content 2.7 stores it. */
export type MinimarkNode = MinimarkElement | MinimarkText

/** An element: `{type: 'element', tag, props, children}`. */
export interface MinimarkElement {
  type: 'element'
  tag: string
  props: Record<string, unknown>
  children: MinimarkNode[]
}

/** A text leaf. */
export interface MinimarkText {
  type: 'text'
  value: string
}

/** One table-of-contents link; `children` only when it has sub-headings. */
export interface TocLink {
  id: string
  depth: number
  text: string
  children?: TocLink[]
}

/** `body.toc` as Nuxt Content 2.7 builds it. */
export interface Toc {
  title: string
  searchDepth: number
  depth: number
  links: TocLink[]
}

/** The body root: `{type: 'root', children, toc?}`. */
export interface ParsedBody {
  type: 'root'
  children: MinimarkNode[]
  toc?: Toc
}

/**
 * The parsed document: path meta, title/description, every frontmatter key, `body`, `_type`,
 * `_id`, `_source`, `_file`, `_extension` — in the reference's key order.
 */
export interface ParsedContent {
  _path: string
  _dir: string
  _draft: boolean
  _partial: boolean
  _locale: string
  _empty: boolean
  title: string
  description: string
  excerpt?: ParsedBody
  body: ParsedBody
  _type: 'markdown'
  _id: string
  _source: string
  _file: string
  _extension: string
  [key: string]: unknown
}

/** Options for `parsePost`. */
export interface ParseOptions {
  /** Nuxt Content id: `content:` + path relative to the content dir with `/` → `:`, e.g. `content:blog:post.md`. */
  id: string
  /** The site's `content:` options (nuxt.config); omitted = a default site. `highlight` is applied by `parsePostHighlighted` only. */
  content?: ContentOptions
}

/** Why a post could not be (fully) parsed, with a 1-based position where one is known. */
export interface PostParseError {
  /** `too-slow` / `out-of-memory`: stopped at the parse pool's time or memory limit (electron/services/parse-pool.ts). */
  kind: 'frontmatter' | 'encoding' | 'too-deep' | 'parser' | 'too-slow' | 'out-of-memory'
  message: string
  line?: number
  column?: number
}

/** Result of `tryParsePost`: `parsed` is still set for a frontmatter error (body parsed without the frontmatter) so the preview can show it. */
export interface ParseOutcome {
  parsed: ParsedContent | null
  error: PostParseError | null
  /** Site options that are not applied (e.g. a non-default plugin left out); only present when there are some. */
  notices?: string[]
}
