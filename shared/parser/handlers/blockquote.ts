import type { NodeHandler } from './handler-types'
import { joinWithNewlines } from './line-wrap'

/** `> quote` → `<blockquote>` with its blocks separated by newlines. */
export const blockquote: NodeHandler = (state, node) =>
  state(node, 'blockquote', joinWithNewlines(state.all(node), true))
