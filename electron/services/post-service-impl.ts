import path from 'node:path'
import type { CreatePostInput, PostDocument, PostService, RenameResult, RestoreResult, SaveOptions, SaveResult, TrashEntry } from '../../shared/services/post-service'
import { postFileName, postSlug } from '../../shared/services/post-slug'
import { ServiceError } from '../../shared/services/service-error'
import { atomicWriteFile, LEFT_FOLDER, NO_HARD_LINK_CODES, publishNoOverwrite, sweepStaleTemps } from './atomic-write'
import { contentVersion } from './content-version'
import { copyTitleSuffix, markAsCopy } from './copy-frontmatter'
import { KeyedLock } from './keyed-lock'
import { errnoCode, type ServiceFs } from './fs-facade'
import { toServiceError, toWriteError } from './io-error'
import { openedInside } from './open-inside'
import type { OwnWrites } from './own-writes'
import { decodeOrError, postFacts } from './post-summary'
import { detectEol, encodePostText, hasBom, isIsoDate, localDate, newPostTemplate, normaliseEol } from './post-text'
import { PostTrash } from './post-trash'
import type { RecoveryServiceImpl } from './recovery-service-impl'
import { siteParseSettings, type OpenSite, type SiteContext } from './site-context'
import { ignoredPostName } from './site-index'
import { resolveInside, splitRelativePath, toRelative, unservableName, type ResolvedPath } from './site-paths'
import { siteParser } from './parse-pool'

/**
 * Takes a file out of the site: Electron passes `shell.trashItem` (the OS trash); browser mode
 * removes posts (their copy is in PostTrash) and moves images with `createFolderTrash()`.
 */
export type TrashFunction = (absolutePath: string, site: { root: string }) => Promise<void>

/** Dependencies of PostServiceImpl. */
export interface PostServiceDeps {
  fs: ServiceFs
  clock: () => number
  context: SiteContext
  trash: TrashFunction
  /** Keeps deleted posts (in the data folder) so a delete can be undone. */
  postTrash: PostTrash
  ownWrites: OwnWrites
  recovery: RecoveryServiceImpl
}

interface DiskState {
  bytes: Uint8Array
  version: string
  real: string
}

