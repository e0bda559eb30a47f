import { findingAt, pagePathOf, type CheckRule } from '../check-input'
import type { Finding } from '../finding'
import { headingSlug } from '../heading-slug'
import { locateLinks } from '../locate-links'
import { resolveLink } from '../resolve-link'
import { treeElements } from '../tree-elements'

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/**
 * A link to an `#anchor` of this same page (`#setup`, or `./this-post#setup`) that matches no id
 * on the page — usually a heading renamed after the link was written, or an id the site changes
 * (`## 1. Intro` gets `#_1-intro`). A warning: the page still opens, at the top.
 */
export const brokenAnchor: CheckRule = {
  id: 'broken-anchor',
  run(input) {
    const parsed = input.outcome.parsed
    if (!parsed) return []
    const pagePath = pagePathOf(input)
    const ids = new Set<string>()
    const headingIds: string[] = []
    for (const element of treeElements(parsed.body?.children)) {
      const name = element.props?.name
      if (element.tag === 'a' && typeof name === 'string' && name) ids.add(name) // <a name="x"> anchors
      const id = element.props?.id
      if (typeof id !== 'string' || !id) continue
      ids.add(id)
      if (/^h[1-6]$/.test(element.tag)) headingIds.push(id)
    }
    const findings: Finding[] = []
    for (const link of locateLinks(input)) {
      const href = link.href.trim()
      let hash: string
      if (href.startsWith('#')) hash = safeDecode(href.slice(1))
      else {
        const target = resolveLink(href, { file: input.file, pagePath }, link.markdownUrl)
        const samePage = (target.kind === 'page' && target.path === pagePath) || (target.kind === 'post-file' && target.file === input.file)
        if (!samePage) continue
        hash = target.hash
      }
      if (!hash || ids.has(hash) || hash === 'top') continue
      const guess = headingIds.find((id) => id === headingSlug(hash)) ?? headingIds.find((id) => id.toLowerCase() === hash.toLowerCase())
      const listed = headingIds.length ? ` Headings on this page: ${headingIds.slice(0, 6).map((id) => '#' + id).join(', ')}${headingIds.length > 6 ? ', …' : ''}.` : ' This page has no headings.'
      const hashAt = link.located ? input.text.lastIndexOf('#', link.to) : -1
      const canFix = guess !== undefined && hashAt >= link.from && hashAt < link.to
      findings.push(findingAt(input, 'broken-anchor', {
        severity: 'warning',
        message: `The link "${link.written}" points to #${hash}, but nothing on this page has that id, so the link opens the page at the top.${guess ? ` The site gives the heading the id #${guess}: link to that.` : ' Fix the anchor or the heading it should point to.'}${guess ? '' : listed}`,
        from: link.from,
        to: link.to,
        ...(canFix ? { fix: { label: `Link to #${guess}`, edits: [{ from: hashAt + 1, to: link.to, insert: guess }] } } : {}),
      }))
    }
    return findings
  },
}
