import type { NodeHandler } from './handler-types'

/**
 * An MDC block component (`::alert{type="info"} … ::`) → an element named by remark-mdc
 * (`data.hName`, kebab-case) whose props are its attributes plus its YAML props (`data.hProperties`).
 */
export const containerComponent: NodeHandler = (state, node) =>
  state(node, node.tagName as string, node.attributes ? { ...node.attributes } : undefined, state.all(node))
