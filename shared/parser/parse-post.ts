import { compileMinimark, CompileError } from './compile-minimark'
import { locateComponentYamlError } from './component-yaml-error'
import { contentHeading } from './content-heading'
import { excerptSource } from './excerpt-source'
import { generateToc, tocSettings } from './generate-toc'
import type { MarkdownProcessor } from './markdown-processor'
import { MdcLabelHang } from './mdc-hang-guard'
import { deepestPoint, excessiveNesting, mostNestedLine } from './nesting-depth'
import { parseInSections } from './parse-in-sections'
import type { ParsedBody, ParsedContent, ParseOptions, ParseOutcome, PostParseError } from './parse-types'
import { withPathMeta } from './path-meta'
import { PostParseFailure } from './post-parse-failure'
import { resolveSiteOptions, type ResolvedSiteOptions } from './resolve-site-options'
import { BodyPositionMapper, type LineColumn } from './source-position'
import { bodyWithoutFrontmatter, splitFrontmatter } from './split-frontmatter'

/** Nuxt Content normalises every line ending to `\n` before parsing. */
export function normalizeLineEnds(source: string): string {
  return source.replace(/\r\n|\r/g, '\n')
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message)
}

/** `… (2:1-3:1): a different token (`x`, 2:1-3:6) …` → the open token's start, else the first point. */
function pointInMessage(message: string): LineColumn | undefined {
  const match = /\(`[^`]*`, (\d+):(\d+)/.exec(message) ?? /\((\d+):(\d+)/.exec(message)
  return match ? { line: Number(match[1]), column: Number(match[2]) } : undefined
}

function withPlace(message: string, where: LineColumn | undefined): PostParseError {
  return where ? { kind: 'parser', message: `${message} (line ${where.line}, column ${where.column})`, ...where } : { kind: 'parser', message }
}

type HastRoot = Parameters<typeof compileMinimark>[0]

/** The fast path for long posts (see {@link parseInSections}); undefined when not applicable or on any error. */
function renderInSections(markdown: string, processor: MarkdownProcessor): ParsedBody | undefined {
  try {
    const mdast = parseInSections(text => processor.parse(text), markdown)
    return mdast && compileMinimark(processor.runSync(mdast) as HastRoot)
  } catch {
    return undefined // positions in a sectioned tree are per section: errors are reported by the whole parse
  }
}

/** Markdown → minimark body, turning every failure into a positioned {@link PostParseFailure}. */
export function renderBody(markdown: string, mapper: BodyPositionMapper, site: ResolvedSiteOptions): ParsedBody {
  const { processor } = site
  const excessive = excessiveNesting(markdown)
  if (excessive) throw tooDeep(mapper.toFile(excessive), `about ${excessive.depth} nested levels; the limit is ${excessive.limit}`)
  const sectioned = site.sections ? renderInSections(markdown, processor) : undefined
  if (sectioned) return sectioned
  let mdast: unknown
  try {
    mdast = processor.parse(markdown)
  } catch (error) {
    if (isStackOverflow(error)) throw tooDeep(mapper.toFile(mostNestedLine(markdown)), 'the parser ran out of stack')
    if (error instanceof MdcLabelHang) {
      throw new PostParseFailure(withPlace(error.message, mapper.toFile({ line: error.point.line, column: error.point.column })))
    }
    const message = String((error as Error)?.message ?? error).split('\n')[0]
    const where = pointInMessage(message)
    throw new PostParseFailure(withPlace(`Cannot parse the markdown structure: ${message}`, where && mapper.toFile(where)))
  }
  try {
    return compileMinimark(processor.runSync(mdast) as HastRoot)
  } catch (error) {
    if (isStackOverflow(error)) {
      const deepest = deepestPoint(mdast as Parameters<typeof deepestPoint>[0])
      throw tooDeep(deepest.position ? mapper.toFile(deepest.position) : mapper.toFile(mostNestedLine(markdown)), 'the parser ran out of stack')
    }
    if (error instanceof CompileError) {
      throw new PostParseFailure(withPlace(error.message, error.position && mapper.toFile(error.position)))
    }
    const yamlError = (error as Error)?.name === 'YAMLException' ? locateComponentYamlError(mdast as Parameters<typeof locateComponentYamlError>[0]) : undefined
    if (yamlError) {
      const where = mapper.toFile(yamlError)
      throw new PostParseFailure(withPlace(`Invalid YAML props in the "${yamlError.component}" component: ${yamlError.reason}`, where))
    }
    const message = String((error as Error)?.message ?? error).split('\n')[0]
    const where = pointInMessage(message)
    throw new PostParseFailure(withPlace(`Cannot convert the markdown: ${message}`, where && mapper.toFile(where)))
  }
}

function tooDeep(where: LineColumn, why: string): PostParseFailure {
  return new PostParseFailure({
    kind: 'too-deep',
    message: `The post is nested too deeply to parse (${why}): reduce the nesting of blockquotes, lists, components, emphasis or HTML around line ${where.line}, column ${where.column}`,
    ...where,
  })
}

/** Renders markdown into a minimark body ({@link renderBody}, or the incremental parser's). */
export type BodyRenderer = (markdown: string, mapper: BodyPositionMapper, site: ResolvedSiteOptions) => ParsedBody

/** Builds the full document from a body and its frontmatter data, in the reference's key order. */
export function buildContent(text: string, body: string, bodyOffset: number, data: Record<string, unknown>, id: string, site: ResolvedSiteOptions, render: BodyRenderer = renderBody): ParsedContent {
  const mapper = new BodyPositionMapper(text, bodyOffset)
  const tree = render(body, mapper, site)
  const toc = data.toc !== false ? generateToc(tree, tocSettings(data.toc, site.toc)) : undefined
  const excerptMarkdown = excerptSource(body)
  const excerpt = excerptMarkdown ? render(excerptMarkdown, mapper, site) : undefined
  const heading = contentHeading(tree)
  const meta = {
    _empty: body.trim().length === 0,
    title: heading.title,
    description: heading.description,
    excerpt,
    ...data,
  }
  const document = { ...meta, body: { ...tree, toc }, _type: 'markdown', _id: id }
  return withPathMeta(document, id, site.pathMeta) as ParsedContent
}

/**
 * Parses a post (file text) into exactly the document Nuxt Content 2.7 stores for content id
 * `options.id` on a site with the `content:` options `options.content` (default options when
 * omitted): same keys, key order and values, so `JSON.stringify` is byte-identical.
 * Throws {@link PostParseFailure} (invalid frontmatter, structure the site cannot parse, nesting too
 * deep) with a 1-based line/column relative to the whole file.
 */
export function parsePost(source: string, options: ParseOptions): ParsedContent {
  const text = normalizeLineEnds(source)
  const { body, bodyOffset, data } = splitFrontmatter(text)
  try {
    return buildContent(text, body, bodyOffset, data, options.id, resolveSiteOptions(options.content))
  } catch (error) {
    if (error instanceof PostParseFailure) throw error
    // Anything else is still reported the one documented way, never as a raw crash.
    throw new PostParseFailure({ kind: 'parser', message: `Cannot parse this post: ${String((error as Error)?.message ?? error)}` })
  }
}

/**
 * Like {@link parsePost} but never throws. When only the frontmatter is invalid, `error` says where
 * and `parsed` is still the post parsed without its frontmatter, so a preview can show it.
 */
export function tryParsePost(source: string, options: ParseOptions): ParseOutcome {
  const outcome = tryParse(source, options)
  const { notices } = resolveSiteOptions(options.content)
  return notices.length ? { ...outcome, notices: [...notices] } : outcome
}

function tryParse(source: string, options: ParseOptions): ParseOutcome {
  try {
    return { parsed: parsePost(source, options), error: null }
  } catch (error) {
    const detail: PostParseError =
      error instanceof PostParseFailure ? error.detail : { kind: 'parser', message: String((error as Error)?.message ?? error) }
    if (detail.kind !== 'frontmatter') return { parsed: null, error: detail }
    const text = normalizeLineEnds(source)
    const { body, bodyOffset } = bodyWithoutFrontmatter(text)
    try {
      return { parsed: buildContent(text, body, bodyOffset, {}, options.id, resolveSiteOptions(options.content)), error: detail }
    } catch {
      return { parsed: null, error: detail }
    }
  }
}
