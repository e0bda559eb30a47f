import type { HostInfo } from '../../shared/services/app-service'
import type { InkpostEvent, MenuCommand } from '../../shared/services/events'
import type { LibraryQuery, PostSummary } from '../../shared/services/library-service'
import type { PostDocument } from '../../shared/services/post-service'
import type { RecoveryEntry } from '../../shared/services/recovery-service'
import type { SiteInfo } from '../../shared/services/site-service'
import type { ImportedImage, ImportImageInput } from '../../shared/services/assets-service'
import { splitFrontmatter } from '../../shared/parser/split-frontmatter'
import type { SiteIndex } from '../../shared/checks/finding'
import { ServiceError } from '../../shared/services/service-error'
import type { HostConnection } from '../host/host-client'
import type { EditorHost } from '../editor/editor-host'
import { fileFromHash, hashForFile } from './deep-link'

/** Save status of the open post, as the status bar shows it. */
export type SaveState = 'saved' | 'dirty' | 'saving' | 'conflict' | 'error'

/** What the disk has when a save was refused because the file changed. */
export interface Conflict {
  diskText: string
  diskVersion: string
}

/** A transient notice. */
export interface Toast {
  id: number
  text: string
  kind: 'info' | 'error'
}

/** Everything the window shows that is not inside CodeMirror. */
export interface WorkspaceSnapshot {
  ready: boolean
  fatal: string | null
  info: HostInfo | null
  site: SiteInfo | null
  posts: PostSummary[]
  tags: Array<{ tag: string; count: number }>
  query: LibraryQuery
  libraryError: string | null
  active: string | null
  /** Live text of the active post (drives preview, form and counts). */
  text: string | null
  saveState: SaveState
  saveError: string | null
  conflict: Conflict | null
  externalChange: boolean
  toasts: Toast[]
  recovery: RecoveryEntry[]
  loadingFile: string | null
  /** The site's posts and public files, for the pre-publish checks (null until loaded). */
  siteIndex: SiteIndex | null
}

interface OpenPost {
  version: string | null
  savedText: string
  journaled: string | null
}

/** Autosave idle time in ms. */
export const AUTOSAVE_DELAY_MS = 1000
/** How often dirty text is journaled for crash recovery, in ms. */
export const JOURNAL_INTERVAL_MS = 2000

/**
 * The window's model: library, open posts (disk version and saved text per file), save/conflict
 * state, external changes, recovery and toasts. React reads it through `subscribe`/`getSnapshot`;
 * text lives in CodeMirror (EditorHost), this store only mirrors the active text.
 */
export class WorkspaceStore {
  private snapshot: WorkspaceSnapshot = {
    ready: false, fatal: null, info: null, site: null, posts: [], tags: [], query: { sort: 'date' }, libraryError: null,
    active: null, text: null, saveState: 'saved', saveError: null, conflict: null, externalChange: false, toasts: [], recovery: [], loadingFile: null, siteIndex: null,
  }
  private readonly listeners = new Set<() => void>()
  private readonly open = new Map<string, OpenPost>()
  private editor: EditorHost | null = null
  private saving: Promise<void> | null = null
  /** Saves asked for while another one was in flight: each file once, in order, with `force` kept. */
  private readonly queuedSaves = new Map<string, boolean>()
  private queueDrained: Promise<void> | null = null
  private stashedEvents: InkpostEvent[] = []
  private toastId = 0
  private libraryTimer: ReturnType<typeof setTimeout> | null = null
  private journalTimer: ReturnType<typeof setInterval> | null = null
  private unsubscribe: (() => void) | null = null
  private openSeq = 0
  private editorReady: Promise<void>
  private markEditorReady: () => void = () => undefined

  constructor(private readonly host: HostConnection) {
    this.editorReady = new Promise((resolve) => { this.markEditorReady = resolve })
  }

  /** For React's useSyncExternalStore. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** For React's useSyncExternalStore. */
  getSnapshot = (): WorkspaceSnapshot => this.snapshot

  private menuListeners = new Set<(command: MenuCommand) => void>()

  /** Subscribes to desktop menu commands (File > New Post…); returns an unsubscribe function. */
  onMenuCommand = (listener: (command: MenuCommand) => void): (() => void) => {
    this.menuListeners.add(listener)
    return () => { this.menuListeners.delete(listener) }
  }

