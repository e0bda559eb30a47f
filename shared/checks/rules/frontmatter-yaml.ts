import { findingAt, offsetAt, type CheckRule } from '../check-input'

/** Invalid YAML between the `---` lines: the site's build fails on it, so it is an error with the parser's line and column. */
export const frontmatterYaml: CheckRule = {
  id: 'frontmatter-yaml',
  run(input) {
    const error = input.outcome.error
    if (!error || error.kind !== 'frontmatter') return []
    const from = error.line ? offsetAt(input.text, error.line, error.column ?? 1) : 0
    const reason = error.message.replace(/\s*\(line \d+, column \d+\)$/, '')
    return [findingAt(input, 'frontmatter-yaml', {
      severity: 'error',
      message: `${reason}. The site cannot build this post: fix the YAML between the --- lines (quote values that contain ": " or start with a special character).`,
      from,
    })]
  },
}
