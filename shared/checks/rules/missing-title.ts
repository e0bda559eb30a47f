import { findingAt, type CheckRule } from '../check-input'
import type { TextEdit } from '../finding'
import { hasValue, yamlQuoted } from '../frontmatter-fields'
import { postSource } from '../post-source'
import { suggestedTitle } from '../suggested-title'

/**
 * A post without a `title` in its frontmatter (or with an empty one): the site falls back to the
 * first heading or the file name, which is rarely what the writer wants in lists and link previews.
 * The fix adds `title:` (a new frontmatter block when there is none).
 */
export const missingTitle: CheckRule = {
  id: 'missing-title',
  run(input) {
    const { frontmatter } = postSource(input)
    if (frontmatter.data === null) return [] // invalid YAML: frontmatter-yaml reports it
    if (hasValue(frontmatter.data, 'title')) return []
    const title = suggestedTitle(input)
    const key = frontmatter.keys.get('title')
    const fallback = typeof input.outcome.parsed?.title === 'string' && input.outcome.parsed.title ? input.outcome.parsed.title : title
    let edits: TextEdit[]
    if (key) edits = [{ from: key.from, to: key.lineTo, insert: `title: ${yamlQuoted(title)}` }]
    else if (frontmatter.bounds) edits = [{ from: frontmatter.bounds.yamlFrom, to: frontmatter.bounds.yamlFrom, insert: `title: ${yamlQuoted(title)}\n` }]
    else edits = [{ from: 0, to: 0, insert: `---\ntitle: ${yamlQuoted(title)}\n---\n\n` }]
    const what = key ? 'The frontmatter "title" is empty' : frontmatter.bounds ? 'The frontmatter has no "title"' : 'This post has no frontmatter and so no "title"'
    return [findingAt(input, 'missing-title', {
      severity: 'error',
      message: `${what}: the site falls back to "${fallback}" (from the first heading or the file name) in post lists, the browser tab and link previews. Add a line like title: ${yamlQuoted(title)} to the frontmatter.`,
      from: key ? key.from : 0,
      to: key ? key.lineTo : 0,
      fix: { label: `Add the title ${yamlQuoted(title)}`, edits },
    })]
  },
}
