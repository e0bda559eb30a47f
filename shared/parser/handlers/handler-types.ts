/** A hast element as mdast-util-to-hast 12 builds it (positions are kept but never reach the output). */
export interface HastElement {
  type: 'element'
  tagName: string
  properties: Record<string, unknown>
  children: HastNode[]
  position?: unknown
}

/** Any hast node the handlers produce: elements, text, and `raw` HTML for rehype-raw. */
export type HastNode = HastElement | { type: 'text' | 'raw' | 'comment'; value: string; position?: unknown }

/** An mdast node as remark-parse + remark-mdc + remark-gfm produce it (loosely typed). */
export interface MdastNode {
  type: string
  children?: MdastNode[]
  value?: string
  position?: unknown
  data?: Record<string, unknown>
  attributes?: Record<string, unknown>
  [key: string]: unknown
}

/**
 * The state object mdast-util-to-hast 12.3 passes to handlers. It is callable: `state(node,
 * tagName, props?, children?)` builds an element and applies `node.data.hName/hProperties/hChildren`.
 */
export interface ToHastState {
  (node: unknown, tagName: string, props?: Record<string, unknown> | HastNode[], children?: HastNode[]): HastElement
  dangerous: boolean
  augment(left: unknown, right: HastNode): HastNode
  all(parent: MdastNode): HastNode[]
}

/** One node handler: mdast node (and its parent) in, hast node(s) out. */
export type NodeHandler = (state: ToHastState, node: MdastNode, parent?: MdastNode) => HastNode | HastNode[] | null | undefined
