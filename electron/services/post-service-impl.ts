import path from 'node:path'
import type { SiteParseSettings } from '../../shared/parser/content-options'
import type { CreatePostInput, PostDocument, PostService, RenameResult, SaveOptions } from '../../shared/services/post-service'
import { ServiceError } from '../../shared/services/service-error'
import { atomicWriteFile, sweepStaleTemps } from './atomic-write'
import { contentVersion } from './content-version'
import { copyTitleSuffix, markAsCopy } from './copy-frontmatter'
import { KeyedLock } from './keyed-lock'
import { errnoCode, type ServiceFs } from './fs-facade'
import { toServiceError } from './io-error'
import type { OwnWrites } from './own-writes'
import { decodeOrError, postFacts } from './post-summary'
import { detectEol, encodePostText, hasBom, isIsoDate, localDate, newPostTemplate, normaliseEol, slugForTitle } from './post-text'
import type { RecoveryServiceImpl } from './recovery-service-impl'
import type { OpenSite, SiteContext } from './site-context'
import { resolveInside, splitRelativePath, toRelative, type ResolvedPath } from './site-paths'

/** Moves a file to a trash: Electron passes `shell.trashItem`, browser mode `createFolderTrash()`. */
export type TrashFunction = (absolutePath: string, site: { root: string }) => Promise<void>

/** Dependencies of PostServiceImpl. */
export interface PostServiceDeps {
  fs: ServiceFs
  clock: () => number
  context: SiteContext
  trash: TrashFunction
  ownWrites: OwnWrites
  recovery: RecoveryServiceImpl
}

interface DiskState {
  bytes: Uint8Array
  version: string
  real: string
}

function assertMarkdown(file: string): void {
  if (!file.toLowerCase().endsWith('.md')) throw new ServiceError('invalid-argument', `"${file}" is not a markdown post (.md)`)
}

/** Reads, creates, saves (atomically, conflict-checked), renames, duplicates and deletes posts under the content folder. */
export class PostServiceImpl implements PostService {
/** Per-file queue so two saves of one post never interleave. */
  private readonly lock = new KeyedLock()

  constructor(private readonly deps: PostServiceDeps) {}

  private async resolve(file: unknown, what = 'file'): Promise<{ site: OpenSite; file: string; resolved: ResolvedPath }> {
    const site = this.deps.context.require()
    splitRelativePath(file, what)
    const resolved = await resolveInside(this.deps.fs, site.contentRoot, file, what)
    assertMarkdown(file as string)
    return { site, file: file as string, resolved }
  }

  private async readDisk(real: string, file: string): Promise<DiskState | null> {
    try {
      const st = await this.deps.fs.stat(real)
      if (!st.isFile()) throw new ServiceError('invalid-argument', `"${file}" is a folder, not a post`)
      const bytes = await this.deps.fs.readFile(real)
      return { bytes, version: contentVersion(bytes), real }
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return null
      throw toServiceError(error, `read ${file}`)
    }
  }

  private toDocument(file: string, bytes: Uint8Array, version: string): PostDocument {
    const decoded = decodeOrError(bytes)
    if ('error' in decoded) throw new ServiceError('invalid-argument', `${file}: ${decoded.error}`)
    return { file, text: normaliseEol(decoded.text), version, eol: detectEol(decoded.text), bom: hasBom(bytes) }
  }

  private withLock<T>(key: string, task: () => Promise<T>): Promise<T> {
    return this.lock.run(key, task)
  }

  async read(file: string): Promise<PostDocument> {
    const { file: rel, resolved } = await this.resolve(file)
    const disk = await this.readDisk(resolved.real, rel)
    if (!disk) throw new ServiceError('not-found', `${rel} does not exist`)
    return this.toDocument(rel, disk.bytes, disk.version)
  }