/** A symbolic link or folder swapped in between the path check and the use: refused, never followed. */
function swappedWhileUsed(file: string, verb: 'read' | 'save'): ServiceError {
  return new ServiceError('outside-site', `Refusing to ${verb} ${file}: it changed while being ${verb === 'read' ? 'read' : 'saved'} (a symbolic link now points outside the site folder); nothing was ${verb === 'read' ? 'read' : 'written'}`)
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

  /**
   * Reads the post at `real` (a path checked inside the content folder) through one open handle:
   * opened without following a symbolic link in the last place, then verified to be the file
   * inside (`openedInside`) before a byte is read, so a link or folder swapped in after the check
   * is refused, never read. Null when there is no file.
   */
  private async readDisk(real: string, file: string): Promise<DiskState | null> {
    let handle
    try {
      handle = await this.deps.fs.openForRead(real)
    } catch (error) {
      const code = errnoCode(error)
      if (code === 'ENOENT') return null
      if (code === 'ELOOP') throw swappedWhileUsed(file, 'read')
      if (code === 'EISDIR') throw new ServiceError('invalid-argument', `"${file}" is a folder, not a post`)
      throw toServiceError(error, `read ${file}`)
    }
    try {
      const st = await handle.stat()
      if (!(await openedInside(this.deps.fs, this.deps.context.require().contentRoot, real, st, await handle.where()))) throw swappedWhileUsed(file, 'read')
      if (!st.isFile()) throw new ServiceError('invalid-argument', st.isDirectory() ? `"${file}" is a folder, not a post` : `"${file}" is not a regular file (a pipe, socket or device), so it is not a post`)
      const bytes = await handle.readAll()
      return { bytes, version: contentVersion(bytes), real }
    } catch (error) {
      throw toServiceError(error, `read ${file}`)
    } finally {
      await handle.close().catch(() => undefined)
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

  async save(file: string, text: string, baseVersion: string | null, options?: SaveOptions): Promise<SaveResult> {
    if (typeof text !== 'string') throw new ServiceError('invalid-argument', 'post.save needs the text as a string')
    if (baseVersion !== null && typeof baseVersion !== 'string') throw new ServiceError('invalid-argument', 'baseVersion must be a version string or null')
    if (options !== undefined && (options === null || typeof options !== 'object')) throw new ServiceError('invalid-argument', 'options must be an object')
    const force = options?.force === true
    // saves of one post are taken in the order they were asked for: queue on the name as given before
    // resolving it (resolving is asynchronous, so two saves could otherwise swap places), then on the real file
    return this.withLock(`save:${String(file)}`, async () => {
      const { file: rel, resolved } = await this.resolve(file)
      return this.withLock(resolved.real, async () => {
        let disk = await this.readDisk(resolved.real, rel)
        let saveAs = rel
        if (disk === null && baseVersion !== null) {
          // gone since it was read: renamed (a file beside it has exactly the bytes that were read) or deleted
          const renamed = await this.findRenamed(rel, resolved.real, baseVersion)
          if (!force) throw this.goneConflict(rel, renamed)
          if (renamed) {
            // saving anyway goes to the renamed file (it holds exactly what was read, so nothing is lost)
            // rather than creating the old name again as a second copy of the post
            disk = renamed.disk
            saveAs = renamed.file
          }
        }
        if (!force) {
          const diskVersion = disk?.version ?? null
          if (diskVersion !== baseVersion) {
            const diskText = disk ? this.toDocument(rel, disk.bytes, disk.version).text : null
            const why = baseVersion === null ? 'a file with this name already exists' : 'it changed on disk since you opened it'
            throw new ServiceError('conflict', `Not saved: ${rel} ${why}. Reload it, or save again to overwrite.`, { diskText, diskVersion, reason: baseVersion === null ? 'exists' : 'changed' })
          }
        }
        const eol = disk ? detectEol(new TextDecoder().decode(disk.bytes.subarray(0, 65536))) : '\n'
        const bom = disk ? hasBom(disk.bytes) : false
        const bytes = encodePostText(text, eol, bom)
        const version = contentVersion(bytes)
        const moved = saveAs !== rel ? { file: saveAs } : {}
        if (disk && disk.version === version) {
          await this.deps.recovery.discard(rel).catch(() => undefined)
          return { version, ...moved }
        }
        const target = disk?.real ?? resolved.real
        try {
          await this.deps.fs.mkdir(path.dirname(target))
          await sweepStaleTemps(this.deps.fs, path.dirname(target))
          this.deps.ownWrites.noteWrite(target, version)
          await atomicWriteFile(this.deps.fs, target, bytes, { within: this.deps.context.require().contentRoot })
        } catch (error) {
          if (errnoCode(error) === LEFT_FOLDER) throw swappedWhileUsed(saveAs, 'save')
          if (errnoCode(error) === 'ENOENT') throw new ServiceError('not-found', `Not saved: the folder of ${saveAs} was moved or deleted while saving. Your text is kept in the editor; save again to create it again.`, { errno: 'ENOENT' })
          throw toWriteError(error, `save ${saveAs}`, disk ? `Your text is kept in the editor and ${saveAs} on disk is unchanged.` : `Your text is kept in the editor; nothing was written.`)
        }
        await this.deps.recovery.discard(rel).catch(() => undefined)
        return { version, ...moved }
      })
    })
  }

  /** Most files beside a vanished post that are hashed to find where it was renamed. */
  private static readonly RENAME_CANDIDATES = 500

  /**
   * Where the post `rel` (now missing) went: a post in the same folder whose bytes are exactly the
   * version that was read (`baseVersion`), as a rename in a file manager leaves it. Null when none is.
   */
  private async findRenamed(rel: string, real: string, baseVersion: string): Promise<{ file: string; disk: DiskState } | null> {
    const dir = path.dirname(real)
    let entries
    try { entries = await this.deps.fs.readdir(dir) } catch { return null }
    const candidates = entries.filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.md') && !ignoredPostName(e.name) && e.name !== path.basename(real))
    for (const entry of candidates.slice(0, PostServiceImpl.RENAME_CANDIDATES)) {
      const file = path.posix.join(path.posix.dirname(rel), entry.name)
      if (unservableName(file)) continue
      const disk = await this.readDisk(path.join(dir, entry.name), file).catch(() => null)
      if (disk && disk.version === baseVersion) return { file, disk }
    }
    return null
  }

  /** The conflict of saving a post that is no longer on disk: renamed (to `renamed.file`) or deleted. */
  private goneConflict(rel: string, renamed: { file: string; disk: DiskState } | null): ServiceError {
    if (renamed) {
      return new ServiceError('conflict', `Not saved: ${rel} was renamed on disk to ${renamed.file} since you opened it. Your text is kept in the editor; save again to save it to ${renamed.file} (no second copy is made), or open ${renamed.file}.`, {
        diskText: this.toDocument(renamed.file, renamed.disk.bytes, renamed.disk.version).text,
        diskVersion: renamed.disk.version,
        reason: 'renamed',
        renamedTo: renamed.file,
      })
    }
    return new ServiceError('conflict', `Not saved: ${rel} was deleted on disk since you opened it. Your text is kept in the editor; save again to create the file again, or save it under another name.`, { diskText: null, diskVersion: null, reason: 'deleted' })
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
    if (input.slug !== undefined && typeof input.slug !== 'string') throw new ServiceError('invalid-argument', 'slug must be a string')
    // the slug as given (normalised), else the title's; never a made-up `post.md` when neither gives one
    const slug = postSlug(input.slug?.trim() ? input.slug : title)
    if (!slug) throw new ServiceError('invalid-argument', input.slug?.trim() ? `"${input.slug}" gives no usable file name: use letters or digits` : 'This title gives no file name (it has no letters or digits); type a slug for the file name')
    const base = `${date}-${slug}`
    const bytes = new TextEncoder().encode(newPostTemplate(title, date))
    for (let n = 1; n < 1000; n++) {
      const rel = [...folderSegments, postFileName(date, slug, n)].join('/')
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
    const settings = siteParseSettings(open)
    const parse = siteParser(open)
    const oldPath = (await postFacts(text, from.file, { settings, plugins: open.plugins, parse })).summary.path
    const newPath = (await postFacts(text, to.file, { settings, plugins: open.plugins, parse })).summary.path
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
          if (!code || !NO_HARD_LINK_CODES.has(code)) throw error
          // no hard links here (exFAT, SMB): reserve the new name exclusively, then rename onto the reservation
          await publishNoOverwrite(this.deps.fs, source, target)
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

  async delete(file: string): Promise<TrashEntry> {
    const { site, file: rel, resolved } = await this.resolve(file)
    return this.withLock(resolved.real, async () => {
      const disk = await this.readDisk(resolved.real, rel)
      if (!disk) throw new ServiceError('not-found', `${rel} does not exist`)
      // a copy is kept first (durably), so whatever happens next the post can be restored
      const entry = await this.deps.postTrash.keep(site.root, rel, await this.titleOf(disk.bytes, rel), disk.bytes)
      try {
        this.deps.ownWrites.noteUnlink(resolved.real)
        await this.deps.trash(resolved.absolute, { root: site.root })
      } catch (error) {
        await this.deps.postTrash.forget(site.root, entry.id).catch(() => undefined)
        throw toServiceError(error, `move ${rel} to the trash`)
      }
      await this.deps.recovery.discard(rel).catch(() => undefined)
      return entry
    })
  }

  /** The post's title as the site gives it ('' when it cannot be read). */
  private async titleOf(bytes: Uint8Array, file: string): Promise<string> {
    const decoded = decodeOrError(bytes)
    if ('error' in decoded) return ''
    const open = this.deps.context.require()
    const settings = siteParseSettings(open)
    try {
      const parse = siteParser(open)
      return (await postFacts(normaliseEol(decoded.text), file, { settings, plugins: open.plugins, parse })).summary.title
    } catch {
      return ''
    }
  }

  async trashList(): Promise<TrashEntry[]> {
    const site = this.deps.context.require()
    return this.deps.postTrash.list(site.root)
  }

  async restore(id: string): Promise<RestoreResult> {
    PostTrash.assertId(id)
    const site = this.deps.context.require()
    const { entry, bytes } = await this.deps.postTrash.read(site.root, id)
    // the record's path is checked like any other (inside the content folder, a .md file): a forged one is refused
    splitRelativePath(entry.file, 'trashed file')
    const stem = entry.file.replace(/\.md$/i, '')
    for (let n = 0; n < 1000; n++) {
      const candidate = n === 0 ? entry.file : `${stem}-restored${n === 1 ? '' : `-${n}`}.md`
      // never overwrites: a name taken since the delete gets the next free `-restored` name
      if (await this.tryWriteNew(candidate, bytes)) {
        await this.deps.postTrash.forget(site.root, id).catch(() => undefined)
        return { file: candidate, originalFile: entry.file, renamed: n > 0 }
      }
    }
    throw new ServiceError('exists', `Not restored: too many posts named ${stem}-restored-N.md`)
  }
}

/**
 * A trash folder for files other than posts (unused images): moves the file to
 * `<folderOf(site root)>/<timestamp>-<path with / as __>`, so it can be restored by hand.
 * createServices puts it in the app's data folder, never inside the site.
 */
export function createFolderTrash(fs: ServiceFs, clock: () => number, folderOf: (siteRoot: string) => string): TrashFunction {
  return async (absolutePath, site) => {
    const trashDir = folderOf(site.root)
    await fs.mkdir(trashDir)
    const stamp = new Date(clock()).toISOString().replace(/[:.]/g, '-')
    const name = `${stamp}-${toRelative(site.root, absolutePath).replace(/\//g, '__')}`
    try {
      await fs.rename(absolutePath, path.join(trashDir, name))
    } catch (error) {
      if (errnoCode(error) !== 'EXDEV') throw error
      // the data folder is on another disk: copy (never overwriting), then remove
      await atomicWriteFile(fs, path.join(trashDir, name), await fs.readFile(absolutePath), { noOverwrite: true })
      await fs.unlink(absolutePath)
    }
  }
}
