import path from 'node:path'
import type { SiteParseSettings } from '../../shared/parser/content-options'
import type { LibraryQuery, LibraryService, PostSummary } from '../../shared/services/library-service'
import { ServiceError } from '../../shared/services/service-error'
import { isTempName, sweepStaleTemps } from './atomic-write'
import { ignoredPostName } from './site-index'
import { contentVersion } from './content-version'
import { errnoCode, type ServiceFs } from './fs-facade'
import { toServiceError } from './io-error'
import type { LibraryDiskCache, StoredLibraryEntry } from './library-disk-cache'
import { decodeOrError, postFacts, searchText, undecodableFacts, type PostFacts } from './post-summary'
import { siteParser } from './parse-pool'
import { siteParseSettings, type OpenSite, type SiteContext } from './site-context'
import { isInside, toRelative, unservableName } from './site-paths'

/** Dependencies of LibraryServiceImpl. */
export interface LibraryServiceDeps {
  fs: ServiceFs
  context: SiteContext
  /** Optional on-disk cache, so a restart does not parse every post again. */
  diskCache?: LibraryDiskCache
  /** Called when background verification changed a listed post (e.g. found a body parse error): the host emits `library-changed`. */
  onChanged?: () => void
}

/** A cached post: its stored fields plus the lower-cased search text (null until a search needs it, after a disk-cache load). */
interface CacheEntry extends StoredLibraryEntry {
  haystack: string | null
}

interface Listed {
  summary: PostSummary
  entry: CacheEntry | null
  absolute: string
}

/** Characters Nuxt Content refuses in a file key: such files are listed with an error because the site skips them. */
const INVALID_KEY_CHARS = /['"?#]/

/** How many files are read at once (bounded so 10,000 posts never exhaust file descriptors). */
const READ_CONCURRENCY = 32

/** Adds the "Nuxt skips this name" error to otherwise fine facts. */
function withNameCheck(file: string, facts: PostFacts): PostFacts {
  if (!INVALID_KEY_CHARS.test(file) || facts.summary.error) return facts
  return { ...facts, summary: { ...facts.summary, error: { message: `Nuxt Content skips this file: its name contains one of ' " ? #` } } }
}


function matchesQuery(entry: { summary: PostSummary; entry: CacheEntry | null }, query: LibraryQuery): boolean {
  if (query.draft !== undefined && entry.summary.draft !== query.draft) return false
  if (query.tag !== undefined && !entry.summary.tags.includes(query.tag)) return false
  if (query.search) {
    const terms = query.search.toLowerCase().split(/\s+/).filter(Boolean)
    // the file name counts too (`2024-01-16-llama2.md`, `blog/`), whatever the title says
    const file = entry.summary.file.toLowerCase()
    const haystack = entry.entry?.haystack ?? ''
    if (!terms.every((term) => haystack.includes(term) || file.includes(term))) return false
  }
  return true
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })

function sortPosts(posts: PostSummary[], sort: NonNullable<LibraryQuery['sort']>, order: 'asc' | 'desc'): PostSummary[] {
  const sign = order === 'asc' ? 1 : -1
  const byTitle = (a: PostSummary, b: PostSummary) => collator.compare(a.title, b.title) || a.file.localeCompare(b.file)
  return posts.sort((a, b) => {
    if (sort === 'title') return sign * byTitle(a, b)
    if (sort === 'modified') return sign * (a.mtime - b.mtime) || byTitle(a, b)
    // date: posts without a date go last whatever the order
    if (a.date === null || b.date === null) return (a.date === null ? 1 : 0) - (b.date === null ? 1 : 0) || byTitle(a, b)
    return sign * (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) || byTitle(a, b)
  })
}

