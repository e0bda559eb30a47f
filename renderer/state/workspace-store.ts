import type { HostInfo } from '../../shared/services/app-service'
import type { InkpostEvent, MenuCommand } from '../../shared/services/events'
import type { LibraryQuery } from '../../shared/services/library-service'
import type { CreatePostInput, PostDocument, RestoreResult, TrashEntry } from '../../shared/services/post-service'
import type { RecoveryEntry } from '../../shared/services/recovery-service'
import type { SiteInfo } from '../../shared/services/site-service'
import type { ImportedImage, ImportImageInput } from '../../shared/services/assets-service'
import { splitFrontmatter } from '../../shared/parser/split-frontmatter'
import { ServiceError } from '../../shared/services/service-error'
import type { HostConnection } from '../host/host-client'
import type { EditorHost } from '../editor/editor-host'
import { LibraryModel, type LibraryState } from './library-model'
import { PostSession, SaveLane, type Conflict, type SessionContext, type SessionState } from './post-session'
import { RecoveryJournal } from './recovery-journal'
import { PostRouter, type HistoryMode } from './post-router'
import { frontmatterBlock, LIVE_HEAD_LENGTH, liveRowOf, withLiveRows, type LiveRow } from './live-row'

export type { Conflict } from './post-session'
export { JOURNAL_INTERVAL_MS } from './recovery-journal'

/** Save status of the open post as the status bar shows it: its session's state, or `error` when its last save failed. */
export type SaveState = SessionState | 'error'

/** A transient notice. */
export interface Toast {
  id: number
  text: string
  kind: 'info' | 'error'
  /** A button on the toast (e.g. Undo after a delete); pressing it dismisses the toast. */
  action?: { label: string; run: () => void }
}

/** Everything the window shows that is not inside CodeMirror (the post's text is read from the editor, see `textOf`). */
export interface WorkspaceSnapshot extends LibraryState {
  ready: boolean
  fatal: string | null
  info: HostInfo | null
  site: SiteInfo | null
  active: string | null
  /** Change counter of the active post's text: it moves on every edit (the text itself stays in CodeMirror). */
  textVersion: number
  saveState: SaveState
  saveError: string | null
  conflict: Conflict | null
  externalChange: boolean
  toasts: Toast[]
  recovery: RecoveryEntry[]
  loadingFile: string | null
}

type WindowState = Pick<WorkspaceSnapshot, 'ready' | 'fatal' | 'info' | 'site' | 'active' | 'toasts' | 'recovery' | 'loadingFile'>

/** How to open a post: restored `text` to put in as an unsaved change, and how to record it in history. */
export interface OpenOptions {
  text?: string
  history?: HistoryMode
}

/** Autosave idle time in ms. */
export const AUTOSAVE_DELAY_MS = 1000

/**
 * The window's model, a facade over its parts: the library (LibraryModel), one PostSession per open
 * post (its saves, conflict and dirty state), the crash-recovery journal (RecoveryJournal) and the
 * URL (PostRouter), plus toasts, recovery offers and the host's events. React reads it through
 * `subscribe`/`getSnapshot`; the posts' text lives in CodeMirror (EditorHost) only.
 */
export class WorkspaceStore {
  private window: WindowState = { ready: false, fatal: null, info: null, site: null, active: null, toasts: [], recovery: [], loadingFile: null }
  private snapshot: WorkspaceSnapshot
  private readonly listeners = new Set<() => void>()
  private readonly sessions = new Map<string, PostSession>()
  private readonly lane = new SaveLane()
  /** The post list, tags, query and site index. */
  readonly library: LibraryModel
  private readonly journal: RecoveryJournal
  private readonly router: PostRouter
  private readonly sessionContext: SessionContext
  private editor: EditorHost | null = null
  /** Watcher events about a post whose save is in flight: replayed once it finished. */
  private stashedEvents: InkpostEvent[] = []
  private toastId = 0
  private unsubscribe: (() => void) | null = null
  private openSeq = 0
  private editorReady: Promise<void>
  private markEditorReady: () => void = () => undefined
  /** Library fields of open posts as their current (maybe unsaved) frontmatter gives them, laid over the saved rows. */
  private readonly liveRows = new Map<string, LiveRow>()
  /** The frontmatter block each live row was read from (so an edit of the body costs no YAML parse). */
  private readonly liveHeads = new Map<string, string>()
  private livePosts: { rows: WorkspaceSnapshot['posts']; live: number; out: WorkspaceSnapshot['posts'] } | null = null
  private liveVersion = 0

