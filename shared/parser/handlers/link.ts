import mdurl from 'mdurl'
import { isRelative } from 'ufo'
import { generatePath } from '../path-meta'
import type { NodeHandler } from './handler-types'

/**
 * `[text](url "title")` → `<a>` with an encoded `href`. Links to other markdown files
 * (`../guide.md#part`) are rewritten to the page path they will have on the site (`../guide#part`).
 */
export const link: NodeHandler = (state, node) => {
  const props: Record<string, unknown> = { ...node.attributes, href: mdurl.encode(pagePathOfMarkdownLink(String(node.url))) }
  if (node.title !== null && node.title !== undefined) props.title = node.title
  return state(node, 'a', props, state.all(node))
}

/** Rewrites a relative link to a `.md` file into a site path; other links are returned as they are. */
function pagePathOfMarkdownLink(url: string): string {
  const hash = /#.+$/.exec(url)?.[0] ?? ''
  const target = url.replace(/#.+$/, '')
  const isLocal = isRelative(url) || (!/^https?/.test(url) && !url.startsWith('/'))
  if (!target.endsWith('.md') || !isLocal) return url
  return generatePath(url.replace('.md' + hash, ''), { forceLeadingSlash: false }) + hash
}
