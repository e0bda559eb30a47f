import { EditorSelection, EditorState, type Extension } from '@codemirror/state'
import { EditorView } from '@codemirror/view'
import { isComposing } from './ime-safe-autosave'

/** The smallest single change turning `from` into `to` (common prefix and suffix kept), so undo and the cursor stay sensible. */
export function minimalChange(from: string, to: string): { from: number; to: number; insert: string } | null {
  if (from === to) return null
  let start = 0
  const max = Math.min(from.length, to.length)
  while (start < max && from.charCodeAt(start) === to.charCodeAt(start)) start++
  let endA = from.length
  let endB = to.length
  while (endA > start && endB > start && from.charCodeAt(endA - 1) === to.charCodeAt(endB - 1)) { endA--; endB-- }
  return { from: start, to: endA, insert: to.slice(start, endB) }
}

/**
 * Owns the one CodeMirror view and an EditorState per open post, so each post keeps its own undo
 * history, selection and scroll. Changes from outside (reload from disk, form edits) are applied as
 * minimal changes and are deferred while an IME composition is running.
 */
export class EditorHost {
  readonly view: EditorView
  private readonly states = new Map<string, EditorState>()
  private readonly scrollTops = new Map<string, number>()
  private activeFile: string | null = null
  private readonly deferred: Array<() => void> = []

  constructor(parent: HTMLElement, private readonly extensions: Extension) {
    this.view = new EditorView({ parent, state: EditorState.create({ doc: '', extensions: [extensions, EditorState.readOnly.of(true), EditorView.editable.of(false)] }) })
    this.view.contentDOM.addEventListener('compositionend', () => setTimeout(() => this.runDeferred(), 0))
  }

  /** The file shown in the editor, or null. */
  get file(): string | null {
    return this.activeFile
  }

  /** Current text of `file` (the live view for the active one). */
  textOf(file: string): string | null {
    if (file === this.activeFile) return this.view.state.doc.toString()
    return this.states.get(file)?.doc.toString() ?? null
  }

  /** Length of the text of `file` without building the string (cheap dirty checks), or null when it is not open. */
  lengthOf(file: string): number | null {
    if (file === this.activeFile) return this.view.state.doc.length
    return this.states.get(file)?.doc.length ?? null
  }

  /** True when `file` has an editor state (was opened in this window). */
  has(file: string): boolean {
    return file === this.activeFile || this.states.has(file)
  }

  /** Shows `file`; creates its state from `text` the first time (or when `fresh`), otherwise restores its history and selection. */
  show(file: string, text: string, fresh = false): void {
    if (this.activeFile) {
      this.states.set(this.activeFile, this.view.state)
      this.scrollTops.set(this.activeFile, this.view.scrollDOM.scrollTop)
    }
    let state = fresh ? undefined : this.states.get(file)
    if (!state) state = EditorState.create({ doc: text, extensions: this.extensions, selection: EditorSelection.cursor(0) })
    this.activeFile = file
    this.view.setState(state)
    const top = fresh ? 0 : this.scrollTops.get(file) ?? 0
    requestAnimationFrame(() => { this.view.scrollDOM.scrollTop = top })
  }

  /** Closes the editor state of `file` (deleted, renamed away, reloaded in background). */
  forget(file: string): void {
    this.states.delete(file)
    this.scrollTops.delete(file)
    if (file === this.activeFile) {
      this.activeFile = null
      this.view.setState(EditorState.create({ doc: '', extensions: [this.extensions, EditorState.readOnly.of(true), EditorView.editable.of(false)] }))
    }
  }

  /** Moves the state of `from` to `to` after a rename. */
  rename(from: string, to: string): void {
    if (this.activeFile === from) this.activeFile = to
    const state = this.states.get(from)
    if (state) { this.states.delete(from); this.states.set(to, state) }
  }

  /**
   * Replaces the text of `file` with `text` as one minimal change (undoable). For the active file
   * this waits until no IME composition is running. `userEvent` tells listeners why ('reload', 'input.form').
   */
  setText(file: string, text: string, userEvent: string): void {
    const apply = () => {
      if (file === this.activeFile) {
        const change = minimalChange(this.view.state.doc.toString(), text)
        if (change) this.view.dispatch({ changes: change, userEvent })
      } else {
        const state = this.states.get(file)
        if (!state) return
        const change = minimalChange(state.doc.toString(), text)
        if (change) this.states.set(file, state.update({ changes: change, userEvent }).state)
      }
    }
    if (file === this.activeFile && isComposing(this.view)) this.deferred.push(apply)
    else apply()
  }

  /** Runs `fn` now, or right after the running IME composition ends. */
  whenNotComposing(fn: () => void): void {
    if (isComposing(this.view)) this.deferred.push(fn)
    else fn()
  }

  private runDeferred(): void {
    if (isComposing(this.view)) return
    const jobs = this.deferred.splice(0)
    for (const job of jobs) job()
  }

  /** Puts the cursor at the start of `line` (1-based) and scrolls it to the top of the editor. */
  revealLine(line: number, focus = true): void {
    const doc = this.view.state.doc
    const pos = doc.line(Math.min(Math.max(1, line), doc.lines)).from
    this.whenNotComposing(() => {
      this.view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'start', yMargin: 16 }) })
      if (focus) this.view.focus()
    })
  }

  /** Selects `from`..`to` (clamped to the document), scrolls it into view and focuses the editor. */
  revealRange(from: number, to: number = from): void {
    this.whenNotComposing(() => {
      const length = this.view.state.doc.length
      const anchor = Math.min(Math.max(0, from), length)
      const head = Math.min(Math.max(anchor, to), length)
      this.view.dispatch({ selection: { anchor, head }, effects: EditorView.scrollIntoView(anchor, { y: 'center' }) })
      this.view.focus()
    })
  }

  /** Applies edits (offsets into the current text) as one undoable change, e.g. a quick fix. */
  applyEdits(edits: Array<{ from: number; to: number; insert: string }>, userEvent = 'input.fix'): boolean {
    const length = this.view.state.doc.length
    if (edits.some((e) => e.from < 0 || e.to > length || e.from > e.to)) return false
    this.view.dispatch({ changes: [...edits].sort((a, b) => a.from - b.from), userEvent })
    return true
  }

  /** Focuses the editor with the cursor at the end of the document (e.g. for a new post). */
  focusEnd(): void {
    this.whenNotComposing(() => {
      const end = this.view.state.doc.length
      this.view.dispatch({ selection: { anchor: end }, scrollIntoView: true })
      this.view.focus()
    })
  }

  /** Destroys the view. */
  destroy(): void {
    this.view.destroy()
  }
}
