import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { errnoCode, type ServiceFs } from './fs-facade'
import { isInside } from './site-paths'

/** Marker inside temp file names: `.<name>.inkpost-tmp-<pid>-<random>`. Dot-prefixed so Nuxt and the library ignore it. */
export const TEMP_MARKER = '.inkpost-tmp-'

const TEMP_NAME = /^\.(.+)\.inkpost-tmp-(\d+)-[0-9a-f]+$/

/** Temp files this process is writing right now; the sweeper never touches them. */
const inFlight = new Set<string>()

/** Errors `link` gives where the file system has no hard links (exFAT, FAT, SMB, some FUSE mounts) or refuses one. */
export const NO_HARD_LINK_CODES: ReadonlySet<string> = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'ENOSYS', 'EMLINK'])

function existsError(target: string): Error {
  return Object.assign(new Error(`EEXIST: file already exists, ${target}`), { code: 'EEXIST' })
}

/**
 * Moves the complete, fsynced file `temp` to `target` only if nothing is at `target`, never
 * replacing a file and never showing partial bytes under `target`:
 * - a hard link (`link` fails with EEXIST when `target` exists: atomic "create, never overwrite"),
 *   then the temp name is removed;
 * - where there are no hard links (exFAT, FAT, SMB: `link` fails with one of
 *   {@link NO_HARD_LINK_CODES}), the name is first reserved with an exclusive create
 *   (`open(target, 'wx')`: EEXIST when taken, by us or anyone), and the temp file is renamed over
 *   that empty placeholder once a fresh `lstat` shows it is still ours (an empty file with the same
 *   inode). Copying into a `wx`-created file (COPYFILE_EXCL) would leave a half-written file under
 *   `target` if the process died mid-copy, and checking-then-renaming could replace a file created
 *   in between; the reservation can do neither. If the process dies between the reservation and
 *   the rename, an empty file is left under the new name (never a partial or an overwritten one).
 * On failure the placeholder is removed again and the error rethrown; the temp file is the caller's.
 */
export async function publishNoOverwrite(fs: ServiceFs, temp: string, target: string, mode = 0o666): Promise<void> {
  try {
    await fs.link(temp, target)
  } catch (error) {
    const code = errnoCode(error)
    if (code === 'EEXIST') throw existsError(target)
    if (!code || !NO_HARD_LINK_CODES.has(code)) throw error
    await publishByReservation(fs, temp, target, mode)
    return
  }
  try { await fs.unlink(temp) } catch { /* published; the leftover temp is swept later */ }
}

async function publishByReservation(fs: ServiceFs, temp: string, target: string, mode: number): Promise<void> {
  const placeholder = await fs.openForWrite(target, { exclusive: true, mode })
  await placeholder.close()
  const reserved = await fs.lstat(target)
  let published = false
  const stillOurs = async () => {
    const now = await fs.lstat(target)
    return now.isFile() && !now.isSymbolicLink() && now.size === 0 && (now.ino ?? 0) === (reserved.ino ?? 0) && (now.dev ?? 0) === (reserved.dev ?? 0)
  }
  try {
    if (!(await stillOurs())) throw existsError(target)
    await fs.rename(temp, target)
    published = true
  } catch (error) {
    // remove our empty placeholder, never a file someone else put there meanwhile
    if (!published && reserved.size === 0) {
      try { if (await stillOurs()) await fs.unlink(target) } catch { /* an empty leftover at worst */ }
    }
    throw error
  }
}

/** Error code `atomicWriteFile` fails with when, with `within`, the target or its folder is (now) outside that folder. */
export const LEFT_FOLDER = 'EINKPOST_OUTSIDE'

function leftFolder(target: string): Error {
  return Object.assign(new Error(`${LEFT_FOLDER}: ${target} is outside the folder it was checked in (a symbolic link was swapped in)`), { code: LEFT_FOLDER })
}

