import type { PostService } from '../../shared/services/post-service'
import { ServiceError } from '../../shared/services/service-error'
import type { EditorHost } from '../editor/editor-host'

/**
 * Where an open post stands against its file on disk:
 * - `saved`: the editor holds exactly what was last read or written;
 * - `dirty`: the editor differs from the disk (a failed save stays here, with `error` set);
 * - `saving`: a save is in flight (edits made meanwhile leave it `dirty` afterwards);
 * - `conflict`: a save was refused because the file changed on disk; the writer must decide;
 * - `orphaned`: the file was deleted on disk while open; saving creates it again.
 */
export type SessionState = 'saved' | 'dirty' | 'saving' | 'conflict' | 'orphaned'

/** The moves the session's state machine allows (anything else is a bug and is refused). */
export const SESSION_TRANSITIONS: Readonly<Record<SessionState, readonly SessionState[]>> = {
  saved: ['dirty', 'saving', 'orphaned'],
  dirty: ['saved', 'saving', 'orphaned'],
  saving: ['saved', 'dirty', 'conflict', 'orphaned'],
  conflict: ['saving', 'saved', 'orphaned'],
  orphaned: ['saving', 'saved'],
}

/** What the disk has when a save was refused because the file changed. */
export interface Conflict {
  diskText: string
  diskVersion: string
}

/** The part of EditorHost a session reads and writes its post's text through (CodeMirror's state, never a copy). */
export type SessionEditor = Pick<EditorHost, 'textOf' | 'lengthOf' | 'setText'>

/**
 * Runs saves one at a time, first asked first served, across all posts: a save asked for while
 * another is in flight waits its turn instead of being dropped or mixed up with the active post.
 */
export class SaveLane {
  private tail: Promise<unknown> = Promise.resolve()

  /** Runs `job` after every job queued before it; resolves or rejects with it. */
  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job)
    this.tail = result.catch(() => undefined)
    return result
  }
}

/** What a session needs from the window: services, the editor, the shared save lane and a change callback. */
export interface SessionContext {
  post: Pick<PostService, 'save' | 'read'>
  discardJournal: (file: string) => void
  editor: () => SessionEditor | null
  lane: SaveLane
  /** The session's state, error, conflict or text version changed. */
  changed: (session: PostSession) => void
  /** A save of this session finished (success or not): events held back meanwhile can be replayed. */
  settled: (session: PostSession) => void
  /** A save was refused because the file changed on disk (the window shows the conflict or a notice). */
  conflicted: (session: PostSession) => void
  /** Shows a notice (a failed save). */
  notify: (text: string, kind: 'info' | 'error') => void
  /**
   * The post was renamed on disk to `to`: the window moves the session there. Returns false (and
   * changes nothing) when `to` is already open in another session, whose text must not be replaced.
   */
  moved?: (session: PostSession, to: string) => boolean
}

interface PendingSave {
  force: boolean
  done: Promise<void>
}

/**
 * One open post: its disk version and saved text, its own save queue (one save in flight plus at
 * most one waiting, which keeps the strongest `force` asked for), its conflict, and the counters the
 * journal and dirty checks use. The text itself lives in the editor; `textVersion` counts its changes
 * so "did anything change?" never needs the whole text.
 */
export class PostSession {
  state: SessionState = 'saved'
  /** Content token of the file on disk (null: not on disk, e.g. deleted or never saved). */
  version: string | null
  /** The text last read from or written to disk. */
  savedText: string
  /** Bumped on every change of the post's text. */
  textVersion = 0
  /** `textVersion` at which the text was known to equal `savedText` (-1: unknown). */
  private savedTextVersion = 0
  /** `textVersion` of the last journal entry (-1: none). */
  journaledVersion = -1
  /** When the last journal entry was sent, or a paced post's first change was seen (ms, the journal's clock; 0: neither). */
  journaledAt = 0
  conflict: Conflict | null = null
  /** The disk changed while this post had unsaved edits (the banner offers reload or save). */
  externalChange = false
  /** Why the last save failed (cleared by the next successful one). */
  error: string | null = null
  private inFlight = false
  private pending: PendingSave | null = null

  constructor(public file: string, doc: { text: string; version: string | null }, private readonly ctx: SessionContext) {
    this.version = doc.version
    this.savedText = doc.text
    if (doc.version === null) this.state = 'orphaned'
  }