  constructor(private readonly host: HostConnection) {
    this.editorReady = new Promise((resolve) => { this.markEditorReady = resolve })
    this.library = new LibraryModel(host.services, () => this.compose())
    this.journal = new RecoveryJournal(host.services.recovery, () => this.sessions.values(), () => this.editor)
    this.router = new PostRouter((file) => void this.openPost(file, { history: 'none' }))
    this.sessionContext = {
      post: host.services.post,
      discardJournal: (file) => this.journal.discard(file),
      editor: () => this.editor,
      lane: this.lane,
      changed: (session) => { if (session.file === this.window.active) this.compose() },
      settled: () => this.replayStashed(),
      conflicted: (session) => { if (session.file !== this.window.active) this.toast(`${session.file} changed on disk; open it to resolve the conflict.`, 'error') },
      notify: (text, kind) => this.toast(text, kind),
      moved: (session, to) => this.movePost(session.file, to),
    }
    this.snapshot = this.build()
  }

  private build(): WorkspaceSnapshot {
    const session = this.activeSession()
    return {
      ...this.window,
      ...this.library.state,
      posts: this.postsWithLiveRows(),
      textVersion: session?.textVersion ?? 0,
      saveState: !session ? 'saved' : session.error && session.state === 'dirty' ? 'error' : session.state,
      saveError: session?.error ?? null,
      conflict: session?.state === 'conflict' ? session.conflict : null,
      externalChange: session?.externalChange ?? false,
    }
  }

  /** The library rows with the open posts' live frontmatter over them (the same array until either changes). */
  private postsWithLiveRows(): WorkspaceSnapshot['posts'] {
    const rows = this.library.state.posts
    const cached = this.livePosts
    if (cached && cached.rows === rows && cached.live === this.liveVersion) return cached.out
    const out = withLiveRows(rows, this.liveRows)
    this.livePosts = { rows, live: this.liveVersion, out }
    return out
  }

  /** Re-reads the library fields of `file` from the frontmatter of its current text (only the start of the text is read). */
  private updateLiveRow(file: string): void {
    const editor = this.editor
    if (!editor) return
    const view = editor.file === file ? (editor as Partial<EditorHost>).view : undefined
    const head = view ? view.state.doc.sliceString(0, LIVE_HEAD_LENGTH) : (editor.textOf(file) ?? '').slice(0, LIVE_HEAD_LENGTH)
    const block = frontmatterBlock(head) ?? ''
    if (this.liveHeads.get(file) === block) return
    this.liveHeads.set(file, block)
    const row = liveRowOf(block)
    if (row === null) return // no frontmatter, or invalid YAML while typing: the row keeps its last values
    this.liveRows.set(file, row)
    this.liveVersion++
  }

  private forgetLiveRow(file: string): void {
    this.liveHeads.delete(file)
    if (this.liveRows.delete(file)) this.liveVersion++
  }

  private compose(): void {
    this.snapshot = this.build()
    for (const listener of this.listeners) listener()
  }

  private set(patch: Partial<WindowState>): void {
    this.window = { ...this.window, ...patch }
    this.compose()
  }

