import type { NodeHandler } from './handler-types'

/** `*text*` → `<em>`, keeping MDC attributes (`*text*{.big}`). */
export const emphasis: NodeHandler = (state, node) =>
  state(node, 'em', node.attributes ? { ...node.attributes } : undefined, state.all(node))
