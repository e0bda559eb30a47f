import type { HastNode } from './handler-types'

const newline = (): HastNode => ({ type: 'text', value: '\n' })

/**
 * Puts a `"\n"` text node between block children (and around them when `loose`), the way
 * remark-rehype separates block elements. The compiler later drops these, but they matter to
 * rehype-raw (text merging) so they must be there.
 */
export function joinWithNewlines(nodes: HastNode[], loose = false): HastNode[] {
  const out: HastNode[] = loose ? [newline()] : []
  nodes.forEach((node, index) => {
    if (index > 0) out.push(newline())
    out.push(node)
  })
  if (loose && nodes.length > 0) out.push(newline())
  return out
}
