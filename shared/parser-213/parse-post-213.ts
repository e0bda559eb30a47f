import { parseMarkdown } from '@nuxtjs/mdc/runtime'
import { PostParseFailure } from '../parser/post-parse-failure'
import { frontmatterError213 } from './frontmatter-error-213'
import { markdownOptions213 } from './markdown-options-213'
import type { ParsedContent213, ParseOptions213, ParseOutcome213, PostParseError213 } from './parse-types-213'
import { pathMetaSettings213, withPathMeta213 } from './path-meta-213'

/** The site's storage normalises every line ending to `\n` before parsing. */
function normalizeLineEnds(source: string): string {
  return source.replace(/\r\n|\r/g, '\n')
}

interface MdcResult {
  data: Record<string, unknown>
  body: Record<string, unknown>
  excerpt?: unknown
  toc?: unknown
}

/** Exactly what the site stores, without any frontmatter check (the site has none). */
async function siteDocument(text: string, options: ParseOptions213): Promise<ParsedContent213> {
  let result: MdcResult
  try {
    // a fresh parser per post, as the site does: mdc's heading slugger lives in the processor
    result = (await parseMarkdown(text, markdownOptions213(options.content, options.engine, options.plugins) as never)) as unknown as MdcResult
  } catch (error) {
    if (error instanceof PostParseFailure) throw error
    const message = String((error as Error)?.message ?? error).split('\n')[0]
    throw new PostParseFailure({ kind: 'parser', message: `Cannot parse this post: ${message}` })
  }
  const document = {
    ...result.data,
    excerpt: result.excerpt,
    body: { ...result.body, toc: result.toc },
    _type: 'markdown',
    _id: options.id,
  }
  return withPathMeta213(document, options.id, pathMetaSettings213(options.content)) as ParsedContent213
}

/**
 * Parses a post (file text) into exactly the document a Nuxt Content 2.13.4 site with the given
 * `content:` options stores for content id `options.id` (`JSON.stringify` byte-identical), using
 * @nuxtjs/mdc 0.9.5 for the markdown and highlighting code with shiki when the site does.
 * Throws a {@link PostParseFailure}: `frontmatter` with the file line/column when the frontmatter
 * is not valid YAML key/value pairs (the site would store what its YAML reader recovers instead:
 * see {@link tryParsePost213}), `parser` otherwise.
 */
export async function parsePost213(text: string, options: ParseOptions213): Promise<ParsedContent213> {
  const normalized = normalizeLineEnds(text)
  const frontmatterError = frontmatterError213(normalized)
  if (frontmatterError) throw new PostParseFailure(frontmatterError)
  return siteDocument(normalized, options)
}

/**
 * Like {@link parsePost213} but never throws. With invalid frontmatter, `error` says where and
 * `parsed` is still what the site would store for the post (its YAML reader recovers what it can),
 * so a preview shows what the site will show.
 */
export async function tryParsePost213(text: string, options: ParseOptions213): Promise<ParseOutcome213> {
  const normalized = normalizeLineEnds(text)
  const frontmatterError = frontmatterError213(normalized)
  try {
    const parsed = await siteDocument(normalized, options)
    return frontmatterError ? { parsed, error: frontmatterError } : { parsed }
  } catch (error) {
    const detail: PostParseError213 =
      error instanceof PostParseFailure && (error.detail.kind === 'frontmatter' || error.detail.kind === 'parser')
        ? (error.detail as PostParseError213)
        : { kind: 'parser', message: String((error as Error)?.message ?? error) }
    return { parsed: null, error: frontmatterError ?? detail }
  }
}
