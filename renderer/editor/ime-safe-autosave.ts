import type { Extension } from '@codemirror/state'
import { ViewPlugin, type EditorView, type ViewUpdate } from '@codemirror/view'
import { pacedInterval } from '../state/paced-interval'

/** Options of the autosave: how long typing must pause, and what saving means. */
export interface AutosaveOptions {
  /** Idle time after the last change, in ms (1000 for "1 s after typing stops"); longer for posts over 1 MB ({@link pacedInterval}). */
  delay: number
  /** Saves the document now; called only while no IME composition is running. */
  save: (view: EditorView) => void
}

/** True while an IME composition (Korean, Japanese, …) is in progress and the doc must not be touched from outside. */
export function isComposing(view: EditorView): boolean {
  return view.composing || view.compositionStarted
}

/**
 * Autosave that never interrupts an IME composition: saves `delay` ms after the last change (per
 * started MB for a post over 1 MB, so a huge post is not sent on every pause in typing), when
 * the window loses focus or is hidden — but while a composition is running it waits for
 * `compositionend` and saves right after, so Hangul syllables being composed are never cut.
 */
export function imeSafeAutosave(options: AutosaveOptions): Extension {
  return ViewPlugin.fromClass(class {
    private timer: ReturnType<typeof setTimeout> | null = null
    private pending = false
    private changedSinceSave = false
    private readonly onBlur = () => this.flush()
    private readonly onVisibility = () => { if (document.visibilityState === 'hidden') this.flush() }
    private readonly onCompositionEnd = () => {
      if (!this.pending) return
      this.pending = false
      // let CodeMirror apply the composed text first
      setTimeout(() => this.fire(), 0)
    }

    constructor(private readonly view: EditorView) {
      window.addEventListener('blur', this.onBlur)
      document.addEventListener('visibilitychange', this.onVisibility)
      view.contentDOM.addEventListener('compositionend', this.onCompositionEnd)
    }

    update(update: ViewUpdate) {
      if (!update.docChanged) return
      const fromOutside = update.transactions.every((tr) => tr.isUserEvent('reload') || tr.isUserEvent('load'))
      if (fromOutside) return
      this.changedSinceSave = true
      this.schedule()
    }

    private schedule() {
      if (this.timer) clearTimeout(this.timer)
      this.timer = setTimeout(() => this.fire(), pacedInterval(options.delay, this.view.state.doc.length))
    }

    private fire() {
      this.timer = null
      if (!this.changedSinceSave) return
      if (isComposing(this.view)) {
        this.pending = true
        return
      }
      this.changedSinceSave = false
      options.save(this.view)
    }

    flush() {
      if (this.timer) clearTimeout(this.timer)
      this.fire()
    }

    destroy() {
      if (this.timer) clearTimeout(this.timer)
      window.removeEventListener('blur', this.onBlur)
      document.removeEventListener('visibilitychange', this.onVisibility)
      this.view.contentDOM.removeEventListener('compositionend', this.onCompositionEnd)
    }
  })
}