  async save(file: string, text: string, baseVersion: string | null, options?: SaveOptions): Promise<{ version: string }> {
    if (typeof text !== 'string') throw new ServiceError('invalid-argument', 'post.save needs the text as a string')
    if (baseVersion !== null && typeof baseVersion !== 'string') throw new ServiceError('invalid-argument', 'baseVersion must be a version string or null')
    if (options !== undefined && (options === null || typeof options !== 'object')) throw new ServiceError('invalid-argument', 'options must be an object')
    const force = options?.force === true
    // saves of one post are taken in the order they were asked for: queue on the name as given before
    // resolving it (resolving is asynchronous, so two saves could otherwise swap places), then on the real file
    return this.withLock(`save:${String(file)}`, async () => {
      const { file: rel, resolved } = await this.resolve(file)
      return this.withLock(resolved.real, async () => {
        const disk = await this.readDisk(resolved.real, rel)
        if (!force) {
          const diskVersion = disk?.version ?? null
          if (diskVersion !== baseVersion) {
            const diskText = disk ? this.toDocument(rel, disk.bytes, disk.version).text : null
            const why = disk === null ? 'it was deleted on disk' : baseVersion === null ? 'a file with this name already exists' : 'it changed on disk since you opened it'
            throw new ServiceError('conflict', `Not saved: ${rel} ${why}. Reload it, or save again to overwrite.`, { diskText, diskVersion })
          }
        }
        const eol = disk ? detectEol(new TextDecoder().decode(disk.bytes.subarray(0, 65536))) : '\n'
        const bom = disk ? hasBom(disk.bytes) : false
        const bytes = encodePostText(text, eol, bom)
        const version = contentVersion(bytes)
        if (disk && disk.version === version) {
          await this.deps.recovery.discard(rel).catch(() => undefined)
          return { version }
        }
        const target = disk?.real ?? resolved.real
        try {
          await this.deps.fs.mkdir(path.dirname(target))
          await sweepStaleTemps(this.deps.fs, path.dirname(target))
          this.deps.ownWrites.noteWrite(target, version)
          await atomicWriteFile(this.deps.fs, target, bytes)
        } catch (error) {
          throw toServiceError(error, `save ${rel}`)
        }
        await this.deps.recovery.discard(rel).catch(() => undefined)
        return { version }
      })
    })
  }

  async create(input: CreatePostInput): Promise<PostDocument> {
    if (!input || typeof input !== 'object') throw new ServiceError('invalid-argument', 'post.create needs {title, date?, folder?}')
    const title = typeof input.title === 'string' ? input.title.trim() : ''
    if (!title) throw new ServiceError('invalid-argument', 'A new post needs a title')
    if (title.length > 300 || /[\r\n\0]/.test(title)) throw new ServiceError('invalid-argument', 'The title must be one line of at most 300 characters')
    const date = input.date ?? localDate(this.deps.clock())
    if (typeof date !== 'string' || !isIsoDate(date)) throw new ServiceError('invalid-argument', `The date must be a real date written YYYY-MM-DD, got "${String(date)}"`)
    const folder = input.folder ?? 'blog'
    if (typeof folder !== 'string') throw new ServiceError('invalid-argument', 'folder must be a string')
    const folderSegments = folder === '' ? [] : splitRelativePath(folder.replace(/\/+$/, ''), 'folder')
    const base = `${date}-${slugForTitle(title)}`
    const bytes = new TextEncoder().encode(newPostTemplate(title, date))
    for (let n = 1; n < 1000; n++) {
      const rel = [...folderSegments, `${base}${n === 1 ? '' : `-${n}`}.md`].join('/')
      if (await this.tryWriteNew(rel, bytes)) return this.read(rel)
    }
    throw new ServiceError('exists', `Too many posts named ${base}-N.md`)
  }

  /** Writes a new file; false when the name is taken (never overwrites). */
  private async tryWriteNew(rel: string, bytes: Uint8Array): Promise<boolean> {
    const { resolved } = await this.resolve(rel)
    if (resolved.exists) return false
    try {
      await this.deps.fs.mkdir(path.dirname(resolved.real))
      this.deps.ownWrites.noteWrite(resolved.real, contentVersion(bytes))
      await atomicWriteFile(this.deps.fs, resolved.real, bytes, { noOverwrite: true })
      return true
    } catch (error) {
      if (errnoCode(error) === 'EEXIST') return false
      throw toServiceError(error, `create ${rel}`)
    }
  }

