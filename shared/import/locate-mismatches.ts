import type { MinimarkNode } from '../parser'

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * The expected nodes to write differently so that `actual` becomes `expected`: walking both trees
 * together, the deepest expected element whose own tag/props differ or whose children cannot be
 * paired up. A container whose children line up is never blamed itself; for children that do not
 * line up, the first differing child is blamed (or the container when that child is a text).
 */
export function locateMismatches(expected: MinimarkNode[], actual: MinimarkNode[], container?: MinimarkNode): MinimarkNode[] {
  if (same(expected, actual)) return []
  if (expected.length !== actual.length) {
    let index = 0
    while (index < expected.length && index < actual.length && same(expected[index], actual[index])) index++
    const culprit = expected[Math.min(index, expected.length - 1)]
    if (culprit && culprit.type === 'element') {
      const counterpart = actual[index]
      // Same element, wrong inside: look deeper before blaming it.
      if (counterpart?.type === 'element' && counterpart.tag === culprit.tag && same(counterpart.props, culprit.props) && !same(counterpart, culprit)) {
        const inner = locateMismatches(culprit.children, counterpart.children, culprit)
        if (inner.length) return inner
      }
      return [culprit]
    }
    const previous = expected[index - 1]
    if (previous?.type === 'element') return [previous]
    return container ? [container] : culprit ? [culprit] : []
  }
  const out: MinimarkNode[] = []
  for (let i = 0; i < expected.length; i++) {
    const want = expected[i]
    const got = actual[i]
    if (same(want, got)) continue
    if (want.type === 'element' && got.type === 'element' && want.tag === got.tag && same(want.props, got.props)) {
      const inner = locateMismatches(want.children, got.children, want)
      out.push(...(inner.length ? inner : [want]))
    } else if (want.type === 'element') {
      out.push(want)
    } else if (container) {
      // A text that differs: blame a neighbouring element (it probably swallowed or split the text), else the container.
      const neighbour = [expected[i - 1], expected[i + 1]].find(node => node?.type === 'element')
      out.push(neighbour ?? container)
    }
  }
  return out
}
