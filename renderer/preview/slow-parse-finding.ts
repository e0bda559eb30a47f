import type { Finding } from '../../shared/checks/finding'
import type { SlowParse } from './preview-worker-client'

/** The rule id of the "takes too long to parse" finding the preview adds while its newest text ran past the limit. */
export const SLOW_PARSE_RULE = 'parse-limit'

/**
 * The findings the problems panel and status bar show: those of the last checked text plus, while
 * the newest text ran past the parse time limit, an error saying why, on the line to blame (no
 * offsets, so the editor draws no squiggle along a line that may be megabytes long).
 */
export function withSlowParse(findings: Finding[] | null, slow: SlowParse | null): Finding[] | null {
  if (!slow) return findings
  const finding: Finding = { rule: SLOW_PARSE_RULE, severity: 'error', message: slow.message, file: slow.file, line: slow.line ?? 1, column: 1 }
  return [finding, ...(findings ?? [])]
}
