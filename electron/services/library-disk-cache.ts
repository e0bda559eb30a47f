import path from 'node:path'
import { createHash } from 'node:crypto'
import type { PostSummary } from '../../shared/services/library-service'
import { atomicWriteFile } from './atomic-write'
import type { ServiceFs } from './fs-facade'

/** Bump when the stored shape or the way summaries are computed changes. */
const FORMAT = 2

/** What is stored per post: the key (mtime, size), the content version and the parsed library fields. */
export interface StoredLibraryEntry {
  mtime: number
  size: number
  version: string
  summary: Omit<PostSummary, 'file' | 'size' | 'mtime'>
  /** True once the full parse confirmed the summary (the fast path cannot see body-level parse errors). */
  verified: boolean
}

interface StoredFile {
  format: number
  fingerprint: string
  root: string
  /** The parse settings the summaries were computed for (JSON). */
  variant: string
  entries: Record<string, StoredLibraryEntry>
}

function isEntry(value: unknown): value is StoredLibraryEntry {
  const v = value as StoredLibraryEntry
  return !!v && typeof v.mtime === 'number' && typeof v.size === 'number' && typeof v.version === 'string' && !!v.summary && typeof v.summary.title === 'string' && typeof v.summary.path === 'string' && Array.isArray(v.summary.tags) && typeof v.verified === 'boolean'
}

/**
 * The library cache on disk (one JSON file per content folder in the data folder), so reopening a
 * site after a restart only stats files whose (mtime, size) did not change instead of parsing them
 * again — the way Nuxt Content keeps its own parsed cache. Entries are only trusted for the same
 * fingerprint (app version + format). Best effort: unreadable or corrupt files are ignored, and a
 * failed write never fails a listing.
 */
export class LibraryDiskCache {
  private timer: NodeJS.Timeout | null = null
  private pending: { root: string; variant: string; entries: Record<string, StoredLibraryEntry> } | null = null
  private writing: Promise<void> = Promise.resolve()

  constructor(private readonly fs: ServiceFs, private readonly dir: string, private readonly fingerprint: string, private readonly delayMs = 500) {}

  private fileFor(root: string): string {
    return path.join(this.dir, `${createHash('sha256').update(root).digest('hex').slice(0, 24)}.json`)
  }

  /** Stored entries of the content folder `root` for the parse settings `variant`, keyed by file relative to it (empty when none or stale). */
  async load(root: string, variant = ''): Promise<Map<string, StoredLibraryEntry>> {
    const out = new Map<string, StoredLibraryEntry>()
    try {
      const stored = JSON.parse(new TextDecoder().decode(await this.fs.readFile(this.fileFor(root)))) as StoredFile
      if (stored.format !== FORMAT || stored.fingerprint !== this.fingerprint || stored.root !== root || stored.variant !== variant || !stored.entries) return out
      for (const [file, entry] of Object.entries(stored.entries)) if (isEntry(entry)) out.set(file, entry)
    } catch { /* no cache yet, or unreadable: start fresh */ }
    return out
  }

  /** Stores the entries of `root` (parsed for `variant`) a little later (coalescing bursts of listings). */
  schedule(root: string, entries: Map<string, StoredLibraryEntry>, variant = ''): void {
    this.pending = { root, variant, entries: Object.fromEntries(entries) }
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => { void this.flush() }, this.delayMs)
    this.timer.unref?.()
  }

  /** Writes any scheduled entries now. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const job = this.pending
    this.pending = null
    if (!job) return this.writing
    this.writing = this.writing.then(async () => {
      try {
        const data: StoredFile = { format: FORMAT, fingerprint: this.fingerprint, root: job.root, variant: job.variant, entries: job.entries }
        await this.fs.mkdir(this.dir)
        await atomicWriteFile(this.fs, this.fileFor(job.root), new TextEncoder().encode(JSON.stringify(data)))
      } catch { /* the cache is an optimisation */ }
    })
    return this.writing
  }
}