  async rename(file: string, newFile: string): Promise<RenameResult> {
    const from = await this.resolve(file, 'file')
    const to = await this.resolve(newFile, 'new file name')
    const disk = await this.readDisk(from.resolved.real, from.file)
    if (!disk) throw new ServiceError('not-found', `${from.file} does not exist`)
    if (to.resolved.exists && to.resolved.real !== from.resolved.real) throw new ServiceError('exists', `Not renamed: ${to.file} already exists`)
    const text = this.toDocument(from.file, disk.bytes, disk.version).text
    // the URL paths as the site makes them (its family and locale/case options)
    const open = this.deps.context.require()
    const settings = (open.info as { parse?: SiteParseSettings }).parse
    const oldPath = (await postFacts(text, from.file, { settings, plugins: open.plugins })).summary.path
    const newPath = (await postFacts(text, to.file, { settings, plugins: open.plugins })).summary.path
    const source = from.resolved.absolute
    const target = to.resolved.real
    try {
      await this.deps.fs.mkdir(path.dirname(target))
      this.deps.ownWrites.noteUnlink(from.resolved.real)
      this.deps.ownWrites.noteWrite(target, disk.version)
      if (to.resolved.real === from.resolved.real) {
        // same file (e.g. a case-only rename on a case-insensitive disk): a plain rename is safe
        await this.deps.fs.rename(source, path.join(path.dirname(source), path.basename(target)))
      } else {
        try {
          await this.deps.fs.link(source, target)
          await this.deps.fs.unlink(source)
        } catch (error) {
          const code = errnoCode(error)
          if (code !== 'EPERM' && code !== 'EXDEV' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error
          // no hard links here: fall back to a checked rename
          if (await this.readDisk(target, to.file)) throw Object.assign(new Error('target exists'), { code: 'EEXIST' })
          await this.deps.fs.rename(source, target)
        }
      }
    } catch (error) {
      if (errnoCode(error) === 'EEXIST') throw new ServiceError('exists', `Not renamed: ${to.file} already exists`)
      throw toServiceError(error, `rename ${from.file} to ${to.file}`)
    }
    await this.deps.recovery.move(from.file, to.file).catch(() => undefined)
    return { file: to.file, oldPath, newPath, pathChanged: oldPath !== newPath }
  }

  async duplicate(file: string): Promise<PostDocument> {
    const { file: rel, resolved } = await this.resolve(file)
    const disk = await this.readDisk(resolved.real, rel)
    if (!disk) throw new ServiceError('not-found', `${rel} does not exist`)
    const stem = rel.replace(/\.md$/i, '')
    for (let n = 1; n < 1000; n++) {
      const candidate = `${stem}-copy${n === 1 ? '' : `-${n}`}.md`
      // the n-th copy's title says so (" (copy)", " (copy 2)" …) and a published original's copy is a draft
      if (await this.tryWriteNew(candidate, markAsCopy(disk.bytes, copyTitleSuffix(n)))) return this.read(candidate)
    }
    throw new ServiceError('exists', `Too many copies of ${rel}`)
  }

  async delete(file: string): Promise<void> {
    const { site, file: rel, resolved } = await this.resolve(file)
    if (!resolved.exists) throw new ServiceError('not-found', `${rel} does not exist`)
    try {
      this.deps.ownWrites.noteUnlink(resolved.real)
      await this.deps.trash(resolved.absolute, { root: site.root })
    } catch (error) {
      throw toServiceError(error, `move ${rel} to the trash`)
    }
    await this.deps.recovery.discard(rel).catch(() => undefined)
  }
}

/**
 * Browser-mode trash: moves the file to `<site>/.inkpost/trash/<timestamp>-<path with / as __>`,
 * so a deleted post can be restored by hand. (Electron uses the OS trash instead.)
 */
export function createFolderTrash(fs: ServiceFs, clock: () => number = Date.now): TrashFunction {
  return async (absolutePath, site) => {
    const trashDir = path.join(site.root, '.inkpost', 'trash')
    await fs.mkdir(trashDir)
    const stamp = new Date(clock()).toISOString().replace(/[:.]/g, '-')
    const name = `${stamp}-${toRelative(site.root, absolutePath).replace(/\//g, '__')}`
    await fs.rename(absolutePath, path.join(trashDir, name))
  }
}