function validateQuery(query: unknown): LibraryQuery {
  if (query === undefined || query === null) return {}
  if (typeof query !== 'object' || Array.isArray(query)) throw new ServiceError('invalid-argument', 'library.list takes an optional query object')
  const q = query as Record<string, unknown>
  if (q.search !== undefined && typeof q.search !== 'string') throw new ServiceError('invalid-argument', 'query.search must be a string')
  if (q.draft !== undefined && typeof q.draft !== 'boolean') throw new ServiceError('invalid-argument', 'query.draft must be true or false')
  if (q.tag !== undefined && typeof q.tag !== 'string') throw new ServiceError('invalid-argument', 'query.tag must be a string')
  if (q.sort !== undefined && !['date', 'title', 'modified'].includes(q.sort as string)) throw new ServiceError('invalid-argument', 'query.sort must be "date", "title" or "modified"')
  if (q.order !== undefined && !['asc', 'desc'].includes(q.order as string)) throw new ServiceError('invalid-argument', 'query.order must be "asc" or "desc"')
  return q as LibraryQuery
}

/**
 * Lists every `.md` post under the content folder with the fields the shared parser gives it.
 * Results are cached per file keyed by (mtime, size), so a warm listing only stats files.
 */
export class LibraryServiceImpl implements LibraryService {
  private readonly cache = new Map<string, CacheEntry>()
  /** The content folder and parse settings the in-memory cache holds facts for. */
  private cacheKey: string | null = null
  private verifying: Promise<void> | null = null
  private scanning: { root: string; promise: Promise<Listed[]> } | null = null
  private generation = 0

  constructor(private readonly deps: LibraryServiceDeps) {}

  async list(query?: LibraryQuery): Promise<PostSummary[]> {
    const q = validateQuery(query)
    const entries = await this.scan()
    if (q.search) await this.ensureSearchText(entries)
    const matching = entries.filter((entry) => matchesQuery(entry, q)).map((entry) => entry.summary)
    const sort = q.sort ?? 'date'
    return sortPosts(matching, sort, q.order ?? (sort === 'title' ? 'asc' : 'desc'))
  }

