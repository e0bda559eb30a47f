import type { MinimarkElement, MinimarkNode } from '../parser'
import { mixedContent } from './minimark-to-markdown'
import type { RenderContext } from './render-context'

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** Whether a node is the GFM footnotes section remark-rehype appends (`<section data-footnotes class="footnotes">`). */
export function isFootnoteSection(node: MinimarkNode): boolean {
  if (node.type !== 'element' || node.tag !== 'section' || !same(node.props, { className: ['footnotes'], dataFootnotes: true })) return false
  const [label, list, ...rest] = node.children
  return !rest.length && label?.type === 'element' && label.tag === 'h2' && label.props.id === 'footnote-label' &&
    list?.type === 'element' && list.tag === 'ol' &&
    list.children.every(item => item.type === 'element' && item.tag === 'li' && typeof item.props.id === 'string' && item.props.id.startsWith('user-content-fn-'))
}

function isBackReference(node: MinimarkNode | undefined): boolean {
  return node?.type === 'element' && node.tag === 'a' && node.props.dataFootnoteBackref === true
}

/** A footnote's own content: its list item without the `↩` back references and the space before them. */
function definitionContent(item: MinimarkElement): MinimarkNode[] {
  const content = [...item.children]
  let stripped = false
  while (content.length && (isBackReference(content[content.length - 1]) || same(content[content.length - 1], { type: 'text', value: ' ' }))) {
    stripped = isBackReference(content.pop()) || stripped
  }
  const tail = content[content.length - 1]
  if (stripped && tail?.type === 'text' && tail.value.endsWith(' ')) {
    content[content.length - 1] = { type: 'text', value: tail.value.slice(0, -1) }
    if (!tail.value.slice(0, -1)) content.pop()
  }
  return content
}

/**
 * The footnote definitions (`[^id]: text`) that make remark-rehype rebuild a footnotes section:
 * one per list item, in order (the site numbers footnotes by first reference, which the body keeps).
 */
export function footnoteDefinitions(section: MinimarkElement, context: RenderContext): string {
  const list = section.children[1] as MinimarkElement
  return list.children
    .map(item => {
      const element = item as MinimarkElement
      const id = decodeURIComponent(String(element.props.id).slice('user-content-fn-'.length))
      const content = mixedContent(definitionContent(element), context)
      const lines = content.split('\n').map((line, index) => (index === 0 || line === '' ? line : '    ' + line))
      return `[^${id}]:${content ? ' ' + lines.join('\n') : ''}`
    })
    .join('\n')
}