  /** True while a save of this post is in flight or waiting. */
  get busy(): boolean {
    return this.inFlight || this.pending !== null
  }

  /** True while a save of this post is in flight (its own watcher event must wait for the version it returns). */
  get writing(): boolean {
    return this.inFlight
  }

  private go(to: SessionState): void {
    if (to === this.state) return
    if (!SESSION_TRANSITIONS[this.state].includes(to)) {
      console.error(`inkpost: refused session transition ${this.state} → ${to} for ${this.file}`)
      return
    }
    this.state = to
  }

  private text(): string | null {
    return this.ctx.editor()?.textOf(this.file) ?? null
  }

  /**
   * True when the editor's text differs from the saved text. Cheap: a matching change counter
   * answers at once, a different length answers next; the whole text is compared only when the
   * lengths match (and the answer is remembered until the next change).
   */
  isDirty(): boolean {
    if (this.textVersion === this.savedTextVersion) return false
    const editor = this.ctx.editor()
    const length = editor?.lengthOf(this.file)
    if (length === null || length === undefined) return false
    if (length !== this.savedText.length) return true
    const same = editor!.textOf(this.file) === this.savedText
    if (same) this.savedTextVersion = this.textVersion
    return !same
  }

  /** Records a change of the text (typing, or a change the store applied) and updates saved/dirty. */
  noteChange(): void {
    this.textVersion++
    if (this.state === 'saved' || this.state === 'dirty') this.go(this.isDirty() ? 'dirty' : 'saved')
    this.ctx.changed(this)
  }

  /** The text now equals what the disk has (reload): `text`/`version` become the saved ones. */
  private adoptDisk(text: string, version: string | null): void {
    this.version = version
    this.savedText = text
    this.savedTextVersion = -1
    this.journaledVersion = -1
    this.conflict = null
    this.externalChange = false
    this.error = null
  }

  /** Replaces the editor's text (one undoable change) and records it. */
  private replaceText(text: string, userEvent: string): void {
    this.ctx.editor()?.setText(this.file, text, userEvent)
    this.noteChange()
  }

  /**
   * Saves the post; `force` overwrites a file that changed on disk. Never dropped: a save asked for
   * while one is in flight waits behind it (and behind the saves of other posts asked for earlier),
   * then saves the text the editor has by then. Resolves when that save finished.
   */
  save(force = false): Promise<void> {
    if (this.pending) {
      this.pending.force ||= force
      return this.pending.done
    }
    if (!force && !this.inFlight && this.state === 'saved' && this.textVersion === this.savedTextVersion) return Promise.resolve()
    const pending: PendingSave = { force, done: Promise.resolve() }
    this.pending = pending
    pending.done = this.ctx.lane.run(async () => {
      if (this.pending === pending) this.pending = null
      this.inFlight = true
      try {
        await this.write(pending.force)
      } finally {
        this.inFlight = false
        this.ctx.settled(this)
      }
    })
    return pending.done
  }

