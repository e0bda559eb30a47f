import path from 'node:path'
import { watch, type FSWatcher } from 'chokidar'
import type { InkpostEvent } from '../../shared/services/events'
import { isTempName } from './atomic-write'
import { contentVersion } from './content-version'
import { errnoCode, type ServiceFs } from './fs-facade'
import type { OwnWrites } from './own-writes'
import { toRelative } from './site-paths'

/** Dependencies and timing of the content watcher. */
export interface FileWatcherDeps {
  fs: ServiceFs
  ownWrites: OwnWrites
  emit: (event: InkpostEvent) => void
  /** Last known content version of a post (e.g. from the library cache), to recognise a rename of a file the watcher has not read yet. */
  knownVersion?: (file: string) => string | undefined
  /** Quiet time per file before an event is reported (editors write in bursts). Default 80 ms. */
  debounceMs?: number
  /** How long an unlink waits for an add of the same content, to report a rename. Default 500 ms. */
  renameWindowMs?: number
}

type RawKind = 'add' | 'change' | 'unlink'

/**
 * Watches the content folder with chokidar and turns external create/change/delete/rename of
 * `.md` posts into InkpostEvents. Our own writes are recognised by content version (OwnWrites)
 * and not reported; bursts are debounced per file; an unlink followed shortly by an add of the
 * same bytes is reported once as `post-renamed`.
 */
export class ContentWatcher {
  private watcher: FSWatcher | null = null
  private root = ''
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; kind: RawKind }>()
  private readonly versions = new Map<string, string>()
  private readonly pendingUnlinks = new Map<string, { version: string | undefined; timer: NodeJS.Timeout }>()
  private readonly pendingAdds = new Map<string, { version: string; timer: NodeJS.Timeout }>()
  private libraryTimer: NodeJS.Timeout | null = null
  private readonly debounceMs: number
  private readonly renameWindowMs: number

  constructor(private readonly deps: FileWatcherDeps) {
    this.debounceMs = deps.debounceMs ?? 80
    this.renameWindowMs = deps.renameWindowMs ?? 500
  }

  /** Starts watching `contentRoot` (real path), replacing any previous watch; resolves once chokidar is ready. */
  async start(contentRoot: string): Promise<void> {
    await this.close()
    this.root = contentRoot
    const watcher = watch(contentRoot, {
      ignoreInitial: true,
      ignored: (p: string) => {
        if (p === contentRoot) return false
        const name = path.basename(p)
        return name.startsWith('.') || name.startsWith('-') || isTempName(name) || name === 'node_modules'
      },
    })
    this.watcher = watcher
    watcher.on('add', (p) => { if (typeof p === 'string') this.raw('add', p) })
    watcher.on('change', (p) => { if (typeof p === 'string') this.raw('change', p) })
    watcher.on('unlink', (p) => { if (typeof p === 'string') this.raw('unlink', p) })
    watcher.on('error', () => { /* a vanished folder or a permission change must not crash the host */ })
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()))
  }

  /** Stops watching and drops pending events. */
  async close(): Promise<void> {
    for (const { timer } of this.timers.values()) clearTimeout(timer)
    for (const { timer } of this.pendingUnlinks.values()) clearTimeout(timer)
    for (const { timer } of this.pendingAdds.values()) clearTimeout(timer)
    this.pendingAdds.clear()
    if (this.libraryTimer) clearTimeout(this.libraryTimer)
    this.timers.clear()
    this.pendingUnlinks.clear()
    this.libraryTimer = null
    const watcher = this.watcher
    this.watcher = null
    if (watcher) await watcher.close()
  }

  private raw(kind: RawKind, absolute: string): void {
    if (!absolute.toLowerCase().endsWith('.md')) return
    const file = toRelative(this.root, absolute)
    const previous = this.timers.get(file)
    if (previous) clearTimeout(previous.timer)
    // an add right after an unlink of the same file within the burst is a change
    const merged: RawKind = previous && previous.kind === 'unlink' && kind === 'add' ? 'change' : previous?.kind === 'add' && kind === 'change' ? 'add' : kind
    const timer = setTimeout(() => {
      this.timers.delete(file)
      void this.flush(file, merged, absolute).catch(() => undefined)
    }, this.debounceMs)
    this.timers.set(file, { timer, kind: merged })
  }

  private async flush(file: string, kind: RawKind, absolute: string): Promise<void> {
    if (kind === 'unlink') return this.flushUnlink(file, absolute)
    let bytes: Uint8Array
    let mtime: number
    try {
      bytes = await this.deps.fs.readFile(absolute)
      mtime = (await this.deps.fs.stat(absolute)).mtimeMs
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return this.flushUnlink(file, absolute)
      return
    }
    const version = contentVersion(bytes)
    this.versions.set(file, version)
    if (this.deps.ownWrites.isOwnWrite(absolute, version)) return
    if (kind === 'add') {
      for (const [from, pending] of this.pendingUnlinks) {
        if (pending.version === version) {
          clearTimeout(pending.timer)
          this.pendingUnlinks.delete(from)
          this.renamed(from, file)
          return
        }
      }
      // chokidar may report the add of a rename before the unlink: hold adds for the rename window too
      const previous = this.pendingAdds.get(file)
      if (previous) clearTimeout(previous.timer)
      const timer = setTimeout(() => {
        this.pendingAdds.delete(file)
        this.deps.emit({ type: 'post-changed', file, kind: 'add', version, mtime })
        this.libraryChanged()
      }, this.renameWindowMs)
      this.pendingAdds.set(file, { version, timer })
      return
    }
    this.deps.emit({ type: 'post-changed', file, kind, version, mtime })
    this.libraryChanged()
  }

  private renamed(from: string, to: string): void {
    this.deps.emit({ type: 'post-renamed', from, to })
    this.libraryChanged()
  }

  private flushUnlink(file: string, absolute: string): void {
    const version = this.versions.get(file) ?? this.deps.knownVersion?.(file)
    this.versions.delete(file)
    if (this.deps.ownWrites.isOwnUnlink(absolute)) return
    if (version !== undefined) {
      for (const [to, pending] of this.pendingAdds) {
        if (pending.version === version) {
          clearTimeout(pending.timer)
          this.pendingAdds.delete(to)
          this.renamed(file, to)
          return
        }
      }
    }
    const timer = setTimeout(() => {
      this.pendingUnlinks.delete(file)
      this.deps.emit({ type: 'post-changed', file, kind: 'unlink', version: null, mtime: null })
      this.libraryChanged()
    }, this.renameWindowMs)
    this.pendingUnlinks.set(file, { version, timer })
  }

  private libraryChanged(): void {
    if (this.libraryTimer) clearTimeout(this.libraryTimer)
    this.libraryTimer = setTimeout(() => {
      this.libraryTimer = null
      this.deps.emit({ type: 'library-changed' })
    }, this.debounceMs)
  }
}
