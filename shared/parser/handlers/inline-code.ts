import type { NodeHandler } from './handler-types'

/** `` `code` `` → `<code-inline>` (Nuxt Content's prose component), line breaks turned into spaces. */
export const inlineCode: NodeHandler = (state, node) =>
  state(node, 'code-inline', node.attributes ? { ...node.attributes } : undefined, [
    { type: 'text', value: String(node.value).replace(/\r?\n|\r/g, ' ') },
  ])