  private activeSession(): PostSession | undefined {
    return this.window.active ? this.sessions.get(this.window.active) : undefined
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

  private exportListeners = new Set<(progress: { done: number; total: number; step: string }) => void>()

  /** Subscribes to the progress of a running export; returns an unsubscribe function. */
  onExportProgress = (listener: (progress: { done: number; total: number; step: string }) => void): (() => void) => {
    this.exportListeners.add(listener)
    return () => { this.exportListeners.delete(listener) }
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

  /** The current text of `file` (default: the active post), read from the editor on demand. */
  textOf(file: string | null = this.window.active): string | null {
    return file ? this.editor?.textOf(file) ?? null : null
  }

  /** The session of an open post (state, versions, conflict), or undefined. */
  session(file: string): PostSession | undefined {
    return this.sessions.get(file)
  }

  /** Shows a transient notice for a few seconds (longer when it has an `action` button). */
  toast(text: string, kind: Toast['kind'] = 'info', action?: Toast['action']): void {
    const id = ++this.toastId
    this.set({ toasts: [...this.window.toasts, { id, text, kind, ...(action ? { action } : {}) }] })
    setTimeout(() => this.dismissToast(id), action ? 10000 : kind === 'error' ? 7000 : 4000)
  }

  /** Removes a toast (its time is up, or its action was used). */
  dismissToast(id: number): void {
    if (this.window.toasts.some((t) => t.id === id)) this.set({ toasts: this.window.toasts.filter((t) => t.id !== id) })
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
    await this.library.refresh()
    this.set({ ready: true })
    this.journal.start()
    try {
      const pending = await this.host.services.recovery.pending()
      if (pending.length) this.set({ recovery: pending })
    } catch {
      // no recovery offered when the journal cannot be read
    }
    const linked = this.router.initial()
    if (linked) await this.openPost(linked, { history: 'none' })
    this.router.listen()
  }

  /** Stops timers, event subscriptions and the history listeners. */
  dispose(): void {
    this.unsubscribe?.()
    this.unsubscribe = null
    this.journal.stop()
    this.library.dispose()
    this.router.dispose()
  }

  /** Re-reads the open site (after the welcome screen opened one) and its library. */
  async reloadSite(): Promise<void> {
    try {
      this.set({ site: await this.host.services.site.current() })
      await this.library.refresh()
    } catch (error) {
      this.toast(`Cannot open the site: ${this.describe(error)}`, 'error')
    }
  }

  /** Changes the library search/filter/sort and reloads it. */
  setQuery(patch: Partial<LibraryQuery>): void {
    this.library.setQuery(patch)
  }

  /** Reloads the post list and tags, and the site index the checks use. */
  refreshLibrary(): Promise<void> {
    return this.library.refresh()
  }

  /** Reloads the site index (posts and their URL paths, public files) for the pre-publish checks. */
  refreshSiteIndex(): Promise<void> {
    return this.library.refreshSiteIndex()
  }

  /**
   * Opens `file` in the editor; the post left behind is saved first when it has unsaved changes.
   * `history` says how the URL records it ('push' for in-app navigation, the default).
   */
  async openPost(file: string, options: OpenOptions = {}): Promise<void> {
    await this.editorReady
    const editor = this.editor
    if (!editor) return
    const previous = this.activeSession()
    if (previous && previous.file !== file && previous.state !== 'conflict' && previous.isDirty()) void previous.save()
    const seq = ++this.openSeq
    let session = this.sessions.get(file)
    if (!session || !editor.has(file)) {
      this.set({ loadingFile: file })
      let doc: PostDocument | null = null
      try {
        doc = await this.host.services.post.read(file)
      } catch (error) {
        if (!(options.text !== undefined && error instanceof ServiceError && error.code === 'not-found')) {
          this.set({ loadingFile: null })
          this.toast(`Cannot open ${file}: ${this.describe(error)}`, 'error')
          return
        }
      }
      if (seq !== this.openSeq) return
      session = new PostSession(file, { text: doc?.text ?? '', version: doc?.version ?? null }, this.sessionContext)
      this.sessions.set(file, session)
      editor.show(file, doc?.text ?? '', true)
    } else {
      editor.show(file, session.savedText)
    }
    this.set({ active: file, loadingFile: null })
    if (options.text !== undefined) session.restore(options.text)
    this.router.record(file, options.history ?? 'push')
  }

  /** Called by the editor on every document change of the post it shows (counts the change; the text stays in CodeMirror). */
  onDocChange(): void {
    const file = this.editor?.file ?? this.window.active
    if (!file) return
    this.updateLiveRow(file)
    this.sessions.get(file)?.noteChange()
  }

  /** Saves `file` (default: the active post). `force` overwrites a changed disk file (conflict "keep mine"). */
  async save(file: string | null = this.window.active, force = false): Promise<void> {
    if (!file || !this.editor) return
    await this.sessions.get(file)?.save(force)
  }

  /** Conflict: take the disk version (the editor's text is replaced, undo can bring it back). */
  resolveReload(): void {
    this.activeSession()?.resolveReload()
  }

  /** Conflict: overwrite the disk with the editor's text. */
  async resolveKeepMine(): Promise<void> {
    await this.activeSession()?.resolveKeepMine()
  }

  /** Conflict: replace the editor's text with the writer's merge `text` (one undoable change) and overwrite the disk with it. */
  async resolveKeepMerged(text: string): Promise<void> {
    await this.activeSession()?.resolveKeepMerged(text)
  }

  /** External change banner: drop the editor's changes and load the disk version. */
  async discardMineAndReload(): Promise<void> {
    const session = this.activeSession()
    if (!session) return
    try {
      await session.reloadFromDisk()
    } catch (error) {
      this.toast(`Cannot reload ${session.file}: ${this.describe(error)}`, 'error')
    }
  }

  /** Closes a session and its editor state. */
  private close(file: string): void {
    this.sessions.delete(file)
    this.forgetLiveRow(file)
    this.editor?.forget(file)
  }

  private replayStashed(): void {
    const stashed = this.stashedEvents.splice(0)
    for (const event of stashed) this.onEvent(event)
  }

  private onEvent(event: InkpostEvent): void {
    const about = event.type === 'post-changed' ? event.file : event.type === 'post-renamed' ? event.from : null
    if (about !== null && this.sessions.get(about)?.writing) {
      // its own save's watcher event must be compared with the version that save returns
      this.stashedEvents.push(event)
      return
    }
    switch (event.type) {
      case 'post-changed':
        this.library.schedule()
        this.postChanged(event.file, event.kind, event.version)
        return
      case 'post-renamed':
        this.library.schedule()
        this.movePost(event.from, event.to)
        return
      case 'library-changed':
        this.library.schedule()
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

  private postChanged(file: string, kind: string, version: string | null): void {
    const session = this.sessions.get(file)
    if (!session) return
    const active = file === this.window.active
    if (kind === 'unlink') {
      if (!active && !session.isDirty()) { this.close(file); return }
      session.deletedOnDisk()
      this.toast(active ? `${file} was deleted on disk; saving will create it again.` : `${file} was deleted on disk; its unsaved text is kept — open it and save to create it again.`, 'error')
      return
    }
    if (!active && session.state === 'saved' && !session.isDirty() && version !== session.version) { this.close(file); return } // read again when opened
    session.diskChanged(version).then((outcome) => {
      if (outcome === 'reloaded' && file === this.window.active) this.toast('Reloaded: changed on disk')
    }, (error) => this.toast(`Cannot reload ${file}: ${this.describe(error)}`, 'error'))
  }

  /** Moves the session of `from` to `to`; false (nothing changed) when `to` is open in another session. */
  private movePost(from: string, to: string): boolean {
    const session = this.sessions.get(from)
    if (!session) return false
    if (from !== to && this.sessions.has(to)) return false // never replace another open post's session and its unsaved text
    this.sessions.delete(from)
    session.file = to
    this.sessions.set(to, session)
    this.editor?.rename(from, to)
    const live = this.liveRows.get(from)
    this.forgetLiveRow(from)
    if (live) { this.liveRows.set(to, live); this.liveVersion++ }
    if (this.window.active === from) {
      this.set({ active: to })
      this.router.record(to, 'replace')
    }
    return true
  }

  /** Creates a post from the template (a title alone, or with its slug, folder and date) and opens it. */
  async createPost(input: string | CreatePostInput): Promise<void> {
    const doc = await this.host.services.post.create(typeof input === 'string' ? { title: input } : input)
    await this.library.refresh()
    await this.openPost(doc.file)
    this.editor?.focusEnd()
    this.toast(`Created ${doc.file}`)
  }

  /** Renames a post (its unsaved text is saved first); the open editor follows it. */
  async renamePost(file: string, newFile: string): Promise<void> {
    const session = this.sessions.get(file)
    if (session?.isDirty()) await session.save()
    const result = await this.host.services.post.rename(file, newFile)
    this.movePost(file, result.file)
    await this.library.refresh()
    this.toast(result.pathChanged ? `Renamed. The site URL changed: ${result.oldPath} → ${result.newPath}` : `Renamed to ${result.file}`)
  }

  /** Duplicates a post and opens the copy. */
  async duplicatePost(file: string): Promise<void> {
    const doc = await this.host.services.post.duplicate(file)
    await this.library.refresh()
    await this.openPost(doc.file)
    this.toast(`Duplicated as ${doc.file}`)
  }

  /** Deletes a post (to the trash) and closes it; the toast's Undo restores it. Returns the trash entry. */
  async deletePost(file: string): Promise<TrashEntry> {
    const entry = await this.host.services.post.delete(file)
    this.close(file)
    this.journal.discard(file)
    if (this.window.active === file) {
      this.set({ active: null })
      this.router.clear()
    }
    await this.library.refresh()
    this.toast(`Moved ${file} to the trash`, 'info', { label: 'Undo', run: () => void this.restorePost(entry.id).catch((error) => this.toast(`Not restored: ${this.describe(error)}`, 'error')) })
    return entry
  }

  /** Puts a deleted post back from the trash (under a free name when its own was taken since) and says where. */
  async restorePost(id: string): Promise<RestoreResult> {
    const result = await this.host.services.post.restore(id)
    await this.library.refresh()
    this.toast(result.renamed ? `Restored as ${result.file}: ${result.originalFile} exists again, so it was not overwritten` : `Restored ${result.file}`)
    return result
  }

  /**
   * Imports a dropped or pasted image into the site for the active post. In Electron a dropped
   * file is named by its path (the main process reads it); otherwise its bytes are sent, with
   * upload progress. The post's date is taken from the editor's text, so an unsaved date counts.
   */
  async importImage(file: File, onProgress: (fraction: number) => void): Promise<ImportedImage> {
    const post = this.window.active
    if (!post) throw new ServiceError('no-site', 'Open a post first, then drop images onto it.')
    // in browser mode `data` is already base64 ({"$bytes": …}), which the HTTP host turns back into bytes
    const input = { name: file.name || 'image.png', postDate: postDateOf(this.textOf(post) ?? ''), ...(await this.host.filePayload(file)) } as ImportImageInput
    return await this.host.callWithProgress('assets', 'importImage', [post, input], onProgress) as ImportedImage
  }

  /** Recovery: restores every journaled text into its post (unsaved, so the user decides to keep it). */
  async restoreRecovery(): Promise<void> {
    const entries = this.window.recovery
    this.set({ recovery: [] })
    for (const entry of entries) await this.openPost(entry.file, { text: entry.text })
    if (entries.length) this.toast(entries.length === 1 ? `Restored unsaved text of ${entries[0].file}` : `Restored ${entries.length} posts`)
  }

  /** Recovery: forgets the journaled texts. */
  async discardRecovery(): Promise<void> {
    const entries = this.window.recovery
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
