import { findingAt, type CheckRule } from '../check-input'
import type { Finding } from '../finding'
import { locateHeadings } from '../locate-headings'

/**
 * A heading that skips a level (`##` followed by `####`): screen readers and the site's table of
 * contents (which nests by level) lose the structure. The page title counts as level 1, so a
 * post's first heading should be `#` or `##`. The fix sets the heading one level below the previous.
 */
export const headingLevels: CheckRule = {
  id: 'heading-levels',
  run(input) {
    const findings: Finding[] = []
    let previous = 1
    let first = true
    for (const heading of locateHeadings(input)) {
      if (heading.level > previous + 1) {
        const wanted = previous + 1
        const hashes = (n: number) => '#'.repeat(n)
        const after = first ? 'the page title (level 1)' : `an h${previous} (${hashes(previous)})`
        findings.push(findingAt(input, 'heading-levels', {
          severity: 'warning',
          message: `The heading "${heading.text}" is an h${heading.level} (${hashes(heading.level)}) right after ${after}: it skips ${heading.level - previous === 2 ? `h${wanted}` : `h${wanted}–h${heading.level - 1}`}, which breaks the outline for screen readers and the table of contents. Make it ${hashes(wanted)} (h${wanted}) or add the missing level above it.`,
          from: heading.from,
          to: heading.to,
          ...(heading.marker ? { fix: { label: `Make it ${hashes(wanted)}`, edits: [{ ...heading.marker, insert: hashes(wanted) }] } } : {}),
        }))
      }
      previous = heading.level
      first = false
    }
    return findings
  },
}
