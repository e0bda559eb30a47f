import mdurl from 'mdurl'
import type { NodeHandler } from './handler-types'

/** `![alt](src "title")` → `<img>` with an encoded `src`, keeping MDC attributes. */
export const image: NodeHandler = (state, node) => {
  const props: Record<string, unknown> = { ...node.attributes, src: mdurl.encode(String(node.url)), alt: node.alt }
  if (node.title !== null && node.title !== undefined) props.title = node.title
  return state(node, 'img', props)
}
