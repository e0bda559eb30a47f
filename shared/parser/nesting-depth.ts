import type { LineColumn } from './source-position'

interface TreeNode {
  children?: TreeNode[]
  position?: { start?: { line?: number; column?: number } }
}

/** How deep a tree goes and where (the start of the deepest node that has a position). */
export interface DeepestPoint {
  depth: number
  position: LineColumn | undefined
}

/** Finds the deepest node of a unist tree without recursion (safe on any depth). */
export function deepestPoint(root: TreeNode): DeepestPoint {
  let best: DeepestPoint = { depth: 0, position: undefined }
  const stack: Array<[TreeNode, number]> = [[root, 0]]
  while (stack.length) {
    const [node, depth] = stack.pop() as [TreeNode, number]
    const start = node.position?.start
    if (depth > best.depth && start?.line) best = { depth, position: { line: start.line, column: start.column ?? 1 } }
    for (const child of node.children ?? []) stack.push([child, depth + 1])
  }
  return best
}

/**
 * Best guess at the most deeply nested line of markdown source, for when the markdown parser
 * itself runs out of stack: the line with the longest run of leading nesting characters
 * (`>`, list markers, spaces, MDC `:` fences, HTML `<`).
 */
export function mostNestedLine(markdown: string): LineColumn {
  let best = { line: 1, column: 1, score: -1 }
  let line = 1
  let start = 0
  while (start <= markdown.length) {
    let end = markdown.indexOf('\n', start)
    if (end === -1) end = markdown.length
    let i = start
    while (i < end && ' \t>-*+:<'.includes(markdown[i])) i++
    if (i - start > best.score) best = { line, column: Math.max(1, i - start), score: i - start }
    line++
    start = end + 1
  }
  return { line: best.line, column: best.column }
}
