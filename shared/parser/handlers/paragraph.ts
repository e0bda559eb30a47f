import { kebabCase } from 'scule'
import { isHtmlTagName } from '../html-tag-names'
import type { NodeHandler } from './handler-types'
import { htmlTagName } from './html-tag-name'

/**
 * A paragraph → `<p>`, except when it starts with raw HTML for a non-HTML tag (a Vue component
 * like `<my-card>`): then its content is emitted unwrapped so the component is not put in a `<p>`.
 */
export const paragraph: NodeHandler = (state, node) => {
  const first = node.children?.[0]
  if (first && first.type === 'html') {
    const tag = kebabCase(htmlTagName(String(first.value)) || 'div')
    if (!isHtmlTagName(tag)) return state.all(node)
  }
  return state(node, 'p', state.all(node))
}
