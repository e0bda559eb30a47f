import type { MinimarkNode } from '../../shared/parser/parse-types'
import { textOf } from './text-of'

/**
 * The source line (1-based) of the heading with `id`: from the block-line map when the heading is a
 * top-level block, otherwise by finding a markdown/HTML heading line with the same text.
 */
export function headingLine(source: string, children: MinimarkNode[], blockLines: ReadonlyArray<number | null>, id: string): number | null {
  let text: string | null = null
  for (let i = 0; i < children.length; i++) {
    const child = children[i]
    if (child.type === 'element' && /^h[1-6]$/.test(child.tag) && child.props?.id === id) {
      if (typeof blockLines[i] === 'number') return blockLines[i]
      text = textOf(child)
      break
    }
  }
  const find = (nodes: MinimarkNode[]): string | null => {
    for (const node of nodes) {
      if (node.type !== 'element') continue
      if (/^h[1-6]$/.test(node.tag) && node.props?.id === id) return textOf(node)
      const inner = find(node.children ?? [])
      if (inner !== null) return inner
    }
    return null
  }
  text ??= find(children)
  if (text === null) return null
  const lines = source.split('\n')
  const wanted = text.trim()
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(lines[i])
    if (m && m[1].replace(/[*_`]/g, '').trim() === wanted) return i + 1
  }
  return null
}
