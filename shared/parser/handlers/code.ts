import { detab } from 'detab'
import type { NodeHandler } from './handler-types'
import { parseCodeFenceInfo } from './code-fence-info'

/**
 * A fenced code block → Nuxt Content's `code` element: `{language, filename, highlights, meta,
 * code}` props (tabs expanded, trailing newline added) wrapping `<pre><code>` with the text.
 */
export const code: NodeHandler = (state, node) => {
  const info = parseCodeFenceInfo(`${(node.lang as string) || ''} ${(node.meta as string) || ''}`)
  const text = node.value ? detab(node.value + '\n') : ''
  const inner = state(node, 'code', { __ignoreMap: '' }, [{ type: 'text', value: text }])
  const pre = state(node, 'pre', {}, [inner])
  return state(
    node.position,
    'code',
    {
      language: info.language,
      filename: info.filename,
      highlights: info.highlights,
      meta: info.meta,
      code: text,
      className: [`language-${info.language}`],
    },
    [pre],
  )
}
