import { ServiceError } from '../../shared/services/service-error'
import { assertSafeSegment } from '../services/site-paths'

/** What a request asks for, decided from its method and raw URL alone. */
export type Route =
  | { kind: 'api'; service: string; method: string; token: string | null }
  | { kind: 'events'; token: string | null }
  | { kind: 'site-file'; key: string; segments: string[]; token: string | null }
  | { kind: 'export-file'; key: string; name: string; token: string | null }
  | { kind: 'app'; segments: string[]; token: string | null }
  | { kind: 'reject'; status: number; message: string }

/** Longest URL we look at. */
export const MAX_URL_LENGTH = 8192

const API_NAME = /^([a-z][a-zA-Z0-9]*)\.([a-z][a-zA-Z0-9]*)$/

function reject(status: number, message: string): Route {
  return { kind: 'reject', status, message }
}

/**
 * Splits and checks a URL path into decoded segments. Each segment is percent-decoded exactly once
 * and must then be a plain name: no `.`/`..`, no `/` or `\` (so `%2f`, `%5c` are refused), no NUL
 * or control characters, and no remaining percent-escapes of those (double encoding such as
 * `%252e%252e`). Raw backslashes anywhere are refused too.
 */
export function decodePathSegments(rawPath: string): string[] {
  if (rawPath.includes('\\')) throw new ServiceError('outside-site', 'Refusing path: backslashes are not allowed')
  const parts = rawPath.split('/').slice(1)
  return parts.map((part) => {
    let decoded: string
    try {
      decoded = decodeURIComponent(part)
    } catch {
      throw new ServiceError('invalid-argument', 'Refusing path: malformed percent-encoding')
    }
    assertSafeSegment(decoded, rawPath)
    return decoded
  })
}

/**
 * The pure routing function of the loopback HTTP host (testable against traversal vectors without
 * a server): `POST /api/<service>.<method>`, `GET /api/events`, `GET /site-file/<key>/<path under public/>`,
 * `GET /export-file/<key>/<bundle name>` (`key`: the host's per-launch file secret) (a finished export, for download) and `GET /<renderer asset>`. Any traversal attempt becomes a 400 `reject`; wrong methods 405.
 * The `token` query parameter, when present, is returned for the auth step.
 */
export function parseRoute(method: string, rawUrl: string): Route {
  if (typeof rawUrl !== 'string' || !rawUrl.startsWith('/') || rawUrl.startsWith('//')) return reject(400, 'Bad request URL')
  if (rawUrl.length > MAX_URL_LENGTH) return reject(414, 'URL too long')
  const hashAt = rawUrl.indexOf('#')
  const url = hashAt === -1 ? rawUrl : rawUrl.slice(0, hashAt)
  const queryAt = url.indexOf('?')
  const rawPath = queryAt === -1 ? url : url.slice(0, queryAt)
  let token: string | null = null
  if (queryAt !== -1) {
    try {
      token = new URLSearchParams(url.slice(queryAt + 1)).get('token')
    } catch {
      return reject(400, 'Malformed query string')
    }
  }
  if (rawPath === '/') {
    return method === 'GET' || method === 'HEAD' ? { kind: 'app', segments: [], token } : reject(405, 'Method not allowed')
  }
  let segments: string[]
  try {
    segments = decodePathSegments(rawPath)
  } catch (error) {
    return reject(400, error instanceof Error ? error.message : 'Bad path')
  }
  if (segments[0] === 'api') {
    if (segments.length === 2 && segments[1] === 'events') {
      return method === 'GET' ? { kind: 'events', token } : reject(405, 'Use GET for /api/events')
    }
    const match = segments.length === 2 ? API_NAME.exec(segments[1]) : null
    if (!match) return reject(404, 'Unknown API route; use POST /api/<service>.<method>')
    if (method !== 'POST') return reject(405, 'Use POST for API calls')
    return { kind: 'api', service: match[1], method: match[2], token }
  }
  if (method !== 'GET' && method !== 'HEAD') return reject(405, 'Method not allowed')
  if (segments[0] === 'export-file') {
    if (segments.length !== 3) return reject(404, 'Not found')
    return { kind: 'export-file', key: segments[1], name: segments[2], token }
  }
  if (segments[0] === 'site-file') {
    if (segments.length < 3) return reject(404, 'Not found')
    return { kind: 'site-file', key: segments[1], segments: segments.slice(2), token }
  }
  return { kind: 'app', segments, token }
}
