import { findingAt, offsetAt, type CheckRule } from '../check-input'

/** The post's body cannot be parsed at all (nesting too deep, broken component YAML, …): the site fails on it too. */
export const parseError: CheckRule = {
  id: 'parse-error',
  run(input) {
    const error = input.outcome.error
    // frontmatter: frontmatter-yaml; stopped at a time or memory limit: parse-limit
    if (!error || error.kind === 'frontmatter' || error.kind === 'too-slow' || error.kind === 'out-of-memory') return []
    const from = error.line ? offsetAt(input.text, error.line, error.column ?? 1) : 0
    return [findingAt(input, 'parse-error', {
      severity: 'error',
      message: `${error.message.replace(/\s*\(line \d+, column \d+\)$/, '')}. The site cannot render this post; fix the markup at this place.`,
      from,
    })]
  },
}
