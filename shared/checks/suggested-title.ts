import { generateTitle, refineUrlPart } from '../parser/path-meta'
import { baseName, type CheckInput } from './check-input'
import { locateHeadings } from './locate-headings'

/** A title for a post that has none (for the missing-title fix and url-path renames): its first h1, else its first heading, else one made from the file name without its date. */
export function suggestedTitle(input: CheckInput): string {
  const headings = locateHeadings(input).filter((heading) => heading.text)
  const heading = headings.find((h) => h.level === 1) ?? headings[0]
  if (heading) return heading.text
  const name = refineUrlPart(baseName(input.file)).replace(/^\d{4}-\d{2}-\d{2}[-_ ]?/, '')
  const folder = input.file.includes('/') ? input.file.split('/').slice(-2)[0] : ''
  const words = (name || folder).replace(/_/g, ' ').trim()
  return words ? generateTitle(words).replace(/\s+/g, ' ').trim() || words : 'Untitled'
}
