import { findingAt, type CheckRule } from '../check-input'
import { hasValue, yamlQuoted } from '../frontmatter-fields'
import { postSource } from '../post-source'

/** Longest description the fix proposes (what search results show). */
const DESCRIPTION_LENGTH = 160

function shorten(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= length) return flat
  const cut = flat.slice(0, length - 1)
  const space = cut.lastIndexOf(' ')
  return (space > length / 2 ? cut.slice(0, space) : cut) + '…'
}

/**
 * A post with neither `description` nor `summary` in its frontmatter. The parser then fills
 * `description` from the first paragraph (Nuxt Content does), which is often an aside or an image
 * caption, not a summary; search results and link previews show it. The fix adds a description
 * made from that paragraph for the writer to edit.
 */
export const missingDescription: CheckRule = {
  id: 'missing-description',
  run(input) {
    const { frontmatter } = postSource(input)
    if (frontmatter.data === null) return []
    if (hasValue(frontmatter.data, 'description') || hasValue(frontmatter.data, 'summary')) return []
    const paragraph = typeof input.outcome.parsed?.description === 'string' ? input.outcome.parsed.description.trim() : ''
    const proposal = paragraph ? shorten(paragraph, DESCRIPTION_LENGTH) : ''
    const instead = paragraph ? `the first paragraph ("${shorten(paragraph, 60)}")` : 'nothing (the post has no leading paragraph)'
    const line = `description: ${yamlQuoted(proposal)}`
    const bounds = frontmatter.bounds
    const edit = bounds ? { from: bounds.yamlTo, to: bounds.yamlTo, insert: `\n${line}` } : { from: 0, to: 0, insert: `---\n${line}\n---\n\n` }
    return [findingAt(input, 'missing-description', {
      severity: 'warning',
      message: `The frontmatter has neither "description" nor "summary", so search results and link previews show ${instead}. Add a description: line with one or two sentences about the post.`,
      from: 0,
      ...(proposal ? { fix: { label: 'Add a description from the first paragraph', edits: [edit] } } : {}),
    })]
  },
}
