import type { NodeHandler } from './handler-types'

/** `---` → `<hr>`. */
export const thematicBreak: NodeHandler = (state, node) => state(node, 'hr')
