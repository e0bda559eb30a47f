import type { ParseOutcome } from '../parser/parse-types'
import { lineColumnAt } from '../parser/source-position'
import type { Finding, QuickFix, Severity, SiteIndex } from './finding'

/** Everything one rule sees: the post (file relative to the content folder, text with `\n` line ends), its parse outcome and the site around it. */
export interface CheckInput {
  file: string
  text: string
  outcome: ParseOutcome
  site: SiteIndex
}

/** One pre-publish rule: a stable id and a pure function from a post to its findings. */
export type CheckRule = { id: string; run(input: CheckInput): Finding[] }

/** What a rule says about one place; {@link findingAt} turns it into a full {@link Finding}. */
export interface FindingDraft {
  severity: Severity
  message: string
  /** Offset of the problem in the post's text (line/column are derived from it). */
  from: number
  to?: number
  fix?: QuickFix
}

/**
 * Builds a finding for `rule` at an offset of the post's text: the 1-based line/column come from
 * the offset, so every rule reports positions the same way (the editor marks `from`..`to`).
 */
export function findingAt(input: Pick<CheckInput, 'file' | 'text'>, rule: string, draft: FindingDraft): Finding {
  const from = Math.min(Math.max(0, draft.from), input.text.length)
  const to = Math.min(Math.max(from, draft.to ?? from), input.text.length)
  const where = lineColumnAt(input.text, from)
  return {
    rule,
    severity: draft.severity,
    message: draft.message,
    file: input.file,
    line: where.line,
    column: where.column,
    from,
    to,
    ...(draft.fix ? { fix: draft.fix } : {}),
  }
}

/** The offset of a 1-based line/column in `text` (clamped to the text), the inverse of `lineColumnAt`. */
export function offsetAt(text: string, line: number, column: number): number {
  let offset = 0
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', offset)
    if (next === -1) return text.length
    offset = next + 1
  }
  const lineEnd = text.indexOf('\n', offset)
  const limit = lineEnd === -1 ? text.length : lineEnd
  return Math.min(offset + Math.max(0, column - 1), limit)
}

/** The file name of a post without folders and `.md` (`blog/2024-01-16-post.md` → `2024-01-16-post`). */
export function baseName(file: string): string {
  return (file.split('/').pop() ?? file).replace(/\.md$/i, '')
}

/** The page URL of the post (its `_path`, `/` when unknown): the base a browser resolves the post's relative URLs against. */
export function pagePathOf(input: CheckInput): string {
  const path = input.outcome.parsed?._path
  return typeof path === 'string' && path ? path : '/'
}
