import type { MinimarkNode } from '../../shared/parser/parse-types'

/** Plain text of a subtree, e.g. for code blocks whose `code` prop is missing or for matching blocks to source lines. */
export function textOf(node: MinimarkNode): string {
  if (node.type === 'text') return node.value
  return (node.children ?? []).map(textOf).join('')
}
