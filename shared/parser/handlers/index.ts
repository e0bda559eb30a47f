import { blockquote } from './blockquote'
import { code } from './code'
import { containerComponent } from './container-component'
import { emphasis } from './emphasis'
import type { NodeHandler } from './handler-types'
import { heading } from './heading'
import { html } from './html'
import { image } from './image'
import { inlineCode } from './inline-code'
import { link } from './link'
import { list } from './list'
import { listItem } from './list-item'
import { paragraph } from './paragraph'
import { strong } from './strong'
import { table } from './table'
import { thematicBreak } from './thematic-break'

/**
 * The mdast → hast handlers that differ from remark-rehype's defaults, one per construct, keyed by
 * mdast node type. Everything else (text, breaks, footnotes, references, GFM delete, MDC inline and
 * leaf components, slots) uses mdast-util-to-hast's own handlers.
 */
export const nodeHandlers: Record<string, NodeHandler> = {
  blockquote,
  code,
  containerComponent,
  emphasis,
  heading,
  html,
  image,
  inlineCode,
  link,
  list,
  listItem,
  paragraph,
  strong,
  table,
  thematicBreak,
}
