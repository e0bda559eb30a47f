import path from 'node:path'
import { createHash } from 'node:crypto'
import type { RecoveryEntry, RecoveryService } from '../../shared/services/recovery-service'
import { ServiceError } from '../../shared/services/service-error'
import { atomicWriteFile, isTempName } from './atomic-write'
import { errnoCode, type ServiceFs } from './fs-facade'
import { toServiceError } from './io-error'
import { decodeOrError } from './post-summary'
import { normaliseEol } from './post-text'
import type { SiteContext } from './site-context'
import { resolveInside } from './site-paths'

/** Dependencies of RecoveryServiceImpl. */
export interface RecoveryServiceDeps {
  fs: ServiceFs
  /** The app's data folder; journals live in `<dataDir>/recovery/`. */
  dataDir: string
  clock: () => number
  context: SiteContext
}

/** One journal file's content. */
interface JournalRecord {
  format: 1
  site: string
  file: string
  text: string
  savedAt: number
  diskMtime: number | null
}

/** Largest text we journal (a 5 MB post fits many times over). */
const MAX_JOURNAL_CHARS = 64 * 1024 * 1024

/**
 * Crash recovery: one JSON file per (site, post) in the data folder, written atomically. A journal
 * is offered back when it is newer than the post's file (or the file is gone) and differs from it;
 * it is removed after a successful save or when the user declines it.
 */
export class RecoveryServiceImpl implements RecoveryService {
  constructor(private readonly deps: RecoveryServiceDeps) {}

  /** Folder holding the journals. */
  get folder(): string {
    return path.join(this.deps.dataDir, 'recovery')
  }

  private journalPath(siteRoot: string, file: string): string {
    return path.join(this.folder, `${createHash('sha256').update(`${siteRoot}\n${file}`).digest('hex').slice(0, 40)}.json`)
  }

  async journal(file: string, text: string): Promise<void> {
    const site = this.deps.context.require()
    const resolved = await resolveInside(this.deps.fs, site.contentRoot, file, 'file')
    if (typeof text !== 'string') throw new ServiceError('invalid-argument', 'recovery.journal needs the text as a string')
    if (text.length > MAX_JOURNAL_CHARS) throw new ServiceError('invalid-argument', 'The text is too large to journal')
    let diskMtime: number | null = null
    try {
      diskMtime = (await this.deps.fs.stat(resolved.real)).mtimeMs
    } catch (error) {
      if (errnoCode(error) !== 'ENOENT') throw toServiceError(error, `journal ${file}`)
    }
    const record: JournalRecord = { format: 1, site: site.root, file, text, savedAt: this.deps.clock(), diskMtime }
    try {
      await this.deps.fs.mkdir(this.folder)
      await atomicWriteFile(this.deps.fs, this.journalPath(site.root, file), new TextEncoder().encode(JSON.stringify(record)))
    } catch (error) {
      throw toServiceError(error, `write the recovery journal for ${file}`)
    }
  }

  async pending(): Promise<RecoveryEntry[]> {
    const site = this.deps.context.require()
    let names: string[]
    try {
      names = (await this.deps.fs.readdir(this.folder)).map((e) => e.name).filter((n) => n.endsWith('.json') && !isTempName(n))
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return []
      throw toServiceError(error, 'read the recovery journals')
    }
    const out: RecoveryEntry[] = []
    for (const name of names.sort()) {
      const record = await this.readRecord(path.join(this.folder, name))
      if (!record || record.site !== site.root) continue
      let diskText: string | null = null
      let mtime: number | null = null
      try {
        const resolved = await resolveInside(this.deps.fs, site.contentRoot, record.file, 'file')
        const st = await this.deps.fs.stat(resolved.real)
        mtime = st.mtimeMs
        const decoded = decodeOrError(await this.deps.fs.readFile(resolved.real))
        diskText = 'text' in decoded ? normaliseEol(decoded.text) : null
      } catch (error) {
        if (errnoCode(error) !== 'ENOENT' && !(error instanceof ServiceError && error.code === 'not-found')) continue
      }
      if (mtime !== null && record.savedAt <= mtime) continue
      if (diskText !== null && diskText === normaliseEol(record.text)) {
        // nothing to recover: the disk already has this text
        await this.discard(record.file).catch(() => undefined)
        continue
      }
      out.push({ file: record.file, text: record.text, savedAt: record.savedAt, diskMtime: record.diskMtime })
    }
    return out.sort((a, b) => b.savedAt - a.savedAt)
  }

  async discard(file: string): Promise<void> {
    const site = this.deps.context.require()
    if (typeof file !== 'string') throw new ServiceError('invalid-argument', 'recovery.discard needs a file')
    try {
      await this.deps.fs.unlink(this.journalPath(site.root, file))
    } catch (error) {
      if (errnoCode(error) !== 'ENOENT') throw toServiceError(error, `remove the recovery journal for ${file}`)
    }
  }

  /** Moves a journal along with its post (after a rename); missing journals are fine. */
  async move(from: string, to: string): Promise<void> {
    const site = this.deps.context.require()
    const record = await this.readRecord(this.journalPath(site.root, from))
    if (!record) return
    await this.deps.fs.mkdir(this.folder)
    await atomicWriteFile(this.deps.fs, this.journalPath(site.root, to), new TextEncoder().encode(JSON.stringify({ ...record, file: to })))
    await this.discard(from)
  }

  private async readRecord(file: string): Promise<JournalRecord | null> {
    try {
      const parsed = JSON.parse(new TextDecoder().decode(await this.deps.fs.readFile(file))) as Partial<JournalRecord>
      if (parsed.format !== 1 || typeof parsed.site !== 'string' || typeof parsed.file !== 'string' || typeof parsed.text !== 'string' || typeof parsed.savedAt !== 'number') return null
      return { format: 1, site: parsed.site, file: parsed.file, text: parsed.text, savedAt: parsed.savedAt, diskMtime: typeof parsed.diskMtime === 'number' ? parsed.diskMtime : null }
    } catch {
      return null
    }
  }
}
