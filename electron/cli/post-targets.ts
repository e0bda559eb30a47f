// Turns the paths given to `inkpost parse` into the posts to parse, each with the path Nuxt Content
// would know it by (relative to the content folder) — lazily and in argument order, so output can
// stream. A folder argument expands to every `.md` file under it, sorted.
import { readdir, stat } from 'node:fs/promises'
import type { Dirent, Stats } from 'node:fs'
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'

/** The file-system calls target expansion needs; injectable for tests. */
export interface TargetFs {
  stat(path: string): Promise<Stats>
  readdir(path: string, options: { withFileTypes: true }): Promise<Dirent[]>
}

/** The real file system. */
export const nodeTargetFs: TargetFs = { stat, readdir }

/** One post to parse, or a reason it cannot be parsed before reading it. */
export interface PostTarget {
  /** Absolute path of the file. */
  absolute: string
  /** Path relative to the content folder, `/`-separated: the `file` field of the output line. */
  file: string
  /** Why this argument yields nothing to parse (missing, not a regular file, outside --content-dir …). */
  problem?: { kind: string; message: string }
  /** Set for `-`: the post is read from standard input, not from `absolute`. */
  stdin?: true
  /** The path the content id is made from when it is not `file` (`stdin.md` for an unnamed `-`). */
  idFile?: string
}

/** The argument that stands for standard input. */
export const STDIN_ARG = '-'

/** The content-relative name an unnamed `-` gets its content id from (`content:stdin.md`). */
export const STDIN_ID_FILE = 'stdin.md'

/**
 * The target for `-`. Unnamed, it is reported as `"file": "-"` with the content id of `stdin.md`.
 * With `--stdin-path PATH` it is described exactly as a file at PATH would be (relative to
 * `--content-dir`, else the nearest `content` folder above PATH, else PATH's folder); PATH is never read.
 */
export function stdinTarget(cwd: string, contentDir: string | null, stdinPath: string | null): PostTarget {
  if (stdinPath === null) return { absolute: STDIN_ARG, file: STDIN_ARG, stdin: true, idFile: STDIN_ID_FILE }
  const absolute = resolve(cwd, stdinPath)
  return { ...describeFile(absolute, contentDir, dirname(absolute)), stdin: true }
}

/** The folder name Nuxt Content reads posts from; the default content dir is the nearest one above a file. */
export const CONTENT_FOLDER_NAME = 'content'

/** The nearest ancestor folder named `content` of `absoluteFile`, or null if there is none. */
export function nearestContentFolder(absoluteFile: string): string | null {
  let dir = dirname(absoluteFile)
  for (;;) {
    if (basename(dir) === CONTENT_FOLDER_NAME) return dir
    const parent = dirname(dir)
    if (parent === dir) return null
    dir = parent
  }
}

/** `absolute` relative to `contentDir` with `/` separators, or null when it is not inside it. */
export function relativeToContent(contentDir: string, absolute: string): string | null {
  const rel = relative(contentDir, absolute)
  if (rel === '' || rel === '..' || rel.startsWith('..' + sep) || isAbsolute(rel)) return null
  return rel.split(sep).join('/')
}

/**
 * Describes one file: its `file` path relative to the explicit content dir, else to the nearest
 * `content` folder above it, else to `fallbackDir` (the file's own folder, or the folder argument it
 * came from).
 */
export function describeFile(absolute: string, contentDir: string | null, fallbackDir: string): PostTarget {
  if (contentDir !== null) {
    const rel = relativeToContent(contentDir, absolute)
    if (rel !== null) return { absolute, file: rel }
    return {
      absolute,
      file: relative(contentDir, absolute).split(sep).join('/'),
      problem: { kind: 'outside-content-dir', message: `not inside the content dir ${contentDir}` },
    }
  }
  const base = nearestContentFolder(absolute) ?? fallbackDir
  return { absolute, file: relativeToContent(base, absolute) ?? basename(absolute) }
}

