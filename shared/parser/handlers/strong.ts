import type { NodeHandler } from './handler-types'

/** `**text**` → `<strong>`, keeping MDC attributes. */
export const strong: NodeHandler = (state, node) =>
  state(node, 'strong', node.attributes ? { ...node.attributes } : undefined, state.all(node))
