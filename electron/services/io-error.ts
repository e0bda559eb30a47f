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
