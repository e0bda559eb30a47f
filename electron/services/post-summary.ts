import { contentIdFor, decodePostText, PostParseFailure, tryParsePost } from '../../shared/parser/index'
import { displayValue } from '../../shared/render/display-value'
import { DEFAULT_PARSE_SETTINGS, type SiteParseSettings } from '../../shared/parser/content-options'
import { tryParseForSite, type SiteParseOutcome } from '../../shared/parser/parse-for-site'
import type { LoadedPlugins } from '../../shared/parser/site-plugins'
import type { ParsedContent, PostParseError } from '../../shared/parser/parse-types'
// the parser's own frontmatter split and path-meta step, for the metadata-only fast path
import { pathMetaOptions, withPathMeta } from '../../shared/parser/path-meta'
import { DEFAULT_REHYPE_PLUGINS, DEFAULT_REMARK_PLUGINS } from '../../shared/parser/resolve-markdown-plugins'
import { bodyWithoutFrontmatter, splitFrontmatter } from '../../shared/parser/split-frontmatter'
import { DEFAULT_REHYPE_213, DEFAULT_REMARK_213 } from '../../shared/parser-213/default-plugins-213'
import { frontmatterData213 } from '../../shared/parser-213/frontmatter-data-213'
import { pathMetaSettings213, withPathMeta213 } from '../../shared/parser-213/path-meta-213'
import type { PostSummary } from '../../shared/services/library-service'
import { libraryDate, libraryTags } from '../../shared/services/library-row-fields'

/** A full parse of a post for the site (e.g. in the parse pool, see `parseOnSite`), instead of one on this thread. */
export type PostParse = (text: string, options: { id: string; plain?: boolean }) => Promise<SiteParseOutcome>

/** The library fields of one post plus what search needs; `size`/`mtime` are added by the caller. */
export interface PostFacts {
  summary: Omit<PostSummary, 'size' | 'mtime' | 'file'>
  /** Lower-cased title, tags and body text, for search. */
  haystack: string
  /** Whether the metadata-only fast path was enough (false: the full parse ran). */
  cheap: boolean
}

function summaryOf(parsed: ParsedContent, error: PostParseError | null): PostFacts['summary'] {
  return {
    path: String(parsed._path),
    title: displayValue(parsed.title),
    date: libraryDate(parsed.date),
    tags: libraryTags(parsed.tags),
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

/** True when the site runs a remark/rehype plugin that is not one of its family's defaults (it may add data the fast path cannot see). */
function runsExtraPlugins(settings: SiteParseSettings): boolean {
  const markdown = settings.options.markdown ?? {}
  const [remark, rehype] = settings.family === '2.13' ? [DEFAULT_REMARK_213, DEFAULT_REHYPE_213] : [DEFAULT_REMARK_PLUGINS, DEFAULT_REHYPE_PLUGINS]
  const extra = (plugins: Record<string, unknown> | undefined, defaults: readonly string[]): boolean => Object.entries(plugins ?? {}).some(([name, setting]) => setting !== false && !defaults.includes(name))
  return extra(markdown.remarkPlugins, remark) || extra(markdown.rehypePlugins, rehype)
}

/**
 * The metadata-only fast path: the family's own frontmatter reader (2.7: the parser's remark-mdc
 * split; 2.13: the `yaml` reader mdc uses) and path-meta step with the site's locale and case
 * options, without rendering the body. Nuxt's `title` is `frontmatter.title || fileNameTitle`
 * when the frontmatter has a `title` key; otherwise it is the text of a leading h1, which is known
 * without a parse only for a plain `# heading` first line. Every other library field (path, date,
 * tags, draft, summary) comes from frontmatter and id alone. Null when the fast path does not
 * apply (no title key and no plain leading heading, invalid YAML, or a plugin beyond the defaults).
 */
export function metadataOnly(text: string, id: string, settings: SiteParseSettings = DEFAULT_PARSE_SETTINGS): { parsed: ParsedContent; body: string } | null {
  if (runsExtraPlugins(settings)) return null
  let split: { data: Record<string, unknown>; body: string } | null
  try {
    split = settings.family === '2.13' ? frontmatterData213(text) : splitFrontmatter(text)
  } catch {
    split = null // invalid YAML: the full parse reports it with line and column
  }
  if (!split) return null
  let title = ''
  if (!Object.prototype.hasOwnProperty.call(split.data, 'title')) {
    const heading = leadingPlainH1(split.body)
    if (heading === null) return null
    title = heading
  }
  // the same key order the parser builds (`title`/`description` first, then the data), then path meta
  const doc = { title, description: '', ...split.data, _type: 'markdown', _id: id }
  try {
    const parsed = settings.family === '2.13'
      ? withPathMeta213(doc, id, pathMetaSettings213(settings.options))
      : withPathMeta(doc, id, pathMetaOptions(settings.options))
    return { parsed: parsed as ParsedContent, body: split.body }
  } catch {
    return null // e.g. a locale-only path: the full parse says why
  }
}

/** The fields a post of `id` gets from its path alone (an empty post), for the site's family and options. */
async function pathOnly(id: string, settings: SiteParseSettings): Promise<ParsedContent | null> {
  const outcome = await tryParseForSite('', { id, settings, plain: true })
  return outcome.parsed ?? tryParsePost('', { id }).parsed
}

/**
 * Library facts for a post, parsed for its site (`settings`: family, version, options; default a
 * 2.7 site with default options; `plugins`: its own loaded plugins), like `inkpost parse` and `inkpost check`. Fast path:
 * `metadataOnly` (frontmatter with a `title` key). Otherwise the full `tryParseForSite` (without
 * highlighting, which no library field depends on): the fields are what the site stores — for a
 * 2.13 site with invalid YAML what its reader recovers, with the error kept so the writer sees it.
 * Tests compare both paths on the whole corpus. Body-level parse errors (e.g. nesting too deep)
 * are only found by the full path. `parse` runs the full parse instead (the library passes the
 * site's parse pool, so a post too slow to parse gets that error instead of blocking).
 */
export async function postFacts(text: string, file: string, options: { fullParse?: boolean; settings?: SiteParseSettings; plugins?: LoadedPlugins; parse?: PostParse } = {}): Promise<PostFacts> {
  const settings = options.settings ?? DEFAULT_PARSE_SETTINGS
  const id = contentIdFor(file)
  const normalised = text.replace(/\r\n?/g, '\n')
  const fast = options.fullParse ? null : metadataOnly(normalised, id, settings)
  let summary: PostFacts['summary']
  let body: string
  if (fast) {
    summary = summaryOf(fast.parsed, null)
    body = fast.body
  } else {
    const outcome = options.parse ? await options.parse(normalised, { id, plain: true }) : await tryParseForSite(normalised, { id, settings, plain: true, plugins: options.plugins })
    // what the site stores; when its build fails on the post, best-effort fields from the frontmatter
    let parsed = outcome.stored ?? outcome.parsed
    if (!parsed) parsed = metadataOnly(normalised, id, settings)?.parsed ?? (await pathOnly(id, settings))
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


/** Library facts for a file whose bytes are not UTF-8 text: the path-derived fields (for the site's settings) and the decode error. */
export async function undecodableFacts(file: string, message: string, settings: SiteParseSettings = DEFAULT_PARSE_SETTINGS): Promise<PostFacts> {
  const parsed = await pathOnly(contentIdFor(file), settings)
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
