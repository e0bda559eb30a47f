import { findingAt, type CheckRule } from '../check-input'
import type { Finding } from '../finding'
import { headingSlug } from '../heading-slug'
import { locateHeadings, type LocatedHeading } from '../locate-headings'
import { lineColumnAt } from '../../parser/source-position'

/**
 * Two headings whose ids collide before the site makes them unique (the same text, up to case and
 * punctuation): the site renames the later one (`#intro` → `#intro-1`), so a link to `#intro`
 * always reaches the first and the table of contents shows two identical entries.
 */
export const duplicateHeadingId: CheckRule = {
  id: 'duplicate-heading-id',
  run(input) {
    const first = new Map<string, LocatedHeading>()
    const findings: Finding[] = []
    for (const heading of locateHeadings(input)) {
      if (!heading.id) continue
      const slug = headingSlug(heading.text)
      if (!slug) continue
      const earlier = first.get(slug)
      if (!earlier) {
        first.set(slug, heading)
        continue
      }
      // the site really renamed it: its id is the earlier one's plus a `-N` suffix
      if (!new RegExp(`^${earlier.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-\\d+$`).test(heading.id)) continue
      const line = lineColumnAt(input.text, earlier.from).line
      findings.push(findingAt(input, 'duplicate-heading-id', {
        severity: 'warning',
        message: `The heading "${heading.text}" has the same id as the heading "${earlier.text}" on line ${line} (#${earlier.id}), so the site renames this one to #${heading.id}: links to #${earlier.id} always go to the first, and the table of contents shows two identical entries. Give this heading different words.`,
        from: heading.from,
        to: heading.to,
      }))
    }
    return findings
  },
}
