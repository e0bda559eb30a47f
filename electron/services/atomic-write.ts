import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { errnoCode, type ServiceFs } from './fs-facade'

/** Marker inside temp file names: `.<name>.inkpost-tmp-<pid>-<random>`. Dot-prefixed so Nuxt and the library ignore it. */
export const TEMP_MARKER = '.inkpost-tmp-'

const TEMP_NAME = /^\.(.+)\.inkpost-tmp-(\d+)-[0-9a-f]+$/

/** Temp files this process is writing right now; the sweeper never touches them. */
const inFlight = new Set<string>()

/** Options for `atomicWriteFile`. */
export interface AtomicWriteOptions {
  /** Fail with EEXIST instead of replacing an existing file (uses a hard link, which never overwrites). */
  noOverwrite?: boolean
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
 * mode, rename it over the target (or hard-link it for `noOverwrite`), then fsync the folder.
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
  if (options.noOverwrite && mode !== undefined) {
    throw Object.assign(new Error(`EEXIST: file already exists, ${target}`), { code: 'EEXIST' })
  }
  const dir = path.dirname(real)
  const temp = tempNameFor(real)
  inFlight.add(temp)
  let tempExists = false
  try {
    const handle = await fs.openForWrite(temp, { exclusive: true, mode: mode ?? options.mode ?? 0o666 })
    tempExists = true
    try {
      await handle.write(data)
      await options.onStep?.('temp-written')
      await handle.sync()
    } finally {
      await handle.close()
    }
    await options.onStep?.('synced')
    if (mode !== undefined) await fs.chmod(temp, mode)
    if (options.noOverwrite) {
      await fs.link(temp, real)
      tempExists = false
      try { await fs.unlink(temp) } catch { /* the post is written; the leftover temp is swept later */ }
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
