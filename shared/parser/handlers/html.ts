import { kebabCase } from 'scule'
import type { NodeHandler } from './handler-types'
import { htmlTagName } from './html-tag-name'

/**
 * Raw HTML → a `raw` node for rehype-raw. A PascalCase tag (`<MyComp>`) becomes kebab-case
 * (`<my-comp>`) so Vue components survive HTML parsing; `<code>` becomes `<code-inline>`.
 */
export const html: NodeHandler = (state, node) => {
  let value = String(node.value)
  const tag = htmlTagName(value)
  if (tag && /[A-Z]/.test(tag)) value = value.replace(tag, kebabCase(tag))
  if (tag === 'code') value = value.replace(tag, 'code-inline')
  if (!state.dangerous) return null
  return state.augment(node, { type: 'raw', value })
}
