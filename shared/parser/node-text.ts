import type { MinimarkNode } from './parse-types'

/** The concatenated text of a minimark node (its own value, or all descendant texts). */
export function nodeText(node: MinimarkNode): string {
  if (node.type === 'text') return node.value || ''
  let text = ''
  const stack: MinimarkNode[] = [node]
  // Iterative depth-first walk, left to right, so deep trees cannot overflow the stack.
  while (stack.length) {
    const current = stack.pop() as MinimarkNode
    if (current.type === 'text') text += current.value || ''
    else {
      const children = current.children || []
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i])
    }
  }
  return text
}
