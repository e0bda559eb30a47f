import { contentIdFor, decodePostText, PostParseFailure, tryParsePost } from '../../shared/parser/index'
import type { ParsedContent, PostParseError } from '../../shared/parser/parse-types'
// the parser's own frontmatter split and path-meta step, for the metadata-only fast path
import { withPathMeta } from '../../shared/parser/path-meta'
import { bodyWithoutFrontmatter, splitFrontmatter } from '../../shared/parser/split-frontmatter'
import type { PostSummary } from '../../shared/services/library-service'

/** The library fields of one post plus what search needs; `size`/`mtime` are added by the caller. */
export interface PostFacts {
  summary: Omit<PostSummary, 'size' | 'mtime' | 'file'>
  /** Lower-cased title, tags and body text, for search. */
  haystack: string
  /** Whether the metadata-only fast path was enough (false: the full parse ran). */
  cheap: boolean
}

function dateString(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null
    const iso = value.toISOString()
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso
  }
  return typeof value === 'string' ? value : String(value)
}

function tagList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((t) => typeof t === 'string' || typeof t === 'number').map(String)
  if (typeof value === 'string' && value) return [value]
  return []
}

function summaryOf(parsed: ParsedContent, error: PostParseError | null): PostFacts['summary'] {
  return {
    path: String(parsed._path),
    title: typeof parsed.title === 'string' ? parsed.title : String(parsed.title ?? ''),
    date: dateString(parsed.date),
    tags: tagList(parsed.tags),
    draft: parsed.draft === true || parsed._draft === true,
    summary: typeof parsed.summary === 'string' ? parsed.summary : '',
    ...(error ? { error: { message: error.message, ...(error.line ? { line: error.line } : {}), ...(error.column ? { column: error.column } : {}) } } : {}),
  }
}

/** A leading `# heading` whose text is plain: letters, digits, spaces and punctuation no markdown, MDC, emoji or entity rule touches. */
const PLAIN_H1 = /^# +([\p{L}\p{M}\p{N}.,!?'"()/%+=;$-](?:[\p{L}\p{M}\p{N} .,!?'"()/%+=;$-]*[\p{L}\p{M}\p{N}.,!?'"()/%+=;$-])?) *$/u

/**
 * The title Nuxt takes from the content when the first line of the body is a plain `# heading`
 * (its text verbatim, as the parser's `contentHeading` gets it from a leading h1); null when the
 * body starts any other way and only the full parse can tell.
 */
export function leadingPlainH1(body: string): string | null {
  let start = 0
  while (start < body.length) {
    const end = body.indexOf('\n', start)
    const line = body.slice(start, end === -1 ? body.length : end)
    if (line.trim() !== '') return PLAIN_H1.exec(line)?.[1] ?? null
    if (end === -1) break
    start = end + 1
  }
  return null
}

/**
 * The metadata-only fast path: the parser's own frontmatter split (remark-mdc) and path-meta step,
 * without rendering the body. Nuxt's `title` is `frontmatter.title || fileNameTitle` when the
 * frontmatter has a `title` key; otherwise it is the text of a leading h1, which is known without
 * a parse only for a plain `# heading` first line. Every other library field (path, date, tags,
 * draft, summary) comes from frontmatter and id alone. Null when the fast path does not apply
 * (no title key and no plain leading heading, or invalid YAML).
 */
export function metadataOnly(text: string, id: string): { parsed: ParsedContent; body: string } | null {
  let split
  try {
    split = splitFrontmatter(text)
  } catch {
    return null // invalid YAML: the full parse reports it with line and column
  }
  let title = ''
  if (!Object.prototype.hasOwnProperty.call(split.data, 'title')) {
    const heading = leadingPlainH1(split.body)
    if (heading === null) return null
    title = heading
  }
  // the same key order parsePost builds (`title`/`description` first, then the data), then path meta
  const parsed = withPathMeta({ title, description: '', ...split.data, _type: 'markdown', _id: id }, id) as ParsedContent
  return { parsed, body: split.body }
}

/**
 * Library facts for a post, from the shared parser. Fast path: `metadataOnly` (frontmatter with a
 * `title` key). Otherwise the full `tryParsePost`. Tests compare both paths on the whole corpus.
 * Body-level parse errors (e.g. nesting too deep) are only found by the full path.
 */
export function postFacts(text: string, file: string, options: { fullParse?: boolean } = {}): PostFacts {
  const id = contentIdFor(file)
  const normalised = text.replace(/\r\n?/g, '\n')
  const fast = options.fullParse ? null : metadataOnly(normalised, id)
  let summary: PostFacts['summary']
  let body: string
  if (fast) {
    summary = summaryOf(fast.parsed, null)
    body = fast.body
  } else {
    const outcome = tryParsePost(normalised, { id })
    let parsed = outcome.parsed
    if (!parsed) {
      // the body does not parse (the site fails on it too): best-effort fields from the frontmatter
      parsed = metadataOnly(normalised, id)?.parsed ?? tryParsePost('', { id }).parsed
    }
    if (!parsed) throw new Error(`the parser returned nothing for ${file}`)
    summary = summaryOf(parsed, outcome.error ?? (outcome.parsed ? null : { kind: 'parser', message: 'The post could not be parsed' }))
    body = bodyWithoutFrontmatter(normalised).body
  }
  return { summary, haystack: `${summary.title}\n${summary.tags.join('\n')}\n${body}`.toLowerCase(), cheap: fast !== null }
}

/** The lower-cased text `library.list({search})` matches: title, tags and the body after the frontmatter. */
export function searchText(title: string, tags: string[], text: string): string {
  return `${title}\n${tags.join('\n')}\n${bodyWithoutFrontmatter(normaliseEol(text)).body}`.toLowerCase()
}

function normaliseEol(text: string): string {
  return text.replace(/\r\n?/g, '\n')
}


/** Library facts for a file whose bytes are not UTF-8 text: the path-derived fields and the decode error. */
export function undecodableFacts(file: string, message: string): PostFacts {
  const parsed = tryParsePost('', { id: contentIdFor(file) }).parsed
  const base = parsed ? summaryOf(parsed, null) : { path: '', title: file, date: null, tags: [], draft: false, summary: '' }
  return { summary: { ...base, error: { message } }, haystack: base.title.toLowerCase(), cheap: false }
}

/** Decodes post bytes with the shared parser's strict UTF-8 decoder; returns the text or the decode error message. */
export function decodeOrError(bytes: Uint8Array): { text: string } | { error: string } {
  try {
    return { text: decodePostText(bytes) }
  } catch (error) {
    if (error instanceof PostParseFailure) return { error: error.detail.message }
    return { error: error instanceof Error ? error.message : String(error) }
  }
}
