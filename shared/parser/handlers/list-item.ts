import type { HastNode, MdastNode, NodeHandler } from './handler-types'

/** Whether one list item is loose: its own `spread` flag, else "has more than one child". */
function itemIsLoose(item: MdastNode): boolean {
  const spread = item.spread
  return spread === undefined || spread === null ? (item.children ?? []).length > 1 : Boolean(spread)
}

/** Whether a list is loose: the list's `spread` flag or any loose item. */
function listIsLoose(listNode: MdastNode): boolean {
  if (listNode.spread) return true
  return (listNode.children ?? []).some(itemIsLoose)
}

/**
 * A list item → `<li>`. In a tight list the paragraphs are unwrapped into the item; a GFM task
 * item gets a disabled checkbox first and the `task-list-item` class.
 */
export const listItem: NodeHandler = (state, node, parent) => {
  const content = state.all(node)
  const loose = parent ? listIsLoose(parent) : itemIsLoose(node)
  const props: Record<string, unknown> = {}
  if (typeof node.checked === 'boolean') {
    content.unshift(state({}, 'input', { type: 'checkbox', checked: node.checked, disabled: true }))
    props.className = ['task-list-item']
  }
  const children: HastNode[] = []
  for (const child of content) {
    if (!loose && child.type === 'element' && child.tagName === 'p') children.push(...child.children)
    else children.push(child)
  }
  return state(node, 'li', props, children)
}
