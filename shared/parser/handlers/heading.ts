import type { NodeHandler } from './handler-types'

/** `## Title` → `<h2>` (the id comes later from rehype-slug). */
export const heading: NodeHandler = (state, node) => state(node, `h${node.depth as number}`, state.all(node))
