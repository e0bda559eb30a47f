import { randomBytes } from 'node:crypto'
import { contentIdFor, decodePostText, tryParsePost } from '../../shared/parser/index'
import type { ParsedContent, PostParseError } from '../../shared/parser/parse-types'
import type { PostSummary } from '../../shared/services/library-service'

/** The library fields of one post plus what search needs; `size`/`mtime` are added by the caller. */
export interface PostFacts {
  summary: Omit<PostSummary, 'size' | 'mtime' | 'file'>
  /** Lower-cased title, tags and body text, for search. */
  haystack: string
  /** Whether the cheap (frontmatter-only) path was enough. */
  cheap: boolean
}

/** A heading nobody writes: if it comes back as `title`, the frontmatter had no `title` key. */
const SENTINEL = `inkpostprobe${randomBytes(8).toString('hex')}`

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

function bodyOf(text: string): string {
  if (text.startsWith('---')) {
    const idx = text.indexOf('\n---')
    if (idx > 4) return text.slice(idx + 4)
  }
  return text
}

/**
 * The frontmatter-only source used for the fast path: the frontmatter block exactly as the parser
 * will split it (remark-mdc: from the leading `---` to the first `\n---`) followed by a sentinel
 * heading. Null when the post has no frontmatter.
 */
export function cheapSourceFor(text: string): string | null {
  if (!text.startsWith('---')) return null
  const idx = text.indexOf('\n---')
  if (idx <= 4) return null
  return `${text.slice(0, idx + 4)}\n\n# ${SENTINEL}\n`
}

/**
 * Library facts for a post, always computed by the shared parser. Fast path: parse only the
 * frontmatter plus a sentinel heading. Nuxt's `title` is `frontmatter.title || fileNameTitle` when
 * the frontmatter has a `title` key, else the first h1: so if the sentinel comes back as the title
 * the key was missing and the full post is parsed. Every other library field (path, date, tags,
 * draft, summary, YAML errors) depends only on the frontmatter and the file id, so both paths agree
 * (tests compare them on the whole corpus). Body-level parse errors are only found by the full path.
 */
export function postFacts(text: string, file: string, options: { fullParse?: boolean } = {}): PostFacts {
  const id = contentIdFor(file)
  const normalised = text.replace(/\r\n?/g, '\n')
  const body = bodyOf(normalised)
  const cheapSource = options.fullParse ? null : cheapSourceFor(normalised)
  let outcome = cheapSource ? tryParsePost(cheapSource, { id }) : null
  let cheap = true
  if (!outcome || !outcome.parsed || outcome.parsed.title === SENTINEL) {
    outcome = tryParsePost(normalised, { id })
    cheap = false
  }
  const parsed = outcome.parsed ?? tryParsePost('', { id }).parsed
  if (!parsed) throw new Error(`the parser returned nothing for ${file}`)
  const summary = summaryOf(parsed, outcome.error ?? (outcome.parsed ? null : { kind: 'parser', message: 'The post could not be parsed' }))
  const haystack = `${summary.title}\n${summary.tags.join('\n')}\n${body}`.toLowerCase()
  return { summary, haystack, cheap }
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
    const inner = (error as { error?: { message?: string } }).error
    return { error: inner?.message ?? (error instanceof Error ? error.message : String(error)) }
  }
}
