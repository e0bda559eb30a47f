import path from 'node:path'
import { ServiceError } from '../../shared/services/service-error'
import type { ServiceFs } from './fs-facade'

/** Longest relative path we accept from the UI or a URL (well above any real post path). */
export const MAX_RELATIVE_PATH_LENGTH = 1024

// escapes of `.`, `/`, `\`, NUL, `%` (double encoding) and overlong UTF-8 lead bytes (`%c0%ae` is a dot to a lax decoder)
const DANGEROUS_ENCODING = /%(?:2e|2f|5c|00|25|c0|c1|e0%[89])/i

function outside(input: string, reason: string): ServiceError {
  return new ServiceError('outside-site', `Refusing path "${printable(input)}": ${reason}; only paths inside the site folder are allowed`, { path: printable(input) })
}

function printable(input: string): string {
  // eslint-disable-next-line no-control-regex
  return input.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).slice(0, 300)
}

/**
 * Checks one path segment (already URL-decoded once, if it came from a URL) and throws a clear
 * `outside-site` error for anything that could step out of a folder or smuggle a separator:
 * `.`/`..`, `/`, `\`, NUL and control characters, percent-escapes of those (double encoding), and
 * Unicode look-alikes that fold into `.`, `..` or a slash.
 */
export function assertSafeSegment(segment: string, whole: string = segment): void {
  if (segment === '') throw outside(whole, 'empty path segment')
  if (segment === '.' || segment === '..') throw outside(whole, '"." and ".." segments are not allowed')
  if (segment.includes('/') || segment.includes('\\')) throw outside(whole, 'separators inside a segment (or backslashes) are not allowed')
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(segment)) throw outside(whole, 'NUL and control characters are not allowed')
  if (DANGEROUS_ENCODING.test(segment)) throw outside(whole, 'percent-encoded dots, slashes, backslashes, NUL, percent signs (double encoding) or overlong UTF-8 are not allowed')
  if (/^[a-zA-Z]:/.test(segment)) throw outside(whole, 'drive letters are not allowed')
  // look-alikes that some tools fold into `.` or `/` (U+2024, U+FF0E, U+FF0F, U+FF3C, U+2215, …)
  const folded = segment.normalize('NFKC')
  if (folded === '.' || folded === '..' || /[/\\\u2044\u2215\u29f8\u29f9]/.test(folded)) throw outside(whole, 'Unicode look-alikes of dots or slashes are not allowed')
}

/**
 * Validates a relative path such as `blog/2024-01-16-llama2.md` as given by the UI and returns its
 * segments. Pure (no disk access): refuses non-strings, absolute, drive and UNC paths, backslashes,
 * NUL, `..` and encoded traversal. Does not URL-decode: service arguments are raw file paths.
 */
export function splitRelativePath(input: unknown, what = 'path'): string[] {
  if (typeof input !== 'string') throw new ServiceError('invalid-argument', `${what} must be a string, got ${input === null ? 'null' : typeof input}`)
  if (input.length === 0) throw new ServiceError('invalid-argument', `${what} must not be empty`)
  if (input.length > MAX_RELATIVE_PATH_LENGTH) throw new ServiceError('invalid-argument', `${what} is longer than ${MAX_RELATIVE_PATH_LENGTH} characters`)
  if (input.includes('\0')) throw outside(input, 'NUL characters are not allowed')
  if (input.includes('\\')) throw outside(input, 'backslashes are not allowed (use "/")')
  if (input.startsWith('/')) throw outside(input, 'absolute paths are not allowed')
  if (/^[a-zA-Z]:/.test(input)) throw outside(input, 'drive paths are not allowed')
  const segments = input.split('/')
  for (const segment of segments) assertSafeSegment(segment, input)
  return segments
}

const CONTROL_NAMES: Record<string, string> = { '\n': 'a line break', '\r': 'a carriage return', '\t': 'a tab' }

/**
 * Why the service API cannot name the file at `relative` (as listed from the disk), in words for
 * the library, or null when it can: a line break or other control character, a backslash, a
 * percent-escape of a separator, a look-alike of `..` (every name `splitRelativePath` refuses).
 */
export function unservableName(relative: string): string | null {
  try {
    splitRelativePath(relative)
    return null
  } catch (error) {
    // eslint-disable-next-line no-control-regex
    const control = /[\u0000-\u001f\u007f]/.exec(relative)?.[0]
    const reason = (error as Error).message.replace(/^Refusing path "[^"]*": /, '').replace(/; only paths inside the site folder are allowed$/, '')
    const what = control !== undefined
      ? (CONTROL_NAMES[control] ?? `the control character U+${control.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)
      : relative.includes('\\') ? 'a backslash' : `something Inkpost refuses in paths (${reason})`
    return `Inkpost cannot open this file: its name contains ${what}. Rename it (e.g. in your file manager) to open it here.`
  }
}

/**
 * True when `child` is `root` or lies below it (both absolute, already normalised). Only a `..`
 * *segment* leaves the root: `....`, `..;` or `...md` right below it are ordinary names inside.
 */
export function isInside(root: string, child: string): boolean {
  const rel = path.relative(root, child)
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel))
}

/** A path resolved inside a folder: `absolute` is the lexical path, `real` the path with symlinks resolved (for existing files). */
export interface ResolvedPath {
  /** The segments joined onto the root (what the user named). */
  absolute: string
  /** Real path of the target if it exists, else of its nearest existing ancestor joined with the rest. */
  real: string
  /** Whether the target exists. */
  exists: boolean
}

/**
 * Resolves `relative` (validated by `splitRelativePath`) inside the folder whose real path is
 * `rootReal`, following symlinks: the real path of the target (or of its deepest existing
 * ancestor, for files about to be created) must stay inside the root, so a symlink that points
 * outside is refused with `outside-site`.
 */
export async function resolveInside(fs: ServiceFs, rootReal: string, relative: unknown, what = 'path'): Promise<ResolvedPath> {
  const segments = splitRelativePath(relative, what)
  const absolute = path.join(rootReal, ...segments)
  if (!isInside(rootReal, absolute)) throw outside(String(relative), 'it resolves outside the site folder')
  // find the deepest existing ancestor (the target itself when it exists)
  let existing = absolute
  const rest: string[] = []
  for (;;) {
    try {
      const real = await fs.realpath(existing)
      const full = rest.length ? path.join(real, ...rest.reverse()) : real
      if (!isInside(rootReal, real)) throw outside(String(relative), 'a symbolic link points outside the site folder')
      return { absolute, real: full, exists: rest.length === 0 }
    } catch (error) {
      if (error instanceof ServiceError) throw error
      const code = (error as NodeJS.ErrnoException).code
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error
      if (existing === rootReal) throw new ServiceError('not-found', `The site folder ${rootReal} no longer exists`)
      rest.push(path.basename(existing))
      existing = path.dirname(existing)
    }
  }
}

/** Turns an absolute path below `root` into the `/`-separated relative form the UI uses. */
export function toRelative(root: string, absolute: string): string {
  return path.relative(root, absolute).split(path.sep).join('/')
}
