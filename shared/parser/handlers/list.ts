import type { NodeHandler } from './handler-types'
import { joinWithNewlines } from './line-wrap'

/** A list → `<ul>`/`<ol>` (`start` when not 1, `contains-task-list` class for GFM task lists). */
export const list: NodeHandler = (state, node) => {
  const props: Record<string, unknown> = {}
  if (typeof node.start === 'number' && node.start !== 1) props.start = node.start
  if ((node.children ?? []).some(item => typeof item.checked === 'boolean')) props.className = ['contains-task-list']
  return state(node, node.ordered ? 'ol' : 'ul', props, joinWithNewlines(state.all(node), true))
}
