import type { MinimarkNode } from '../parser'

/**
 * How the markdown is being written: per node, the fallback level chosen so far (0 = the natural
 * markdown/MDC form; higher = closer to raw HTML), raised node by node until the round trip is exact.
 */
export interface RenderContext {
  levels: Map<MinimarkNode, number>
  /** Nodes whose level the last rendering looked at, and whether their level 0 had a form of its own (so raising it changes something). */
  consulted: Map<MinimarkNode, boolean>
  /** Writing a table cell: `|` must be escaped everywhere, line ends are impossible. */
  inTable?: boolean
  /** Writing a heading: `#` is escaped everywhere, line ends are impossible. */
  inHeading?: boolean
  /** Writing link text: no nested links. */
  inLink?: boolean
}

/** The level chosen for a node (0 when none was chosen). */
export function levelOf(context: RenderContext, node: MinimarkNode): number {
  return context.levels.get(node) ?? 0
}
