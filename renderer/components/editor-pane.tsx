import { memo, useEffect, useRef } from 'react'
import { EditorHost } from '../editor/editor-host'
import { basicEditing } from '../editor/basic-editing'
import { markdownWithMdc } from '../editor/markdown-language'
import { editorTheme } from '../editor/editor-theme'
import { markdownShortcuts } from '../editor/markdown-shortcuts'
import { imeSafeAutosave } from '../editor/ime-safe-autosave'
import { editorEvents } from '../editor/editor-events'
import type { ScrollSync } from '../editor/scroll-sync'
import type { CursorInfo } from './status-bar'
import { AUTOSAVE_DELAY_MS } from '../state/workspace-store'

/** Props of the editor pane. */
export interface EditorPaneProps {
  onReady: (host: EditorHost | null) => void
  onDocChange: (text: string) => void
  onCursor: (cursor: CursorInfo) => void
  onSave: () => void
  scrollSync: ScrollSync
  hidden: boolean
}

/** Mounts the CodeMirror editor (once) with the writing extensions; the store drives which post it shows. */
export const EditorPane = memo(function EditorPane({ onReady, onDocChange, onCursor, onSave, scrollSync, hidden }: EditorPaneProps) {
  const parent = useRef<HTMLDivElement>(null)
  const callbacks = useRef({ onDocChange, onCursor, onSave })
  callbacks.current = { onDocChange, onCursor, onSave }
  useEffect(() => {
    const host = new EditorHost(parent.current!, [
      basicEditing(),
      markdownWithMdc(),
      editorTheme(),
      markdownShortcuts({ save: () => callbacks.current.onSave() }),
      imeSafeAutosave({ delay: AUTOSAVE_DELAY_MS, save: () => callbacks.current.onSave() }),
      editorEvents({
        onDocChange: (state) => callbacks.current.onDocChange(state.doc.toString()),
        onCursor: (state) => {
          const head = state.selection.main.head
          const line = state.doc.lineAt(head)
          const selected = state.selection.ranges.reduce((n, r) => n + (r.to - r.from), 0)
          callbacks.current.onCursor({ line: line.number, column: head - line.from + 1, selected })
        },
      }),
      scrollSync.extension(),
    ])
    onReady(host)
    return () => { onReady(null); host.destroy() }
  }, [onReady, scrollSync])
  return <div className="editor" data-testid="editor" ref={parent} hidden={hidden} />
})
