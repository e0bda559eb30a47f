import { ServiceError } from '../../shared/services/service-error'
import { errnoCode } from './fs-facade'

const REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EROFS: 'the file system is read-only',
  EIO: 'the disk reported an input/output error',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EBUSY: 'the file is busy',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a parent is not a folder',
  ENAMETOOLONG: 'the name is too long',
  EXDEV: 'it would cross file systems',
}

/** What to do about each failure, said after what was kept. */
const ADVICE: Record<string, string> = {
  ENOSPC: 'Free some space on the disk, then try again.',
  EDQUOT: 'Free some space (or raise the quota), then try again.',
  EACCES: 'Check that you may write to that folder, then try again.',
  EPERM: 'Check that you may write to that folder, then try again.',
  EROFS: 'Make the disk writable (or choose another folder), then try again.',
  EIO: 'The disk may be failing: keep a copy of your work elsewhere, then try again.',
  EMFILE: 'Close some other programs or windows, then try again.',
  ENFILE: 'Close some other programs or windows, then try again.',
  EBUSY: 'Close the program that is using the file, then try again.',
}

/**
 * Wraps a low-level fs failure as a ServiceError with a sentence a writer can act on, e.g.
 * `Could not save blog/a.md: the disk is full (ENOSPC)`. ServiceErrors pass through unchanged;
 * ENOENT becomes `not-found`, everything else `io` with `details.errno`.
 */
export function toServiceError(error: unknown, action: string): ServiceError {
  if (error instanceof ServiceError) return error
  const code = errnoCode(error)
  if (code === 'ENOENT') return new ServiceError('not-found', `Could not ${action}: it does not exist`, { errno: code })
  if (code === 'EEXIST') return new ServiceError('exists', `Could not ${action}: it already exists`, { errno: code })
  const reason = (code && REASONS[code]) ?? (error instanceof Error ? error.message : String(error))
  return new ServiceError('io', `Could not ${action}: ${reason}${code ? ` (${code})` : ''}`, code ? { errno: code } : undefined)
}

/**
 * Like `toServiceError`, for a failed write that lost nothing: the sentence also says what was kept
 * (`kept`, e.g. "Your text is kept in the editor and blog/a.md on disk is unchanged.") and what to
 * do, e.g. `Could not save blog/a.md: the disk is full (ENOSPC). Your text is kept in the editor and
 * blog/a.md on disk is unchanged. Free some space on the disk, then try again.`
 */
export function toWriteError(error: unknown, action: string, kept: string): ServiceError {
  if (error instanceof ServiceError) return error
  const plain = toServiceError(error, action)
  if (plain.code !== 'io') return plain
  const code = errnoCode(error)
  return new ServiceError('io', `${plain.message}. ${kept} ${(code && ADVICE[code]) ?? 'Try again.'}`, plain.details)
}

