import { tags as t } from '@lezer/highlight'
import type { BlockContext, Element, InlineContext, Line, MarkdownConfig } from '@lezer/markdown'

const OPEN = /^( {0,3})(:{2,})([A-Za-z$][\w.-]*)(.*)$/
const CLOSE = /^ {0,3}:{2,}\s*$/
const SLOT = /^ {0,3}#([A-Za-z][\w-]*)\s*$/
const FENCE = /^\s*---\s*$/

/** Children for the name/attributes part of an MDC opening (`::name[label]{props}`). */
function openChildren(cx: BlockContext, start: number, m: RegExpExecArray): Element[] {
  const markerFrom = start + m[1].length
  const nameFrom = markerFrom + m[2].length
  const nameTo = nameFrom + m[3].length
  const children = [cx.elt('MdcMarker', markerFrom, nameFrom), cx.elt('MdcName', nameFrom, nameTo)]
  const attrs = /\{[^}]*\}/.exec(m[4])
  if (attrs) children.push(cx.elt('MdcAttributes', nameTo + attrs.index, nameTo + attrs.index + attrs[0].length))
  return children
}

/**
 * Lezer markdown extension for MDC (Nuxt Content's component syntax): block components
 * `::name{props}` … `::` (nested `:::`), a YAML props block right after the opening line, `#slot`
 * lines, inline components `:name[text]{props}` and attribute lists `[text]{attrs}` / `**b**{.x}`.
 * Used by the editor's highlighting and by the preview's source-line mapping.
 */
export const mdcGrammar: MarkdownConfig = {
  defineNodes: [
    { name: 'MdcBlockOpen', block: true }, { name: 'MdcBlockClose', block: true, style: t.processingInstruction },
    { name: 'MdcSlot', block: true, style: t.labelName }, { name: 'MdcYamlProps', block: true, style: t.meta },
    { name: 'MdcMarker', style: t.processingInstruction }, { name: 'MdcName', style: t.tagName },
    { name: 'MdcAttributes', style: t.attributeName }, { name: 'MdcInline' },
  ],
  parseBlock: [{
    name: 'MdcBlock',
    before: 'LinkReference',
    parse(cx: BlockContext, line: Line) {
      const start = cx.lineStart
      const open = OPEN.exec(line.text)
      if (open) {
        cx.addElement(cx.elt('MdcBlockOpen', start, start + line.text.length, openChildren(cx, start, open)))
        if (!cx.nextLine()) return true
        if (FENCE.test(line.text)) {
          const from = cx.lineStart
          let to = from + line.text.length
          while (cx.nextLine()) {
            to = cx.lineStart + line.text.length
            if (FENCE.test(line.text)) { cx.nextLine(); break }
          }
          cx.addElement(cx.elt('MdcYamlProps', from, to))
        }
        return true
      }
      if (CLOSE.test(line.text)) {
        cx.addElement(cx.elt('MdcBlockClose', start, start + line.text.length))
        cx.nextLine()
        return true
      }
      if (SLOT.test(line.text)) {
        cx.addElement(cx.elt('MdcSlot', start, start + line.text.length))
        cx.nextLine()
        return true
      }
      return false
    },
    endLeaf: (_cx: BlockContext, line: Line) => OPEN.test(line.text) || CLOSE.test(line.text),
  }],
  parseInline: [{
    name: 'MdcInline',
    parse(cx: InlineContext, next: number, pos: number) {
      if (next === 58 /* : */) {
        const before = pos > cx.offset ? cx.char(pos - 1) : 32
        if (before === 58 || /[\w/]/.test(String.fromCharCode(before))) return -1
        const m = /^:([A-Za-z][\w-]*)(\[[^\]\n]*\])?(\{[^}\n]*\})?/.exec(cx.slice(pos, Math.min(cx.end, pos + 300)))
        if (!m || (!m[2] && !m[3])) return -1
        const nameTo = pos + 1 + m[1].length
        const children = [cx.elt('MdcMarker', pos, pos + 1), cx.elt('MdcName', pos + 1, nameTo)]
        if (m[3]) children.push(cx.elt('MdcAttributes', pos + m[0].length - m[3].length, pos + m[0].length))
        return cx.addElement(cx.elt('MdcInline', pos, pos + m[0].length, children))
      }
      if (next === 123 /* { */ && pos > cx.offset && /[\]*_`]/.test(String.fromCharCode(cx.char(pos - 1)))) {
        const m = /^\{[^}\n]*\}/.exec(cx.slice(pos, Math.min(cx.end, pos + 300)))
        if (!m) return -1
        return cx.addElement(cx.elt('MdcAttributes', pos, pos + m[0].length))
      }
      return -1
    },
    before: 'Link',
  }],
}
