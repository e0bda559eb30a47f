/** Machine-readable reasons a service call can fail; the UI branches on these, never on message text. */
export type ServiceErrorCode =
  | 'conflict' // the file changed on disk since the version the caller had
  | 'not-found'
  | 'exists' // refusing to overwrite
  | 'outside-site' // a path that would leave the site folder
  | 'invalid-argument'
  | 'not-a-site'
  | 'no-site' // no site folder is open yet
  | 'io' // the file system failed (ENOSPC, EACCES, EIO, ...)
  | 'unauthorized'
  | 'internal'

/** The one error shape that crosses the IPC/HTTP boundary: a code, a human message, optional details. */
export class ServiceError extends Error {
  readonly code: ServiceErrorCode
  readonly details?: Record<string, unknown>
  constructor(code: ServiceErrorCode, message: string, details?: Record<string, unknown>) {
    super(message)
    this.name = 'ServiceError'
    this.code = code
    this.details = details
  }
}

/** Plain-object form of a ServiceError, as it travels over IPC or HTTP. */
export interface SerializedServiceError {
  code: ServiceErrorCode
  message: string
  details?: Record<string, unknown>
}

/** Turns any thrown value into the wire form; unknown errors become `internal`. */
export function serializeError(error: unknown): SerializedServiceError {
  if (error instanceof ServiceError) return { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) }
  const message = error instanceof Error ? error.message : String(error)
  return { code: 'internal', message }
}

/** Rebuilds a ServiceError on the client side from its wire form. */
export function deserializeError(wire: SerializedServiceError): ServiceError {
  return new ServiceError(wire.code, wire.message, wire.details)
}
