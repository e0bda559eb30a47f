import { memo, useEffect, useRef } from 'react'
import { EditorHost } from '../editor/editor-host'
import { basicEditing } from '../editor/basic-editing'
import { markdownWithMdc } from '../editor/markdown-language'
import { editorTheme } from '../editor/editor-theme'
import { markdownShortcuts } from '../editor/markdown-shortcuts'
import { imeSafeAutosave } from '../editor/ime-safe-autosave'
import { editorEvents } from '../editor/editor-events'
import type { ScrollSync } from '../editor/scroll-sync'
import { imageDrop } from '../editor/image-drop'
import { brokenImageMarks } from '../editor/broken-image-marks'
import { problemMarks } from '../editor/problem-marks'
import type { ImportedImage } from '../../shared/services/assets-service'
import type { CursorInfo } from './status-bar'
import { AUTOSAVE_DELAY_MS } from '../state/workspace-store'

/** Props of the editor pane. */
export interface EditorPaneProps {
  onReady: (host: EditorHost | null) => void
  /** The shown post's text changed (read it from the host when needed; no copy is made per keystroke). */
  onDocChange: () => void
  onCursor: (cursor: CursorInfo) => void
  onSave: () => void
  /** Imports one dropped or pasted image for the open post. */
  onImportImage: (file: File, onProgress: (fraction: number) => void) => Promise<ImportedImage>
  /** Shows a message to the writer. */
  notify: (message: string, kind: 'info' | 'error') => void
  /** Figures were inserted. */
  onImagesInserted: (images: ImportedImage[]) => void
  scrollSync: ScrollSync
  hidden: boolean
}

/** Mounts the CodeMirror editor (once) with the writing extensions; the store drives which post it shows. */
export const EditorPane = memo(function EditorPane({ onReady, onDocChange, onCursor, onSave, onImportImage, notify, onImagesInserted, scrollSync, hidden }: EditorPaneProps) {
  const parent = useRef<HTMLDivElement>(null)
  const callbacks = useRef({ onDocChange, onCursor, onSave, onImportImage, notify, onImagesInserted })
  callbacks.current = { onDocChange, onCursor, onSave, onImportImage, notify, onImagesInserted }
  useEffect(() => {
    const host = new EditorHost(parent.current!, [
      basicEditing(),
      markdownWithMdc(),
      editorTheme(),
      markdownShortcuts({ save: () => callbacks.current.onSave() }),
      imeSafeAutosave({ delay: AUTOSAVE_DELAY_MS, save: () => callbacks.current.onSave() }),
      editorEvents({
        onDocChange: () => callbacks.current.onDocChange(),
        onCursor: (state) => {
          const head = state.selection.main.head
          const line = state.doc.lineAt(head)
          const selected = state.selection.ranges.reduce((n, r) => n + (r.to - r.from), 0)
          callbacks.current.onCursor({ line: line.number, column: head - line.from + 1, selected })
        },
      }),
      scrollSync.extension(),
      imageDrop({
        importImage: (file, onProgress) => callbacks.current.onImportImage(file, onProgress),
        notify: (message, kind) => callbacks.current.notify(message, kind),
        onInserted: (images) => callbacks.current.onImagesInserted(images),
      }),
      brokenImageMarks(),
      problemMarks(),
    ])
    onReady(host)
    return () => { onReady(null); host.destroy() }
  }, [onReady, scrollSync])
  return <div className="editor" data-testid="editor" ref={parent} hidden={hidden} />
})