  async tags(): Promise<Array<{ tag: string; count: number }>> {
    const counts = new Map<string, number>()
    for (const { summary } of await this.scan()) {
      for (const tag of new Set(summary.tags)) counts.set(tag, (counts.get(tag) ?? 0) + 1)
    }
    return [...counts].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || collator.compare(a.tag, b.tag))
  }

  /** Last known content version of a post (from the cache), used by the watcher to recognise renames. */
  knownVersion(file: string): string | undefined {
    const site = this.deps.context.current
    return site ? this.cache.get(path.join(site.contentRoot, ...file.split('/')))?.version : undefined
  }

  /** Stops background verification and writes the on-disk cache now (on shutdown). */
  async flush(): Promise<void> {
    await this.stop()
    await this.deps.diskCache?.flush()
  }

  /** One scan at a time: calls that arrive while a scan runs (e.g. `list` and `tags` at start-up) share it. */
  private scan(): Promise<Listed[]> {
    const root = this.deps.context.require().contentRoot
    if (this.scanning?.root !== root) {
      const scanning = { root, promise: this.scanOnce().finally(() => { if (this.scanning === scanning) this.scanning = null }) }
      this.scanning = scanning
    }
    return this.scanning.promise
  }

  /** Walks the content folder and returns fresh facts for every post, reading only files whose (mtime, size) changed. */
  private async scanOnce(): Promise<Listed[]> {
    const site = this.deps.context.require()
    const settings = siteParseSettings(site)
    const variant = JSON.stringify(settings)
    // facts depend on the site's parse settings too: a site reopened with another version or options is parsed again
    const key = `${site.contentRoot}\0${variant}`
    if (this.cacheKey !== key) {
      this.generation++
      this.cache.clear()
      this.cacheKey = key
      const stored = (await this.deps.diskCache?.load(site.contentRoot, variant)) ?? new Map()
      for (const [file, entry] of stored) this.cache.set(path.join(site.contentRoot, ...file.split('/')), { ...entry, haystack: null })
    }
    const generation = this.generation
    let files: string[]
    try {
      files = await this.walk(site.contentRoot, site.root)
    } catch (error) {
      throw toServiceError(error, `list the posts in ${site.contentRoot}`)
    }
    const seen = new Set(files)
    let changed = false
    for (const key of this.cache.keys()) {
      if (!seen.has(key)) {
        this.cache.delete(key)
        changed = true
      }
    }
    const results: Listed[] = new Array(files.length)
    let next = 0
    const worker = async () => {
      while (next < files.length) {
        const index = next++
        const file = toRelative(site.contentRoot, files[index])
        const unservable = unservableName(file)
        if (unservable) {
          results[index] = { summary: { file, path: '', title: JSON.stringify(path.basename(file)).slice(1, -1), date: null, tags: [], draft: false, summary: '', size: 0, mtime: 0, error: { message: unservable }, openable: false }, entry: null, absolute: files[index] }
          continue
        }
        const listed = await this.factsFor(files[index], file, settings, site)
        if (!listed) continue
        if (listed.fresh) changed = true
        results[index] = listed
      }
    }
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, worker))
    // stopped meanwhile (shutdown closes the parse pool, whose cut-short parses must not be stored) or another site opened
    if (generation !== this.generation) return results.filter(Boolean)
    if (changed) this.saveCache(site.contentRoot, variant)
    this.startVerifier(site, settings)
    return results.filter(Boolean)
  }

  private saveCache(contentRoot: string, variant: string): void {
    if (!this.deps.diskCache) return
    const stored = new Map<string, StoredLibraryEntry>()
    for (const [absolute, entry] of this.cache) {
      // unreadable files (no version) are retried next time
      if (entry.version) stored.set(toRelative(contentRoot, absolute), { mtime: entry.mtime, size: entry.size, version: entry.version, summary: entry.summary, verified: entry.verified })
    }
    this.deps.diskCache.schedule(contentRoot, stored, variant)
  }

  /**
   * Background check of posts listed by the fast path: runs the full parse one post per macrotask
   * (so requests and IPC stay responsive) and, when that finds something the fast path cannot see
   * (a body-level parse error), updates the entry and calls `onChanged` once at the end.
   */
  private startVerifier(site: OpenSite, settings: SiteParseSettings): void {
    if (this.verifying) return
    const { contentRoot, plugins } = site
    const generation = this.generation
    const run = async () => {
      let changed = false
      let touched = false
      const pending = [...this.cache].filter(([, entry]) => !entry.verified)
      for (const [absolute, entry] of pending) {
        await new Promise((resolve) => setImmediate(resolve))
        if (generation !== this.generation) return
        if (this.cache.get(absolute) !== entry) continue
        try {
          const stat = await this.deps.fs.stat(absolute)
          if (stat.mtimeMs !== entry.mtime || stat.size !== entry.size) continue // the next listing re-reads it
          const decoded = decodeOrError(await this.deps.fs.readFile(absolute))
          if ('error' in decoded) continue
          const file = toRelative(contentRoot, absolute)
          const full = withNameCheck(file, await postFacts(decoded.text, file, { fullParse: true, settings, plugins, parse: siteParser(site) }))
          if (generation !== this.generation) return
          if (JSON.stringify(full.summary) !== JSON.stringify(entry.summary)) {
            entry.summary = full.summary
            changed = true
          }
          entry.verified = true
          touched = true
        } catch { /* unreadable now: the next listing reports it */ }
      }
      if (generation !== this.generation) return
      if (touched) this.saveCache(contentRoot, JSON.stringify(settings))
      if (changed) this.deps.onChanged?.()
    }
    this.verifying = run().finally(() => { this.verifying = null })
  }

  /** Resolves when the background verification (if any) has finished; tests and benchmarks await it. */
  async idle(): Promise<void> {
    while (this.verifying) await this.verifying
  }

  /** Stops background work (on shutdown or when another site opens). */
  async stop(): Promise<void> {
    this.generation++
    await this.idle()
  }

  /** Fills in the search text of entries loaded from the disk cache (a plain read, no parse). */
  private async ensureSearchText(entries: Listed[]): Promise<void> {
    const missing = entries.filter((e) => e.entry && e.entry.haystack === null)
    let next = 0
    const worker = async () => {
      while (next < missing.length) {
        const item = missing[next++]
        try {
          const decoded = decodeOrError(await this.deps.fs.readFile(item.absolute))
          item.entry!.haystack = 'text' in decoded ? searchText(item.summary.title, item.summary.tags, decoded.text) : item.summary.title.toLowerCase()
        } catch {
          item.entry!.haystack = item.summary.title.toLowerCase()
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, missing.length) }, worker))
  }

  private async factsFor(absolute: string, file: string, settings: SiteParseSettings, site: OpenSite): Promise<(Listed & { fresh: boolean }) | null> {
    const { fs } = this.deps
    let stat
    try {
      stat = await fs.stat(absolute)
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return null // deleted while listing
      return { summary: { file, path: '', title: file, date: null, tags: [], draft: false, summary: '', size: 0, mtime: 0, error: { message: toServiceError(error, `read ${file}`).message } }, entry: null, absolute, fresh: false }
    }
    const cached = this.cache.get(absolute)
    if (cached && cached.mtime === stat.mtimeMs && cached.size === stat.size) {
      return { summary: { file, ...cached.summary, size: stat.size, mtime: stat.mtimeMs }, entry: cached, absolute, fresh: false }
    }
    let facts: PostFacts
    let version = ''
    try {
      const bytes = await fs.readFile(absolute)
      version = contentVersion(bytes)
      const decoded = decodeOrError(bytes)
      facts = 'error' in decoded ? await undecodableFacts(file, decoded.error, settings) : await postFacts(decoded.text, file, { settings, plugins: site.plugins, parse: siteParser(site) })
    } catch (error) {
      facts = await undecodableFacts(file, toServiceError(error, `read ${file}`).message, settings)
    }
    facts = withNameCheck(file, facts)
    const entry: CacheEntry = { mtime: stat.mtimeMs, size: stat.size, version, summary: facts.summary, haystack: facts.haystack, verified: !facts.cheap }
    this.cache.set(absolute, entry)
    return { summary: { file, ...facts.summary, size: stat.size, mtime: stat.mtimeMs }, entry, absolute, fresh: true }
  }

  /** Every `.md` file below `dir` (absolute paths), skipping ignored names and links that leave the site; sweeps stale temp files on the way. */
  private async walk(dir: string, siteRoot: string, visited = new Set<string>()): Promise<string[]> {
    const { fs } = this.deps
    const real = await fs.realpath(dir)
    if (visited.has(real) || !isInside(siteRoot, real)) return []
    visited.add(real)
    const entries = await fs.readdir(dir)
    const out: string[] = []
    let hasTemps = false
    for (const entry of entries) {
      if (isTempName(entry.name)) hasTemps = true
      if (ignoredPostName(entry.name)) continue
      const full = path.join(dir, entry.name)
      let isDir = entry.isDirectory()
      let isFile = entry.isFile()
      if (entry.isSymbolicLink()) {
        try {
          const target = await fs.realpath(full)
          if (!isInside(siteRoot, target)) continue
          const st = await fs.stat(target)
          isDir = st.isDirectory()
          isFile = st.isFile()
        } catch { continue }
      }
      if (isDir) out.push(...(await this.walk(full, siteRoot, visited)))
      else if (isFile && entry.name.toLowerCase().endsWith('.md')) out.push(full)
    }
    if (hasTemps) await sweepStaleTemps(fs, dir)
    return out.sort()
  }
}
