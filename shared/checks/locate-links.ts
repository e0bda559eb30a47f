import type { MinimarkElement } from '../parser/parse-types'
import { nodeText } from '../parser/node-text'
import type { CheckInput } from './check-input'
import { postSource } from './post-source'
import { definitionHref, markdownLinkHref } from './resolve-link'
import { decodeEntities } from './scan-link-destinations'
import { hasMedia, treeElements } from './tree-elements'

/** A link of the parsed post (`<a href>` in the tree) with where it is written and how. */
export interface LocatedLink {
  /** The `href` in the parsed tree (what the site renders). */
  href: string
  /** The destination as written when it is an inline markdown link (`./x.md`), for `.md` resolution; undefined for reference, HTML and MDC links (the site does not rewrite their `.md` targets). */
  markdownUrl?: string
  /** The URL as written in the source, and its offsets (the whole body start when it could not be found). */
  written: string
  from: number
  to: number
  /** Whether the place was found in the source. */
  located: boolean
  /** The link's visible text, trimmed. */
  text: string
  /** Whether the link shows an image or other media instead of text. */
  media: boolean
}

interface Candidate {
  written: string
  markdownUrl?: string
  from: number
  to: number
}

function safeDecodeUri(value: string): string {
  try {
    return decodeURI(value)
  } catch {
    return value
  }
}

const cache = new WeakMap<CheckInput, LocatedLink[]>()

/**
 * Every link of the parsed post's body in document order, matched to where it is written: inline
 * markdown links and reference definitions by the `href` the parser makes of them (so `./x.md`,
 * rewritten to `./x`, is found and known as a `.md` link), raw HTML `<a href>` and MDC `{href}` by their value;
 * the n-th link with an `href` is matched to the n-th place that produces it. Autolinks and
 * anything else fall back to the first occurrence of the URL in the body.
 */
export function locateLinks(input: CheckInput): LocatedLink[] {
  const cached = cache.get(input)
  if (cached) return cached
  const source = postSource(input)
  const queues = new Map<string, Candidate[]>()
  const add = (key: string, candidate: Candidate) => {
    const queue = queues.get(key)
    if (queue) queue.push(candidate)
    else queues.set(key, [candidate])
  }
  for (const destination of source.destinations) {
    if (destination.kind === 'image') continue
    if (destination.kind === 'definition') add(definitionHref(destination.url), { written: destination.raw, from: destination.from, to: destination.to })
    else add(markdownLinkHref(destination.url), { written: destination.raw, markdownUrl: destination.url, from: destination.from, to: destination.to })
  }
  const attributeSources = [
    ...source.htmlTags.filter((tag) => tag.tag === 'a').flatMap((tag) => tag.attributes),
    ...source.mdcBlocks.flatMap((block) => block.attributes),
  ]
  for (const attribute of attributeSources) {
    if (attribute.name !== 'href') continue
    add(decodeEntities(attribute.value), { written: attribute.value, from: attribute.valueFrom, to: attribute.valueTo })
  }
  const take = (href: string): Candidate | undefined => {
    for (const key of [href, safeDecodeUri(href)]) {
      const queue = queues.get(key)
      if (queue?.length) return queue.shift()
    }
    return undefined
  }
  const links: LocatedLink[] = []
  const anchors = treeElements(input.outcome.parsed?.body?.children).filter((element): element is MinimarkElement & { props: { href: string } } => element.tag === 'a' && typeof element.props?.href === 'string')
  for (const element of anchors) {
    const href = element.props.href
    const found = take(href)
    const common = { href, text: nodeText(element).trim(), media: hasMedia(element) }
    if (found) {
      links.push({ ...common, ...(found.markdownUrl !== undefined ? { markdownUrl: found.markdownUrl } : {}), written: found.written, from: found.from, to: found.to, located: true })
      continue
    }
    const plain = safeDecodeUri(href)
    const at = [href, plain].map((needle) => (needle ? input.text.indexOf(needle, source.bodyFrom) : -1)).find((index) => index !== -1)
    links.push(at === undefined
      ? { ...common, written: href, from: source.bodyFrom, to: source.bodyFrom, located: false }
      : { ...common, written: href, from: at, to: at + (input.text.startsWith(href, at) ? href.length : plain.length), located: true })
  }
  cache.set(input, links)
  return links
}
