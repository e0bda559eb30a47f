import type { MinimarkElement, MinimarkNode } from '../parser/parse-types'

/** Every element of a parsed body in document order (depth-first, iterative, so any depth is safe). */
export function treeElements(nodes: readonly MinimarkNode[] | undefined): MinimarkElement[] {
  const out: MinimarkElement[] = []
  const stack: MinimarkNode[] = [...(nodes ?? [])].reverse()
  while (stack.length) {
    const node = stack.pop() as MinimarkNode
    if (node.type !== 'element') continue
    out.push(node)
    const children = Array.isArray(node.children) ? node.children : []
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i])
  }
  return out
}

/** Whether an element shows something other than text: an image, video, picture, svg or icon component. */
export function hasMedia(element: MinimarkElement): boolean {
  return treeElements(element.children).some((child) => /^(img|picture|video|svg|image|audio|iframe|icon|nuxt-img|nuxt-picture)$/i.test(child.tag))
}
