import { constants, promises as fsp, type Stats } from 'node:fs'
import type { FileHandle } from 'node:fs/promises'
import { ServiceError } from '../../shared/services/service-error'
import { descriptorPath, type FsStats, type ServiceFs } from './fs-facade'
import { isInside, resolveInside } from './site-paths'

/** A regular file opened read-only inside a folder, verified after opening. */
export interface OpenedInside {
  handle: FileHandle
  /** Real path the file was checked at. */
  real: string
  stats: Stats
}

/** Test hook: runs between the path check and the open, where a symlink could be swapped in. */
export interface OpenInsideHooks {
  afterCheck?: (real: string) => Promise<void> | void
}

function swapped(relative: string): ServiceError {
  return new ServiceError('outside-site', `Refusing path "${relative}": it changed while being opened (a symbolic link now points outside the site folder)`)
}

/**
 * Whether a file opened at `checkedReal` (a path already checked inside `rootReal`) is really the
 * one inside: by where its descriptor points (`where`, Linux), else by a fresh real-path check whose
 * device and inode must match the opened file's `stats`. False means something (a symbolic link,
 * a swapped folder) moved between the check and the open.
 */
export async function openedInside(fs: Pick<ServiceFs, 'realpath' | 'stat'>, rootReal: string, checkedReal: string, stats: FsStats, where: string | null): Promise<boolean> {
  if (where !== null) return isInside(rootReal, where)
  try {
    const again = await fs.realpath(checkedReal)
    const now = await fs.stat(again)
    return isInside(rootReal, again) && now.ino === stats.ino && now.dev === stats.dev
  } catch {
    return false
  }
}

/**
 * Opens `relative` under the folder whose real path is `rootReal`, closing the gap between checking
 * a path and reading it: the path is resolved and checked (symlinks followed, `..` and encodings
 * refused), then opened with O_NOFOLLOW, and the open descriptor itself is verified — by its
 * `/proc/self/fd` link on Linux, elsewhere by matching its device/inode with a fresh real-path
 * check — so a symlink swapped in between the check and the open is refused, never read.
 */
export async function openFileInside(fs: ServiceFs, rootReal: string, relative: string, hooks: OpenInsideHooks = {}): Promise<OpenedInside> {
  const resolved = await resolveInside(fs, rootReal, relative)
  if (!resolved.exists) throw new ServiceError('not-found', `Not found: ${relative}`)
  await hooks.afterCheck?.(resolved.real)
  let handle: FileHandle
  try {
    // O_NONBLOCK: a FIFO or device opens at once and is refused below, never blocks a thread
    handle = await fsp.open(resolved.real, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ELOOP') throw swapped(relative)
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new ServiceError('not-found', `Not found: ${relative}`)
    throw error
  }
  try {
    const stats = await handle.stat()
    if (!(await openedInside(fsp, rootReal, resolved.real, stats, await descriptorPath(handle)))) throw swapped(relative)
    if (!stats.isFile()) throw new ServiceError('not-found', `Not a file: ${relative}`)
    return { handle, real: resolved.real, stats }
  } catch (error) {
    await handle.close().catch(() => undefined)
    throw error
  }
}
