import { constants, promises as fsp } from 'node:fs'
import type { FileHandle } from 'node:fs/promises'

/** The few stat fields the services use. */
export interface FsStats {
  size: number
  mtimeMs: number
  mode: number
  /** Device and inode (0 where the file system has none): tell one file from another at the same path. */
  dev?: number
  ino?: number
  isFile(): boolean
  isDirectory(): boolean
  isSymbolicLink(): boolean
}

/** A directory entry. */
export interface FsDirent {
  name: string
  isFile(): boolean
  isDirectory(): boolean
  isSymbolicLink(): boolean
}

/** An open file being written. */
export interface FsWriteHandle {
  write(data: Uint8Array): Promise<unknown>
  sync(): Promise<void>
  close(): Promise<void>
  /** Where the open descriptor really is (see `FsReadHandle.where`); absent or null where unknown. */
  where?(): Promise<string | null>
}

/** A file opened for reading (the last path component not followed if it is a symbolic link). */
export interface FsReadHandle {
  stat(): Promise<FsStats>
  readAll(): Promise<Uint8Array>
  /** Where the open descriptor really is (`/proc/self/fd/N` on Linux), null where the system has no such view. */
  where(): Promise<string | null>
  close(): Promise<void>
}

/**
 * Every file system call the services make, as one injectable interface. Production code passes
 * `nodeFs`; tests wrap it to inject ENOSPC, EACCES, EIO at any step.
 */
export interface ServiceFs {
  readFile(path: string): Promise<Uint8Array>
  /** Opens a file read-only with O_NOFOLLOW: a symbolic link as the last component fails with ELOOP. */
  openForRead(path: string): Promise<FsReadHandle>
  stat(path: string): Promise<FsStats>
  lstat(path: string): Promise<FsStats>
  realpath(path: string): Promise<string>
  readdir(path: string): Promise<FsDirent[]>
  mkdir(path: string): Promise<void>
  /** Opens for writing; `exclusive` fails with EEXIST when the file exists. */
  openForWrite(path: string, options: { exclusive: boolean; mode: number }): Promise<FsWriteHandle>
  /** Opens a directory (or file) read-only and fsyncs it; used after a rename so the entry is durable. */
  syncPath(path: string): Promise<void>
  chmod(path: string, mode: number): Promise<void>
  rename(from: string, to: string): Promise<void>
  /** Hard link; fails with EEXIST when `to` exists (an atomic "create, never overwrite"). */
  link(from: string, to: string): Promise<void>
  unlink(path: string): Promise<void>
}

/** Where descriptor `handle` points, by its `/proc/self/fd` link; null where there is no such view (macOS, Windows). */
export async function descriptorPath(handle: FileHandle): Promise<string | null> {
  try {
    return await fsp.readlink(`/proc/self/fd/${handle.fd}`)
  } catch {
    return null
  }
}

/** The real file system (node:fs/promises). */
export const nodeFs: ServiceFs = {
  readFile: (p) => fsp.readFile(p),
  openForRead: async (p) => {
    // O_NONBLOCK: a FIFO or device named like a post opens at once (and is then refused as not a
    // file) instead of blocking a thread-pool thread until someone writes to it
    const handle = await fsp.open(p, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0))
    return {
      stat: () => handle.stat(),
      readAll: () => handle.readFile(),
      where: () => descriptorPath(handle),
      close: () => handle.close(),
    }
  },
  stat: (p) => fsp.stat(p),
  lstat: (p) => fsp.lstat(p),
  realpath: (p) => fsp.realpath(p),
  readdir: (p) => fsp.readdir(p, { withFileTypes: true }),
  mkdir: async (p) => { await fsp.mkdir(p, { recursive: true }) },
  openForWrite: async (p, { exclusive, mode }) => {
    const handle = await fsp.open(p, exclusive ? 'wx' : 'w', mode)
    return {
      write: async (data) => {
        let offset = 0
        while (offset < data.byteLength) {
          const { bytesWritten } = await handle.write(data, offset, data.byteLength - offset)
          offset += bytesWritten
        }
      },
      sync: () => handle.sync(),
      close: () => handle.close(),
      where: () => descriptorPath(handle),
    }
  },
  syncPath: async (p) => {
    const handle = await fsp.open(p, 'r')
    try { await handle.sync() } finally { await handle.close() }
  },
  chmod: (p, mode) => fsp.chmod(p, mode),
  rename: (a, b) => fsp.rename(a, b),
  link: (a, b) => fsp.link(a, b),
  unlink: (p) => fsp.unlink(p),
}

/** The errno code of a thrown fs error, if any. */
export function errnoCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : undefined
}
