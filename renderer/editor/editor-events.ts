import type { EditorState, Extension } from '@codemirror/state'
import { EditorView, ViewPlugin } from '@codemirror/view'

/** Callbacks for what the window shows about the editor. */
export interface EditorEventHandlers {
  /** The document changed (typing, paste, undo, form edits). */
  onDocChange: (state: EditorState) => void
  /** The cursor or selection moved. */
  onCursor: (state: EditorState) => void
}

/** Reports document and cursor changes to the window (status bar, form, preview). */
export function editorEvents(handlers: EditorEventHandlers): Extension {
  return [
    EditorView.updateListener.of((update) => {
      if (update.docChanged) handlers.onDocChange(update.state)
      if (update.docChanged || update.selectionSet) handlers.onCursor(update.state)
    }),
    // plugins are rebuilt when another post's state is shown: report its cursor right away
    ViewPlugin.define((view) => {
      queueMicrotask(() => handlers.onCursor(view.state))
      return {}
    }),
  ]
}
