import type { PostParseError } from './parse-types'

/**
 * The one error the parser throws: an `Error` carrying a structured {@link PostParseError}
 * (kind, message, 1-based line/column relative to the whole file) so callers can show where it went wrong.
 */
export class PostParseFailure extends Error {
  /** The structured error, safe to send over IPC or print as JSON. */
  readonly detail: PostParseError

  constructor(detail: PostParseError) {
    super(detail.message)
    this.name = 'PostParseFailure'
    this.detail = detail
  }
}
