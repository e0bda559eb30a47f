import { contentIdFor, tryParsePost } from '../parser/index'
import type { ParseOutcome } from '../parser/parse-types'
import type { CheckInput, CheckRule } from './check-input'
import type { Finding, SiteIndex } from './finding'
import { brokenAnchor } from './rules/broken-anchor'
import { brokenLink } from './rules/broken-link'
import { draft } from './rules/draft'
import { duplicateHeadingId } from './rules/duplicate-heading-id'
import { emptyLinkText } from './rules/empty-link-text'
import { frontmatterYaml } from './rules/frontmatter-yaml'
import { headingLevels } from './rules/heading-levels'
import { invalidDate } from './rules/invalid-date'
import { largeImage } from './rules/large-image'
import { missingDescription } from './rules/missing-description'
import { missingImage } from './rules/missing-image'
import { missingTitle } from './rules/missing-title'
import { parseError } from './rules/parse-error'
import { parseLimit } from './rules/parse-limit'
import { unsafeHtml } from './rules/unsafe-html'
import { urlPath } from './rules/url-path'

/** Every pre-publish rule, in the order they are run (the output is sorted by place anyway). */
export const CHECK_RULES: readonly CheckRule[] = [
  // errors
  frontmatterYaml,
  parseError,
  parseLimit,
  missingTitle,
  invalidDate,
  missingImage,
  brokenLink,
  unsafeHtml,
  urlPath,
  // warnings
  draft,
  missingDescription,
  largeImage,
  headingLevels,
  duplicateHeadingId,
  emptyLinkText,
  brokenAnchor,
]

/**
 * Runs every rule (or the given ones) on one post and returns the findings sorted by line, then
 * column. A rule that throws contributes no findings: one buggy rule must never hide the others or
 * crash an export.
 */
export function runChecks(input: CheckInput, rules: readonly CheckRule[] = CHECK_RULES): Finding[] {
  const findings: Finding[] = []
  for (const rule of rules) {
    try {
      const found = rule.run(input)
      if (Array.isArray(found)) findings.push(...found)
    } catch {
      // a failing rule reports nothing; the others still run
    }
  }
  return findings
    .map((finding, order) => ({ finding, order }))
    .sort((a, b) => a.finding.line - b.finding.line || a.finding.column - b.finding.column || a.order - b.order)
    .map(({ finding }) => finding)
}

/**
 * Parses a post the way the site does (content id from its file) and runs every rule on it; the
 * one entry point for the editor's parse worker (live text) and for saved posts (CLI, export).
 * `text` should use `\n` line ends, like the editor and the parser.
 */
export function checkPostText(file: string, text: string, site: SiteIndex): Finding[] {
  const normalised = text.replace(/\r\n?/g, '\n')
  let outcome: ParseOutcome
  try {
    outcome = tryParsePost(normalised, { id: contentIdFor(file) })
  } catch (error) {
    // tryParsePost does not throw; should it ever, the post is still checked (as unparseable)
    outcome = { parsed: null, error: { kind: 'parser', message: `Cannot parse this post: ${String((error as Error)?.message ?? error)}` } }
  }
  return runChecks({ file, text: normalised, outcome, site })
}
