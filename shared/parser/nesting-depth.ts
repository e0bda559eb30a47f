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

/** Deepest block nesting accepted before giving up early (the site overflows its stack near here too). */
export const MAX_CONTAINER_NESTING = 1000

/**
 * Lists and MDC components cost far more per level (the markdown parser re-checks every open
 * container on every line: a 700-deep list takes ~30 s), so they have a lower limit. The site
 * handles 500 nested list levels and overflows before 1,000.
 */
export const MAX_LIST_AND_COMPONENT_NESTING = 600

const COMPONENT_OPEN = /^[ \t]*:{2,}[A-Za-z$]/
const COMPONENT_CLOSE = /^[ \t]*:{2,}[ \t]*$/
const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/
const LIST_ITEM_START = /^(?:[-*+]|\d{1,9}[.)])[ \t]*/
const FENCE_OPEN = /^(`{3,}|~{3,})(.*)$/
const FENCE_CLOSE = /^(`{3,}|~{3,})[ \t]*$/

/** An open fenced code block: its marker, the block quote depth it lives at and its list item's content column. */
interface OpenFence {
  marker: string
  quotes: number
  /** The content column of the list item it opens in, or undefined outside a list item. */
  itemIndent: number | undefined
}

/** The fence a line opens (`rest` is the line after its `>` markers and indentation of `width`), if any. */
function fenceOpenedBy(rest: string, quotes: number, width: number): OpenFence | undefined {
  const item = LIST_ITEM_START.exec(rest)
  if (!item && width >= 4 && quotes === 0) return undefined // indented code
  const content = item ? rest.slice(item[0].length) : rest
  const match = FENCE_OPEN.exec(content)
  if (!match || (match[1][0] === '`' && match[2].includes('`'))) return undefined
  return { marker: match[1], quotes, itemIndent: item ? width + item[0].length : undefined }
}

/** What a line (after its `>` markers and indentation of `width`) does to an open fence. */
function fenceLine(fence: OpenFence, quotes: number, width: number, rest: string): 'inside' | 'closes' | 'ends' {
  if (quotes < fence.quotes) return 'ends' // its block quote ended, and the fence with it
  if (rest.trim() === '') return 'inside'
  if (fence.itemIndent !== undefined && width < fence.itemIndent) return 'ends' // its list item ended
  const close = FENCE_CLOSE.exec(rest)
  const relative = width - (fence.itemIndent ?? 0)
  return close && close[1][0] === fence.marker[0] && close[1].length >= fence.marker.length && relative < 4 ? 'closes' : 'inside'
}

/**
 * A quick upper estimate of block container nesting per line (blockquote `>` markers, list
 * indentation / 2, open MDC block components), found without parsing.
 * Lines of fenced code blocks are code, not nesting: they are skipped. The markdown parser is
 * quadratic in nesting depth and then overflows the stack, so posts beyond
 * {@link MAX_CONTAINER_NESTING} / {@link MAX_LIST_AND_COMPONENT_NESTING} are refused up front. Returns where, or undefined if fine.
 */
export function excessiveNesting(markdown: string): (LineColumn & { depth: number; limit: number }) | undefined {
  let components = 0
  let fence: OpenFence | undefined
  let line = 1
  let start = 0
  while (start <= markdown.length) {
    let end = markdown.indexOf('\n', start)
    if (end === -1) end = markdown.length
    let i = start
    let quotes = 0
    for (;;) {
      while (i < end && (markdown[i] === ' ' || markdown[i] === '\t')) i++
      if (i < end && markdown[i] === '>') { quotes++; i++ } else break
    }
    // Back up over the indentation after the last `>` to measure it.
    let indentStart = i
    while (indentStart > start && (markdown[indentStart - 1] === ' ' || markdown[indentStart - 1] === '\t') && markdown[indentStart - 2] !== undefined && indentStart - 1 >= start) {
      if (quotes > 0 && markdown[indentStart - 2] === '>') { indentStart--; break }
      indentStart--
    }
    let width = 0
    for (let k = indentStart; k < i; k++) width += markdown[k] === '\t' ? 4 : 1
    if (fence) {
      const state = fenceLine(fence, quotes, width, markdown.slice(i, Math.min(end, i + 4096)))
      if (state !== 'ends') {
        if (state === 'closes') fence = undefined
        line++
        start = end + 1
        continue // code, not nesting
      }
      fence = undefined
    }
    fence = fenceOpenedBy(markdown.slice(i, Math.min(end, i + 4096)), quotes, width)
    const rest = markdown.slice(i, Math.min(end, i + 12))
    const lists = LIST_MARKER.test(rest) ? Math.floor(width / 2) + 1 : 0
    const text = markdown.slice(start, Math.min(end, start + 4096))
    if (COMPONENT_OPEN.test(text)) components++
    else if (COMPONENT_CLOSE.test(text) && components > 0) components--
    const depth = quotes + lists + components
    if (depth > MAX_CONTAINER_NESTING) return { line, column: i - start + 1, depth, limit: MAX_CONTAINER_NESTING }
    if (lists + components > MAX_LIST_AND_COMPONENT_NESTING) {
      return { line, column: i - start + 1, depth: lists + components, limit: MAX_LIST_AND_COMPONENT_NESTING }
    }
    line++
    start = end + 1
  }
  return undefined
}