/** Every `.md` file under `dir` (not following symlinked folders; skipping dot-folders and node_modules), sorted by path. */
export async function markdownFilesUnder(dir: string, fs: TargetFs = nodeTargetFs): Promise<string[]> {
  const found: string[] = []
  const pending = [dir]
  while (pending.length > 0) {
    const current = pending.pop() as string
    const entries = await fs.readdir(current, { withFileTypes: true })
    for (const entry of entries) {
      const path = join(current, entry.name)
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && entry.name !== 'node_modules') pending.push(path)
      } else if (entry.name.toLowerCase().endsWith('.md')) {
        if (entry.isFile()) found.push(path)
        else if (entry.isSymbolicLink()) {
          const target = await fs.stat(path).catch(() => null)
          if (target?.isFile()) found.push(path)
        }
      }
    }
  }
  // plain code-unit order of the `/` path: stable across platforms and locales
  const key = (p: string) => relative(dir, p).split(sep).join('/')
  return found.map((p) => [key(p), p] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, p]) => p)
}

/** A human message for a failed file-system call on a path the user gave. */
export function describeFsError(error: unknown): string {
  const e = error as NodeJS.ErrnoException
  switch (e?.code) {
    case 'ENOENT': return 'no such file'
    case 'ENOTDIR': return 'no such file (a parent of it is not a folder)'
    case 'EACCES':
    case 'EPERM': return 'permission denied: cannot read this file'
    case 'ELOOP': return 'too many symbolic links (a symlink loop?)'
    case 'ENAMETOOLONG': return 'file name too long'
    case 'EISDIR': return 'is a folder, not a file'
    case 'ERR_FS_FILE_TOO_LARGE': return 'file too large to read (over 2 GB)'
    default: return `cannot read this file: ${e?.code ? e.code + ' ' : ''}${String(e?.message ?? e)}`
  }
}

/**
 * Yields the posts for each argument in order: a file as itself, a folder as its `.md` files, `-` as
 * the post on standard input (see {@link stdinTarget}).
 * Problems (missing file, special file, empty folder) are yielded as targets with `problem` set so
 * they become error lines in their place.
 */
export async function* postTargets(args: string[], cwd: string, contentDir: string | null, fs: TargetFs = nodeTargetFs, stdinPath: string | null = null): AsyncGenerator<PostTarget> {
  for (const arg of args) {
    if (arg === STDIN_ARG) {
      yield stdinTarget(cwd, contentDir, stdinPath)
      continue
    }
    const absolute = resolve(cwd, arg)
    let info: Stats
    try {
      info = await fs.stat(absolute)
    } catch (error) {
      const target = describeFile(absolute, contentDir, dirname(absolute))
      yield { ...target, problem: target.problem ?? { kind: 'read', message: describeFsError(error) } }
      continue
    }
    if (info.isDirectory()) {
      let files: string[]
      try {
        files = await markdownFilesUnder(absolute, fs)
      } catch (error) {
        yield { ...describeFolder(absolute, contentDir), problem: { kind: 'read', message: `cannot list this folder: ${describeFsError(error)}` } }
        continue
      }
      if (files.length === 0) {
        yield { ...describeFolder(absolute, contentDir), problem: { kind: 'empty-folder', message: 'no .md files in this folder' } }
        continue
      }
      // inside a folder argument the fallback content dir is that folder, so sub-paths survive
      for (const file of files) yield describeFile(file, contentDir, absolute)
      continue
    }
    const target = describeFile(absolute, contentDir, dirname(absolute))
    if (!info.isFile() && !target.problem) target.problem = { kind: 'read', message: 'not a regular file' }
    yield target
  }
}

/** The `file` field for a folder argument that yields an error line. */
function describeFolder(absolute: string, contentDir: string | null): PostTarget {
  const base = contentDir ?? nearestContentFolder(join(absolute, 'x')) ?? dirname(absolute)
  const rel = relative(base, absolute).split(sep).join('/')
  return { absolute, file: (rel || '.') + '/' }
}
