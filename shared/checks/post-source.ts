import type { CheckInput } from './check-input'
import { frontmatterFields, type FrontmatterFields } from './frontmatter-fields'
import { maskCode } from './mask-code'
import { treeElements } from './tree-elements'
import { scanHtmlTags, type HtmlStartTag } from './scan-html-tags'
import { scanLinkDestinations, type LinkDestination } from './scan-link-destinations'
import { scanMdcAttributes, type MdcAttributeBlock } from './scan-mdc-attributes'

/** What the rules read from a post's source text, computed once per check run. */
export interface PostSource {
  frontmatter: FrontmatterFields
  /** Offset where the body starts (after the frontmatter block). */
  bodyFrom: number
  /** The text with frontmatter, code and comments blanked (same offsets), see `maskCode`. */
  masked: string
  htmlTags: HtmlStartTag[]
  mdcBlocks: MdcAttributeBlock[]
  destinations: LinkDestination[]
}

const cache = new WeakMap<CheckInput, PostSource>()

/**
 * The source-level facts about a post — its frontmatter fields, the text with code masked, raw
 * HTML start tags, MDC attribute blocks and markdown link destinations — scanned once per
 * {@link CheckInput} and shared by every rule of that run.
 */
export function postSource(input: CheckInput): PostSource {
  const cached = cache.get(input)
  if (cached) return cached
  const text = input.text
  const frontmatter = frontmatterFields(text)
  const bodyFrom = frontmatter.bounds ? frontmatter.bounds.bodyFrom : 0
  const codeBlocks = treeElements(input.outcome.parsed?.body?.children).map((element) => element.props?.code).filter((code): code is string => typeof code === 'string')
  const masked = maskCode(text, bodyFrom, codeBlocks)
  const source: PostSource = {
    frontmatter,
    bodyFrom,
    masked,
    htmlTags: scanHtmlTags(text, masked),
    mdcBlocks: scanMdcAttributes(text, masked),
    destinations: scanLinkDestinations(text, masked),
  }
  cache.set(input, source)
  return source
}