  private async write(force: boolean): Promise<void> {
    const text = this.text()
    if (text === null) return
    if (!force && this.state === 'conflict') return
    const readAt = this.textVersion
    if (!force && this.version !== null && (readAt === this.savedTextVersion || text === this.savedText)) {
      this.savedTextVersion = readAt
      if (this.state === 'dirty') { this.go('saved'); this.ctx.changed(this) }
      return
    }
    const before = this.state
    this.go('saving')
    this.ctx.changed(this)
    try {
      const saving = this.file
      const { version, file: movedTo } = await (force ? this.ctx.post.save(this.file, text, this.version, { force: true }) : this.ctx.post.save(this.file, text, this.version))
      if (movedTo && movedTo !== saving) {
        if (this.ctx.moved?.(this, movedTo) === false) {
          // the service wrote into the renamed file, which another session has open: that session
          // sees the change on disk (its own text is kept); this one keeps its text, no longer tied to a file
          this.savedText = text
          this.deletedOnDisk()
          this.ctx.notify(`${saving} was renamed on disk to ${movedTo}, which is open too: your text was saved into ${movedTo}. This copy stays open, unsaved.`, 'info')
          this.ctx.changed(this)
          return
        }
        this.ctx.notify(`${saving} was renamed on disk to ${movedTo}; your text was saved there.`, 'info')
      }
      this.version = version
      this.savedText = text
      this.savedTextVersion = readAt
      this.journaledVersion = -1
      this.conflict = null
      this.externalChange = false
      this.error = null
      this.ctx.discardJournal(this.file)
      this.go(this.isDirty() ? 'dirty' : 'saved')
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'conflict' && error.details?.reason === 'deleted') {
        // deleted on disk since it was read (the watcher missed it): the text stays, the next save creates it again
        this.deletedOnDisk()
        this.ctx.notify(error.message, 'error')
      } else if (error instanceof ServiceError && error.code === 'conflict' && error.details?.reason === 'renamed' && typeof error.details.renamedTo === 'string') {
        // renamed on disk (the same bytes now live under another name): follow it, keep the text
        // unsaved; the next save is an ordinary one there, checked against that file's version
        const from = this.file
        const to = error.details.renamedTo
        if (this.ctx.moved?.(this, to) === false) {
          this.deletedOnDisk()
          this.ctx.notify(`${from} was renamed on disk to ${to}, which is already open: your text stays here, unsaved. Copy what you need into ${to}, or save this one under a new name.`, 'error')
        } else {
          this.go('dirty')
          this.ctx.notify(`${from} was renamed on disk to ${to}: Inkpost followed it. Your changes are kept; saving writes them to ${to}.`, 'info')
        }
      } else if (error instanceof ServiceError && error.code === 'conflict') {
        const details = (error.details ?? {}) as Partial<Conflict>
        this.conflict = { diskText: String(details.diskText ?? ''), diskVersion: String(details.diskVersion ?? '') }
        this.go('conflict')
        this.ctx.conflicted(this)
      } else {
        this.error = error instanceof Error ? error.message : String(error)
        this.go(before === 'orphaned' ? 'orphaned' : 'dirty')
        this.ctx.notify(`Saving ${this.file} failed: ${this.error}`, 'error')
      }
    }
    this.ctx.changed(this)
  }

  /** Conflict: take the disk version (the editor's text is replaced; undo brings it back). */
  resolveReload(): void {
    const conflict = this.conflict
    if (!conflict) return
    this.adoptDisk(conflict.diskText, conflict.diskVersion)
    this.go('saved')
    this.ctx.discardJournal(this.file)
    this.replaceText(conflict.diskText, 'reload')
  }

  /** Conflict: overwrite the disk with the editor's text. */
  async resolveKeepMine(): Promise<void> {
    await this.save(true)
  }

  /** Conflict: put `text` (the writer's merge) into the editor as one undoable change and force-save it. */
  async resolveKeepMerged(text: string): Promise<void> {
    this.replaceText(text, 'input.merge')
    await this.save(true)
  }

  /** Drops the editor's changes and loads the disk version (the external-change banner's "Reload"). */
  async reloadFromDisk(): Promise<void> {
    const doc = await this.ctx.post.read(this.file)
    this.adoptDisk(doc.text, doc.version)
    if (this.state !== 'saving') this.go('saved')
    this.ctx.discardJournal(this.file)
    this.replaceText(doc.text, 'reload')
  }

  /**
   * The file changed on disk (watcher event with its new version). An unmodified post takes the
   * disk text ('reloaded'); a modified one keeps the writer's text and flags the change ('kept').
   */
  async diskChanged(version: string | null): Promise<'same' | 'kept' | 'reloaded'> {
    if (version !== null && version === this.version) return 'same'
    if (this.isDirty() || this.state === 'conflict') { this.externalChange = true; this.ctx.changed(this); return 'kept' }
    const doc = await this.ctx.post.read(this.file)
    if (doc.version === this.version) return 'same'
    if (this.isDirty() || this.busy) { this.externalChange = true; this.ctx.changed(this); return 'kept' }
    this.adoptDisk(doc.text, doc.version)
    if (this.state === 'orphaned') this.go('saved')
    this.replaceText(doc.text, 'reload')
    return 'reloaded'
  }

  /** The file was deleted on disk: the text stays in the editor, and saving creates the file again. */
  deletedOnDisk(): void {
    this.version = null
    this.conflict = null
    this.externalChange = false
    this.go('orphaned')
    this.ctx.changed(this)
  }

  /** Puts restored (journaled) text into the editor as an unsaved change. */
  restore(text: string): void {
    this.replaceText(text, 'input.recovery')
  }
}
