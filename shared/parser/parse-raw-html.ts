import { raw } from 'hast-util-raw'

/** A hast node as it leaves remark-rehype and the rehype plugins. */
interface HastNode {
  type: string
  tagName?: string
  properties?: Record<string, unknown>
  children?: HastNode[]
  value?: string
  [key: string]: unknown
}

const FROZEN = Symbol('inkpost.frozen-subtree')
const RAW_OPTIONS = { passThrough: ['element'] }

/** Node types hast-util-raw handles without touching the HTML parser's state beyond text insertion. */
function isPlain(node: HastNode): boolean {
  return node.type === 'element' || node.type === 'text'
}

/**
 * Whether hast-util-raw parses these children as a whole document rather than a fragment: when the
 * first is an `html` element (an MDC component can be named so) or a doctype. Then parse5 adds
 * `html`/`head`/`body` elements around what follows.
 */
function parsedAsDocument(children: HastNode[] | undefined): boolean {
  const first = children?.[0]
  return first !== undefined && (first.type === 'doctype' || (first.type === 'element' && first.tagName === 'html'))
}

/**
 * Marks every node whose subtree needs the real HTML parser (has `raw` or unusual nodes). Iterative.
 * Returns null when some node's children are parsed as a document ({@link parsedAsDocument}): then
 * the whole tree goes through the HTML parser.
 */
function findNodesNeedingParser(root: HastNode): Set<HastNode> | null {
  const needs = new Set<HastNode>()
  const stack: Array<[HastNode, HastNode[]]> = [[root, []]]
  while (stack.length) {
    const [node, ancestors] = stack.pop() as [HastNode, HastNode[]]
    if (parsedAsDocument(node.children)) return null
    if (!isPlain(node) && node !== root) {
      needs.add(node)
      for (let i = ancestors.length - 1; i >= 0 && !needs.has(ancestors[i]); i--) needs.add(ancestors[i])
    }
    if (node.children?.length) {
      const path = ancestors.concat(node)
      for (const child of node.children) stack.push([child, path])
    }
  }
  return needs
}

/**
 * What hast-util-raw does to a subtree without raw HTML: each element's children are re-parsed
 * as a fragment in which adjacent texts become one text node (parse5 appends characters to the
 * previous text node). Done iteratively, in place.
 */
function mergeAdjacentTexts(root: HastNode): HastNode {
  const stack: HastNode[] = [root]
  while (stack.length) {
    const node = stack.pop() as HastNode
    const children = node.children
    if (!children?.length) continue
    const merged: HastNode[] = []
    for (const child of children) {
      const last = merged[merged.length - 1]
      if (child.type === 'text' && last?.type === 'text') merged[merged.length - 1] = { type: 'text', value: (last.value ?? '') + (child.value ?? '') }
      else merged.push(child)
      if (child.type === 'element') stack.push(child)
    }
    node.children = merged
  }
  return root
}

/** Replaces raw-free element subtrees under parser-needing nodes by childless placeholders. */
function freezePlainSubtrees(root: HastNode, needs: Set<HastNode>): void {
  const stack: HastNode[] = [root]
  while (stack.length) {
    const node = stack.pop() as HastNode
    if (!node.children) continue
    node.children = node.children.map(child => {
      if (needs.has(child)) {
        stack.push(child)
        return child
      }
      if (child.type !== 'element') return child
      return { type: 'element', tagName: child.tagName, properties: child.properties, [FROZEN]: child }
    })
  }
}

/** Puts the frozen subtrees back (with their texts merged) where hast-util-raw left the placeholders. */
function thawPlainSubtrees(root: HastNode): void {
  const stack: HastNode[] = [root]
  while (stack.length) {
    const node = stack.pop() as HastNode
    if (!node.children) continue
    node.children = node.children.map(child => {
      const original = (child as unknown as Record<symbol, HastNode | undefined>)[FROZEN]
      if (original) return mergeAdjacentTexts(original)
      stack.push(child)
      return child
    })
  }
}

/**
 * The `rehype-raw` step of Nuxt Content 2.7 (`passThrough: ['element']`): raw HTML strings become
 * elements, parsed by parse5 in the context of the elements around them. Same result, faster:
 * - no source file is passed, so hast-util-from-parse5 does not index the whole document's lines
 *   for every element (quadratic on big posts; positions are discarded by the compiler anyway);
 * - element subtrees without raw HTML skip the HTML parser entirely: for them its only effect
 *   is merging adjacent text nodes, which is done directly (with `passThrough: ['element']` every
 *   element is stitched through and its children are parsed on their own, as a fragment) — unless
 *   some children are parsed as a document ({@link parsedAsDocument}): then the whole tree goes
 *   through the HTML parser.
 */
export function parseRawHtml(tree: HastNode): HastNode {
  const needs = findNodesNeedingParser(tree)
  if (needs === null) return raw(tree as Parameters<typeof raw>[0], undefined, RAW_OPTIONS) as unknown as HastNode
  if (needs.size === 0) return mergeAdjacentTexts(tree)
  freezePlainSubtrees(tree, needs)
  const result = raw(tree as Parameters<typeof raw>[0], undefined, RAW_OPTIONS) as unknown as HastNode
  thawPlainSubtrees(result)
  return result
}
