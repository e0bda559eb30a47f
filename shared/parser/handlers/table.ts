import type { HastElement, HastNode, NodeHandler } from './handler-types'
import { joinWithNewlines } from './line-wrap'

/**
 * A GFM table → `<table><thead><tr><th align>…` + `<tbody>`; every row gets one cell per column
 * of the delimiter row (missing cells become empty cells), each with its `align` (null when unset).
 */
export const table: NodeHandler = (state, node) => {
  const rows = node.children ?? []
  const align = (node.align as (string | null)[] | undefined) ?? []
  const trs: HastElement[] = rows.map((row, rowIndex) => {
    const cells = row.children ?? []
    const cellTag = rowIndex === 0 ? 'th' : 'td'
    const count = node.align ? align.length : cells.length
    const out: HastNode[] = new Array(count)
    // Right to left, as remark-rehype does: footnote numbers follow the order cells are visited.
    for (let col = count - 1; col >= 0; col--) {
      const cell = cells[col]
      out[col] = state(cell, cellTag, { align: align[col] }, cell ? state.all(cell) : [])
    }
    return state(row, 'tr', joinWithNewlines(out, true))
  })
  const sections: HastNode[] = [state(undefined, 'thead', joinWithNewlines(trs.slice(0, 1), true))]
  if (trs.length > 1) sections.push(state(undefined, 'tbody', joinWithNewlines(trs.slice(1), true)))
  return state(node, 'table', joinWithNewlines(sections, true))
}
