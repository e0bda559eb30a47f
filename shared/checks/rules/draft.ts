import { findingAt, type CheckRule } from '../check-input'
import { postSource } from '../post-source'

/**
 * A post marked as a draft — `draft: true` in the frontmatter, or a `.draft` file name (which Nuxt
 * Content itself treats as a draft) — that is being checked for publishing. The fix publishes it.
 */
export const draft: CheckRule = {
  id: 'draft',
  run(input) {
    const { frontmatter } = postSource(input)
    if (frontmatter.data?.draft === true) {
      const key = frontmatter.keys.get('draft')
      return [findingAt(input, 'draft', {
        severity: 'warning',
        message: 'This post is marked as a draft (draft: true), so the site keeps it out of post lists. Set draft: false when it is ready to publish.',
        from: key ? key.valueFrom : 0,
        to: key ? key.valueTo : 0,
        ...(key && key.value !== '' ? { fix: { label: 'Set draft: false', edits: [{ from: key.valueFrom, to: key.valueTo, insert: 'false' }] } } : {}),
      })]
    }
    const match = /\.draft(?=\.md$|\/)/i.exec(input.file)
    if (match) {
      const renamed = input.file.slice(0, match.index) + input.file.slice(match.index + match[0].length)
      return [findingAt(input, 'draft', {
        severity: 'warning',
        message: `This post is a draft because of ".draft" in its file name (${input.file}): Nuxt Content does not publish it. Rename it to ${renamed} when it is ready to publish.`,
        from: 0,
        ...(match.index + match[0].length === input.file.length - 3 ? { fix: { label: `Rename to ${renamed}`, rename: renamed } } : {}),
      })]
    }
    return []
  },
}
