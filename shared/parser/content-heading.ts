import type { ParsedBody } from './parse-types'
import { nodeText } from './node-text'

/**
 * Title and description taken from the content, as Nuxt Content does: ignoring text nodes and
 * `<hr>`s, a leading `<h1>` gives the title and the paragraph right after it (or a leading
 * paragraph) gives the description.
 */
export function contentHeading(body: ParsedBody): { title: string; description: string } {
  const blocks = body.children.filter(node => node.type !== 'text' && node.tag !== 'hr')
  let title = ''
  let description = ''
  let next = 0
  const first = blocks[next]
  if (first && first.type === 'element' && first.tag === 'h1') {
    title = nodeText(first)
    next++
  }
  const following = blocks[next]
  if (following && following.type === 'element' && following.tag === 'p') description = nodeText(following)
  return { title, description }
}
