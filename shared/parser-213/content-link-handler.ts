import mdcLinkHandler from '@nuxtjs/mdc/runtime/parser/handlers/link'
import { isRelative } from 'ufo'
import { generatePath213 } from './path-meta-213'

type LinkHandler = typeof mdcLinkHandler

/**
 * A link to a markdown file (`./other.md#part`, `guide/intro.md`, not `/x.md` or `https://…`) as
 * Nuxt Content links it: to the page's path (`./other#part`, `guide/intro`), the file extension
 * dropped (its first `.md` + hash occurrence) and each segment slugified. Other links are unchanged.
 */
export function contentLinkTarget(url: string): string {
  const hash = /#.+$/.exec(url)?.[0] ?? ''
  const withoutHash = url.replace(/#.+$/, '')
  const toMarkdownFile = withoutHash.endsWith('.md') && (isRelative(url) || (!/^https?/.test(url) && !url.startsWith('/')))
  return toMarkdownFile ? generatePath213(url.replace('.md' + hash, ''), { forceLeadingSlash: false }) + hash : url
}

/** The mdast → hast `link` handler Nuxt Content installs: @nuxtjs/mdc's own, on the {@link contentLinkTarget} of the URL. */
export const contentLinkHandler: LinkHandler = (state, node) => mdcLinkHandler(state, { ...node, url: contentLinkTarget(node.url) })
