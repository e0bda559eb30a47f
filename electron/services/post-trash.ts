import path from 'node:path'
import { createHash, randomBytes } from 'node:crypto'
import type { TrashEntry } from '../../shared/services/post-service'
import { ServiceError } from '../../shared/services/service-error'
import { atomicWriteFile } from './atomic-write'
import { errnoCode, type ServiceFs } from './fs-facade'
import { toServiceError } from './io-error'

/** The form of a trash entry id: a timestamp and random hex, nothing that could name a path. */
const ID_FORM = /^[0-9]{13}-[0-9a-f]{8}$/

/** Dependencies of PostTrash. */
export interface PostTrashDeps {
  fs: ServiceFs
  clock: () => number
  /** The app's data folder; the trash is `<dataDir>/trash/<site hash>/`. */
  dataDir: string
}

/** One kept post: its record and its bytes. */
export interface KeptPost {
  entry: TrashEntry
  bytes: Uint8Array
}

function isEntry(value: unknown): value is TrashEntry {
  const v = value as Partial<TrashEntry> | null
  return !!v && typeof v === 'object' && typeof v.id === 'string' && typeof v.file === 'string' && typeof v.title === 'string' && typeof v.deletedAt === 'number' && typeof v.size === 'number'
}

/**
 * The app's own trash of deleted posts, in the data folder (never inside the site, where it would
 * end up in git): `<dataDir>/trash/<sha256(site root) prefix>/<id>.md` holds the post's bytes and
 * `<id>.json` its record (original file relative to the content folder, title, when). A post is
 * kept here before its file is removed from the site, so a restore always has the bytes, in
 * browser mode and in Electron (where the original also goes to the OS trash).
 */
export class PostTrash {
  constructor(private readonly deps: PostTrashDeps) {}

  /** The trash folder of the site at `siteRoot` (its real path). */
  folderOf(siteRoot: string): string {
    return path.join(this.deps.dataDir, 'trash', createHash('sha256').update(siteRoot).digest('hex').slice(0, 24))
  }

  /** Throws `invalid-argument` unless `id` has the form the trash gives (so it can never name another path). */
  static assertId(id: unknown): asserts id is string {
    if (typeof id !== 'string' || !ID_FORM.test(id)) throw new ServiceError('invalid-argument', `Not a trash entry id: ${JSON.stringify(String(id)).slice(0, 80)}`)
  }

  /** Keeps a copy of a post about to be deleted; returns its entry. The bytes are durable before this resolves. */
  async keep(siteRoot: string, file: string, title: string, bytes: Uint8Array): Promise<TrashEntry> {
    const folder = this.folderOf(siteRoot)
    const deletedAt = this.deps.clock()
    const entry: TrashEntry = { id: `${String(deletedAt).padStart(13, '0')}-${randomBytes(4).toString('hex')}`, file, title, deletedAt, size: bytes.byteLength }
    try {
      await this.deps.fs.mkdir(folder)
      await atomicWriteFile(this.deps.fs, path.join(folder, `${entry.id}.md`), bytes, { noOverwrite: true })
      await atomicWriteFile(this.deps.fs, path.join(folder, `${entry.id}.json`), new TextEncoder().encode(JSON.stringify(entry, null, 2) + '\n'), { noOverwrite: true })
    } catch (error) {
      throw toServiceError(error, `keep ${file} in the trash`)
    }
    return entry
  }

  /** The site's trash, newest first (unreadable records are skipped). */
  async list(siteRoot: string): Promise<TrashEntry[]> {
    const folder = this.folderOf(siteRoot)
    let names: string[]
    try {
      names = (await this.deps.fs.readdir(folder)).filter((d) => d.isFile() && d.name.endsWith('.json')).map((d) => d.name.slice(0, -5))
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return []
      throw toServiceError(error, 'read the trash')
    }
    const entries = await Promise.all(names.filter((id) => ID_FORM.test(id)).map((id) => this.record(folder, id).catch(() => null)))
    return entries.filter((e): e is TrashEntry => e !== null).sort((a, b) => b.deletedAt - a.deletedAt || b.id.localeCompare(a.id))
  }

  private async record(folder: string, id: string): Promise<TrashEntry> {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(await this.deps.fs.readFile(path.join(folder, `${id}.json`))))
    if (!isEntry(parsed) || parsed.id !== id) throw new Error('not a trash record')
    return parsed
  }

  /** The record and bytes of entry `id`; `not-found` when the trash has no such entry. */
  async read(siteRoot: string, id: unknown): Promise<KeptPost> {
    PostTrash.assertId(id)
    const folder = this.folderOf(siteRoot)
    try {
      const entry = await this.record(folder, id)
      const bytes = await this.deps.fs.readFile(path.join(folder, `${id}.md`))
      return { entry, bytes }
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') throw new ServiceError('not-found', 'That post is no longer in the trash')
      if (error instanceof SyntaxError || (error instanceof Error && error.message === 'not a trash record')) throw new ServiceError('invalid-argument', 'That trash entry is damaged and cannot be restored')
      throw toServiceError(error, 'read the trash')
    }
  }

  /** Removes entry `id` (after a restore): the record first, so an entry is never listed without its bytes. */
  async forget(siteRoot: string, id: string): Promise<void> {
    PostTrash.assertId(id)
    const folder = this.folderOf(siteRoot)
    for (const name of [`${id}.json`, `${id}.md`]) {
      try {
        await this.deps.fs.unlink(path.join(folder, name))
      } catch (error) {
        if (errnoCode(error) !== 'ENOENT') throw toServiceError(error, 'tidy the trash')
      }
    }
  }
}
