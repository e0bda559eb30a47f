/** A hast node (loosely typed: the rehype plugins driven here only look at elements). */
interface HastNode {
  type: string
  tagName?: string
  properties?: Record<string, unknown>
  children?: HastNode[]
}

/** A skeleton element and the real element it stands for. */
type Pair = [skeleton: HastNode, real: HastNode]

const HEADING = /^h[1-6]$/

/**
 * The element outline of a hast tree: the same elements (sharing their `properties` objects) in
 * the same order, without text, comment and raw nodes — except inside headings, which keep their
 * real children so their text can be read. Iterative (safe on any depth).
 */
function elementSkeleton(root: HastNode): { skeleton: HastNode; pairs: Pair[] } {
  const skeleton: HastNode = { type: 'root', children: [] }
  const pairs: Pair[] = []
  const stack: Pair[] = [[skeleton, root]]
  while (stack.length) {
    const [outline, real] = stack.pop() as Pair
    const children = real.children
    if (!children) continue
    const out = outline.children as HastNode[]
    for (const child of children) {
      if (child.type !== 'element') continue
      if (HEADING.test(child.tagName ?? '')) {
        out.push(child) // whole heading subtree, visited as is
        continue
      }
      const copy: HastNode = { type: 'element', tagName: child.tagName, properties: child.properties, children: [] }
      out.push(copy)
      pairs.push([copy, child])
      stack.push([copy, child])
    }
  }
  return { skeleton, pairs }
}

/** A rehype attacher and its options, as given to `.use()`. */
export type ElementPlugin = [attacher: (this: unknown, options?: unknown) => (tree: HastNode) => void, options?: unknown]

/**
 * Runs rehype plugins that only read and change element properties (slug, external links, sorted
 * attribute values and attributes) in their order on the tree's element outline instead of the
 * full tree: every tree walk of theirs then skips the text nodes (most of a post's nodes), and
 * the elements they see, their order and their properties are the same. Properties replaced on
 * the outline are copied back to the real elements afterwards.
 */
export function rehypeOnElements(...plugins: ElementPlugin[]) {
  return function attach(this: unknown) {
    const transformers = plugins.map(([attacher, options]) => attacher.call(this, options))
    return (tree: HastNode): void => {
      const { skeleton, pairs } = elementSkeleton(tree)
      for (const transform of transformers) transform(skeleton)
      for (const [outline, real] of pairs) real.properties = outline.properties
    }
  }
}