  private set(patch: Partial<WorkspaceSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch }
    for (const listener of this.listeners) listener()
  }

  /** The services of the host (for components that call them directly). */
  get services() {
    return this.host.services
  }

  /** Connects the editor once it is mounted. */
  attachEditor(editor: EditorHost | null): void {
    this.editor = editor
    if (editor) this.markEditorReady()
  }

  /** Shows a transient notice for a few seconds. */
  toast(text: string, kind: Toast['kind'] = 'info'): void {
    const id = ++this.toastId
    this.set({ toasts: [...this.snapshot.toasts, { id, text, kind }] })
    setTimeout(() => this.set({ toasts: this.snapshot.toasts.filter((t) => t.id !== id) }), kind === 'error' ? 7000 : 4000)
  }

  private describe(error: unknown): string {
    return error instanceof Error ? error.message : String(error)
  }

  /** Loads host info, the site and the library, subscribes to events, offers recovery and opens the deep-linked post. */
  async start(): Promise<void> {
    try {
      const [info, site] = await Promise.all([this.host.services.app.info(), this.host.services.site.current()])
      this.set({ info, site })
    } catch (error) {
      this.set({ fatal: `Cannot talk to the Inkpost host: ${this.describe(error)}`, ready: true })
      return
    }
    this.unsubscribe = this.host.subscribe((event) => this.onEvent(event))
    await this.refreshLibrary()
    this.set({ ready: true })
    this.journalTimer = setInterval(() => void this.journal(), JOURNAL_INTERVAL_MS)
    try {
      const pending = await this.host.services.recovery.pending()
      if (pending.length) this.set({ recovery: pending })
    } catch {
      // no recovery offered when the journal cannot be read
    }
    const linked = fileFromHash(location.hash)
    if (linked) await this.openPost(linked)
    window.addEventListener('hashchange', () => {
      const file = fileFromHash(location.hash)
      if (file && file !== this.snapshot.active) void this.openPost(file)
    })
  }

  /** Stops timers and event subscriptions. */
  dispose(): void {
    this.unsubscribe?.()
    if (this.journalTimer) clearInterval(this.journalTimer)
  }

  /** Re-reads the open site (after the welcome screen opened one) and its library. */
  async reloadSite(): Promise<void> {
    try {
      this.set({ site: await this.host.services.site.current() })
      await this.refreshLibrary()
    } catch (error) {
      this.toast(`Cannot open the site: ${this.describe(error)}`, 'error')
    }
  }

  /** Changes the library search/filter/sort and reloads it. */
  setQuery(patch: Partial<LibraryQuery>): void {
    const query = { ...this.snapshot.query, ...patch }
    for (const key of Object.keys(query) as Array<keyof LibraryQuery>) if (query[key] === undefined || query[key] === '') delete query[key]
    this.set({ query })
    if (this.libraryTimer) clearTimeout(this.libraryTimer)
    this.libraryTimer = setTimeout(() => void this.refreshLibrary(), patch.search !== undefined ? 150 : 0)
  }

  /** Reloads the post list and tags, and the site index the checks use. */
  async refreshLibrary(): Promise<void> {
    try {
      const [posts, tags] = await Promise.all([this.host.services.library.list(this.snapshot.query), this.host.services.library.tags(), this.refreshSiteIndex()])
      this.set({ posts, tags, libraryError: null })
    } catch (error) {
      this.set({ libraryError: this.describe(error) })
    }
  }

  /** Reloads the site index (posts and their URL paths, public files) for the pre-publish checks. */
  async refreshSiteIndex(): Promise<void> {
    try {
      this.set({ siteIndex: await this.host.services.publish.siteIndex() })
    } catch {
      // checks that need the site simply wait for the next refresh
    }
  }

  private exportListeners = new Set<(progress: { done: number; total: number; step: string }) => void>()

  /** Subscribes to the progress of a running export; returns an unsubscribe function. */
  onExportProgress = (listener: (progress: { done: number; total: number; step: string }) => void): (() => void) => {
    this.exportListeners.add(listener)
    return () => { this.exportListeners.delete(listener) }
  }

  private dirty(file: string): boolean {
    const post = this.open.get(file)
    const text = this.editor?.textOf(file)
    return !!post && text !== null && text !== undefined && text !== post.savedText
  }

  /** Opens `file` in the editor (saving the previous post first when it has unsaved changes). */
  async openPost(file: string, replacement?: { text: string }): Promise<void> {
    await this.editorReady
    const editor = this.editor
    if (!editor) return
    const previous = this.snapshot.active
    if (previous && previous !== file && this.dirty(previous) && !this.snapshot.conflict) void this.save(previous)
    const seq = ++this.openSeq
    let post = this.open.get(file)
    if (!post || !editor.has(file)) {
      this.set({ loadingFile: file })
      let doc: PostDocument | null = null
      try {
        doc = await this.host.services.post.read(file)
      } catch (error) {
        if (!(replacement && error instanceof ServiceError && error.code === 'not-found')) {
          this.set({ loadingFile: null })
          this.toast(`Cannot open ${file}: ${this.describe(error)}`, 'error')
          return
        }
      }
      if (seq !== this.openSeq) return
      post = { version: doc?.version ?? null, savedText: doc?.text ?? '', journaled: null }
      this.open.set(file, post)
      editor.show(file, doc?.text ?? '', true)
    } else {
      editor.show(file, post.savedText)
    }
    if (replacement) editor.setText(file, replacement.text, 'input.recovery')
    const text = editor.textOf(file)
    this.set({ active: file, loadingFile: null, text, conflict: null, externalChange: false, saveError: null, saveState: text === post.savedText ? 'saved' : 'dirty' })
    if (location.hash !== hashForFile(file)) history.replaceState(history.state, '', hashForFile(file))
  }

  /** Called by the editor on every document change of the active post. */
  onDocChange(text: string): void {
    const file = this.snapshot.active
    if (!file) return
    const post = this.open.get(file)
    const patch: Partial<WorkspaceSnapshot> = { text }
    if (post && this.snapshot.saveState !== 'saving' && this.snapshot.saveState !== 'conflict') patch.saveState = text === post.savedText ? 'saved' : 'dirty'
    this.set(patch)
  }

  /** Saves `file` (default: the active post). `force` overwrites a changed disk file (conflict "keep mine"). */
  async save(file: string | null = this.snapshot.active, force = false): Promise<void> {
    if (!file || !this.editor) return
    const post = this.open.get(file)
    if (!post) return
    if (this.saving) {
      // never drop it: this file (not whichever post is active by then) is saved after the one in flight
      this.queuedSaves.set(file, (this.queuedSaves.get(file) ?? false) || force)
      await this.saving
      await this.queueDrained
      return
    }
    const text = this.editor.textOf(file)
    if (text === null) return
    const isActive = () => this.snapshot.active === file
    if (!force && text === post.savedText && post.version !== null) {
      if (isActive() && this.snapshot.saveState !== 'conflict') this.set({ saveState: 'saved' })
      return
    }
    if (!force && isActive() && this.snapshot.conflict) return
    if (isActive()) this.set({ saveState: 'saving' })
    const run = (async () => {
      try {
        const { version } = await (force ? this.host.services.post.save(file, text, post.version, { force: true }) : this.host.services.post.save(file, text, post.version))
        post.version = version
        post.savedText = text
        post.journaled = null
        void this.host.services.recovery.discard(file).catch(() => undefined)
        if (isActive()) {
          const now = this.editor?.textOf(file)
          this.set({ saveState: now === text ? 'saved' : 'dirty', conflict: null, externalChange: false, saveError: null })
        }
      } catch (error) {
        if (error instanceof ServiceError && error.code === 'conflict') {
          const details = (error.details ?? {}) as Partial<Conflict>
          const conflict = { diskText: String(details.diskText ?? ''), diskVersion: String(details.diskVersion ?? '') }
          if (isActive()) this.set({ saveState: 'conflict', conflict })
          else this.toast(`${file} changed on disk; open it to resolve the conflict.`, 'error')
        } else {
          if (isActive()) this.set({ saveState: 'error', saveError: this.describe(error) })
          this.toast(`Saving ${file} failed: ${this.describe(error)}`, 'error')
        }
      }
    })()
    this.saving = run
    await run
    this.saving = null
    const stashed = this.stashedEvents.splice(0)
    for (const event of stashed) this.onEvent(event)
    if (this.queuedSaves.size && !this.queueDrained) {
      this.queueDrained = (async () => {
        while (this.queuedSaves.size) {
          const [next, nextForce] = this.queuedSaves.entries().next().value as [string, boolean]
          this.queuedSaves.delete(next)
          if (nextForce || this.dirty(next)) await this.save(next, nextForce)
        }
      })()
      await this.queueDrained
      this.queueDrained = null
    }
  }

  /** Conflict: take the disk version (the editor's text is replaced, undo can bring it back). */
  resolveReload(): void {
    const file = this.snapshot.active
    const conflict = this.snapshot.conflict
    const post = file ? this.open.get(file) : undefined
    if (!file || !conflict || !post || !this.editor) return
    post.version = conflict.diskVersion
    post.savedText = conflict.diskText
    this.editor.setText(file, conflict.diskText, 'reload')
    this.set({ conflict: null, externalChange: false, saveState: 'saved', text: conflict.diskText })
    void this.host.services.recovery.discard(file).catch(() => undefined)
  }

  /** External change banner: drop the editor's changes and load the disk version. */
  async discardMineAndReload(): Promise<void> {
    const file = this.snapshot.active
    const post = file ? this.open.get(file) : undefined
    if (!file || !post || !this.editor) return
    try {
      const doc = await this.host.services.post.read(file)
      post.version = doc.version
      post.savedText = doc.text
      this.editor.setText(file, doc.text, 'reload')
      this.set({ text: this.editor.textOf(file), saveState: 'saved', externalChange: false, conflict: null })
      void this.host.services.recovery.discard(file).catch(() => undefined)
    } catch (error) {
      this.toast(`Cannot reload ${file}: ${this.describe(error)}`, 'error')
    }
  }

  /** Conflict: overwrite the disk with the editor's text. */
  async resolveKeepMine(): Promise<void> {
    this.set({ conflict: null })
    await this.save(this.snapshot.active, true)
  }

  /** Reloads the active post from disk when it is unmodified; otherwise marks the external change. */
  private async reloadFromDisk(file: string, version: string | null): Promise<void> {
    const post = this.open.get(file)
    if (!post || !this.editor) return
    if (version !== null && version === post.version) return
    if (this.dirty(file)) {
      if (file === this.snapshot.active) this.set({ externalChange: true })
      return
    }
    if (file !== this.snapshot.active) {
      this.open.delete(file)
      this.editor.forget(file)
      return
    }
    try {
      const doc = await this.host.services.post.read(file)
      if (doc.version === post.version) return
      if (this.dirty(file)) { this.set({ externalChange: true }); return }
      post.version = doc.version
      post.savedText = doc.text
      this.editor.setText(file, doc.text, 'reload')
      this.set({ text: this.editor.textOf(file), saveState: 'saved', externalChange: false })
      this.toast('Reloaded: changed on disk')
    } catch (error) {
      this.toast(`Cannot reload ${file}: ${this.describe(error)}`, 'error')
    }
  }

  private onEvent(event: InkpostEvent): void {
    if (this.saving && (event.type === 'post-changed' || event.type === 'post-renamed')) {
      this.stashedEvents.push(event)
      return
    }
    switch (event.type) {
      case 'post-changed':
        this.scheduleLibraryRefresh()
        if (!this.open.has(event.file)) return
        if (event.kind === 'unlink') {
          const post = this.open.get(event.file)!
          post.version = null
          if (event.file === this.snapshot.active) {
            this.set({ saveState: 'dirty' })
            this.toast(`${event.file} was deleted on disk; saving will create it again.`, 'error')
          } else { this.open.delete(event.file); this.editor?.forget(event.file) }
          return
        }
        void this.reloadFromDisk(event.file, event.version)
        return
      case 'post-renamed':
        this.scheduleLibraryRefresh()
        this.movePost(event.from, event.to)
        return
      case 'library-changed':
        this.scheduleLibraryRefresh()
        return
      case 'menu-command':
        for (const listener of this.menuListeners) listener(event.command)
        return
      case 'export-progress':
        for (const listener of this.exportListeners) listener({ done: event.done, total: event.total, step: event.step })
        return
      case 'site-opened':
        location.hash = ''
        location.reload()
        return
    }
  }

  private scheduleLibraryRefresh(): void {
    if (this.libraryTimer) clearTimeout(this.libraryTimer)
    this.libraryTimer = setTimeout(() => void this.refreshLibrary(), 200)
  }

  private movePost(from: string, to: string): void {
    const post = this.open.get(from)
    if (!post) return
    this.open.delete(from)
    this.open.set(to, post)
    this.editor?.rename(from, to)
    if (this.snapshot.active === from) {
      this.set({ active: to })
      history.replaceState(history.state, '', hashForFile(to))
    }
  }

  /** Journals the dirty text of every open post that changed since its last journal entry. */
  private async journal(): Promise<void> {
    for (const [file, post] of this.open) {
      const text = this.editor?.textOf(file)
      if (text === null || text === undefined || text === post.savedText || text === post.journaled) continue
      try {
        await this.host.services.recovery.journal(file, text)
        post.journaled = text
      } catch {
        // journaling is best effort; the next tick retries
      }
    }
  }

  /** Creates a post from the template and opens it. */
  async createPost(title: string): Promise<void> {
    const doc = await this.host.services.post.create({ title })
    await this.refreshLibrary()
    await this.openPost(doc.file)
    this.editor?.focusEnd()
    this.toast(`Created ${doc.file}`)
  }

  /** Renames a post; the open editor follows it. */
  async renamePost(file: string, newFile: string): Promise<void> {
    if (this.dirty(file)) await this.save(file)
    const result = await this.host.services.post.rename(file, newFile)
    this.movePost(file, result.file)
    await this.refreshLibrary()
    this.toast(result.pathChanged ? `Renamed. The site URL changed: ${result.oldPath} → ${result.newPath}` : `Renamed to ${result.file}`)
  }

  /** Duplicates a post and opens the copy. */
  async duplicatePost(file: string): Promise<void> {
    const doc = await this.host.services.post.duplicate(file)
    await this.refreshLibrary()
    await this.openPost(doc.file)
    this.toast(`Duplicated as ${doc.file}`)
  }

  /** Deletes a post (to the trash) and closes it. */
  async deletePost(file: string): Promise<void> {
    await this.host.services.post.delete(file)
    this.open.delete(file)
    this.editor?.forget(file)
    void this.host.services.recovery.discard(file).catch(() => undefined)
    if (this.snapshot.active === file) {
      this.set({ active: null, text: null, saveState: 'saved', conflict: null, externalChange: false })
      history.replaceState(history.state, '', location.pathname + location.search)
    }
    await this.refreshLibrary()
    this.toast(`Moved ${file} to the trash`)
  }

  /**
   * Imports a dropped or pasted image into the site for the active post. In Electron a dropped
   * file is named by its path (the main process reads it); otherwise its bytes are sent, with
   * upload progress. The post's date is taken from the editor's text, so an unsaved date counts.
   */
  async importImage(file: File, onProgress: (fraction: number) => void): Promise<ImportedImage> {
    const post = this.snapshot.active
    if (!post) throw new ServiceError('no-site', 'Open a post first, then drop images onto it.')
    // in browser mode `data` is already base64 ({"$bytes": …}), which the HTTP host turns back into bytes
    const input = { name: file.name || 'image.png', postDate: postDateOf(this.editor?.textOf(post) ?? ''), ...(await this.host.filePayload(file)) } as ImportImageInput
    return await this.host.callWithProgress('assets', 'importImage', [post, input], onProgress) as ImportedImage
  }

  /** Recovery: restores every journaled text into its post (unsaved, so the user decides to keep it). */
  async restoreRecovery(): Promise<void> {
    const entries = this.snapshot.recovery
    this.set({ recovery: [] })
    for (const entry of entries) await this.openPost(entry.file, { text: entry.text })
    if (entries.length) this.toast(entries.length === 1 ? `Restored unsaved text of ${entries[0].file}` : `Restored ${entries.length} posts`)
  }

  /** Recovery: forgets the journaled texts. */
  async discardRecovery(): Promise<void> {
    const entries = this.snapshot.recovery
    this.set({ recovery: [] })
    await Promise.all(entries.map((e) => this.host.services.recovery.discard(e.file).catch(() => undefined)))
  }
}

/** The frontmatter `date` of a post's text as YYYY-MM-DD…, or null when it has none (or the YAML is invalid). */
export function postDateOf(text: string): string | null {
  try {
    const date = splitFrontmatter(text).data.date
    if (date instanceof Date && !Number.isNaN(date.getTime())) return date.toISOString().slice(0, 10)
    return typeof date === 'string' ? date : null
  } catch {
    return null
  }
}
