import { findingAt, offsetAt, type CheckRule } from '../check-input'

/**
 * The post ran past the parse pool's time or memory limit (a 400 KB line without spaces takes the
 * site's parser minutes): the error's message says which line is likely to blame, and the finding
 * points at it.
 */
export const parseLimit: CheckRule = {
  id: 'parse-limit',
  run(input) {
    const error = input.outcome.error
    if (!error || (error.kind !== 'too-slow' && error.kind !== 'out-of-memory')) return []
    const from = error.line ? offsetAt(input.text, error.line, 1) : 0
    const lineEnd = input.text.indexOf('\n', from)
    return [findingAt(input, 'parse-limit', { severity: 'error', message: error.message, from, to: error.line ? (lineEnd === -1 ? input.text.length : lineEnd) : from })]
  },
}