/** Options for `atomicWriteFile`. */
export interface AtomicWriteOptions {
  /** Fail with EEXIST instead of replacing an existing file (see `publishNoOverwrite`: a hard link, else an exclusive reservation). */
  noOverwrite?: boolean
  /**
   * Real path of the folder the target was checked to be in (the site's content folder): the
   * target's real path, its folder, the temp file's descriptor and, right before the rename, the
   * folder again must all still be inside it, else the write fails with {@link LEFT_FOLDER}
   * (a symbolic link swapped in after the check is never written through).
   */
  within?: string
  /** Mode for a new file (default 0o666, reduced by the umask). Existing files keep their mode. */
  mode?: number
  /** Test hook: called between steps so a test can observe or interrupt the sequence. */
  onStep?: (step: 'temp-written' | 'synced' | 'renamed') => void | Promise<void>
}

/** Whether a process with this id is running (used to tell a crashed writer's temp file from a live one). */
export function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return errnoCode(error) === 'EPERM'
  }
}

/** The temp file name for `target`; exported for tests. */
export function tempNameFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}${TEMP_MARKER}${process.pid}-${randomBytes(6).toString('hex')}`)
}

/** True when `name` is one of our temp files (any process). */
export function isTempName(name: string): boolean {
  return TEMP_NAME.test(name)
}

/**
 * Removes temp files that a killed or crashed writer left in `dir` (ours from an earlier run or
 * another process that is gone). Live writers' temp files are kept. Returns the names removed.
 * Never throws: a temp file that cannot be removed is harmless (dot-prefixed, ignored everywhere).
 */
export async function sweepStaleTemps(fs: ServiceFs, dir: string): Promise<string[]> {
  let entries
  try { entries = await fs.readdir(dir) } catch { return [] }
  const removed: string[] = []
  for (const entry of entries) {
    const match = TEMP_NAME.exec(entry.name)
    if (!match) continue
    const full = path.join(dir, entry.name)
    if (inFlight.has(full)) continue
    const pid = Number(match[2])
    if (pid !== process.pid && isProcessAlive(pid)) continue
    try {
      await fs.unlink(full)
      removed.push(entry.name)
    } catch { /* harmless leftover */ }
  }
  return removed
}

/**
 * Writes `data` to `target` so that at every instant the target holds either its old bytes or
 * the new bytes, never a mix: write a temp file in the same folder, fsync it, set the old file's
 * mode, rename it over the target (or publish it with `publishNoOverwrite` for `noOverwrite`), then fsync the folder.
 * Symlinks are written through: the real file is replaced and the link stays a link.
 * On failure the temp file is removed and the original error rethrown (the target is untouched).
 */
export async function atomicWriteFile(fs: ServiceFs, target: string, data: Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  let real = target
  let mode: number | undefined
  try {
    real = await fs.realpath(target)
    mode = (await fs.stat(real)).mode & 0o7777
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT') throw error
  }
  if (options.noOverwrite && mode !== undefined) throw existsError(target)
  const dir = path.dirname(real)
  const { within } = options
  // the folder must be where it was checked: a real folder inside `within`, not a link swapped in
  const stillInside = async () => !within || (isInside(within, real) && (await fs.realpath(dir).catch(() => null)) === dir)
  if (!(await stillInside())) throw leftFolder(target)
  const temp = tempNameFor(real)
  inFlight.add(temp)
  let tempExists = false
  try {
    const handle = await fs.openForWrite(temp, { exclusive: true, mode: mode ?? options.mode ?? 0o666 })
    tempExists = true
    try {
      const where = within ? await handle.where?.() : null
      if (where && path.dirname(where) !== dir) throw leftFolder(target)
      await handle.write(data)
      await options.onStep?.('temp-written')
      await handle.sync()
    } finally {
      await handle.close()
    }
    await options.onStep?.('synced')
    if (mode !== undefined) await fs.chmod(temp, mode)
    if (!(await stillInside())) throw leftFolder(target)
    if (options.noOverwrite) {
      await publishNoOverwrite(fs, temp, real, mode ?? options.mode ?? 0o666)
    } else {
      await fs.rename(temp, real)
    }
    tempExists = false
    await options.onStep?.('renamed')
    try { await fs.syncPath(dir) } catch { /* some file systems cannot fsync a folder; the rename is done */ }
  } catch (error) {
    if (tempExists) {
      try { await fs.unlink(temp) } catch { /* swept later */ }
    }
    throw error
  } finally {
    inFlight.delete(temp)
  }
}
