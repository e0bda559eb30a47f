import { parseFrontMatter } from 'remark-mdc'
import type { LineColumn } from './source-position'

interface MdastLike {
  children?: MdastLike[]
  rawData?: unknown
  name?: unknown
  position?: { start?: { line?: number } }
}

/**
 * Finds the MDC block component whose YAML props block (`::card\n---\n…\n---`) js-yaml rejects,
 * and where in the markdown body: remark-mdc's own error only counts lines inside that block.
 */
export function locateComponentYamlError(tree: MdastLike): (LineColumn & { component: string; reason: string }) | undefined {
  const stack: MdastLike[] = [tree]
  while (stack.length) {
    const node = stack.pop() as MdastLike
    if (typeof node.rawData === 'string' && node.position?.start?.line) {
      try {
        parseFrontMatter(`---\n${node.rawData.replace(/\s-+$/, '')}\n---`)
      } catch (error) {
        const e = error as { reason?: string; message?: string; mark?: { line?: number; column?: number } }
        // The raw block starts on the `---` line right after the component's opening line.
        return {
          line: node.position.start.line + 1 + (e.mark?.line ?? 0),
          column: (e.mark?.column ?? 0) + 1,
          component: String(node.name ?? ''),
          reason: e.reason ?? String(e.message ?? error).split('\n')[0],
        }
      }
    }
    const children = node.children ?? []
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i])
  }
  return undefined
}
