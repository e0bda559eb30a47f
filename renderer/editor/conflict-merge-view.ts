import { EditorState, Prec, type Extension } from '@codemirror/state'
import { EditorView, drawSelection, keymap, lineNumbers } from '@codemirror/view'
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands'
import { MergeView, goToNextChunk, goToPreviousChunk } from '@codemirror/merge'
import { markdownWithMdc } from './markdown-language'
import { editorTheme } from './editor-theme'
import { lineChanges } from './line-changes'

/** What the conflict dialog holds on to: the merged text (your side) and the number of chunks still differing. */
export interface ConflictMerge {
  readonly view: MergeView
  /** Changed chunks left between the disk version and your side. */
  chunkCount(): number
  /** Text of your side, including the chunks taken from disk and any edits made in the dialog. */
  mergedText(): string
  destroy(): void
}

/** Options of {@link conflictMergeView}. */
export interface ConflictMergeOptions {
  parent: HTMLElement
  disk: string
  mine: string
  /** Called with the new chunk count after your side changed (a chunk taken from disk, an edit). */
  onChunksChange?: (count: number) => void
}

/**
 * Layout of the merge view inside the dialog; colours come from CSS variables set on `.conflict-merge`
 * in app.css (light and dark), so it follows the app's theme like the main editor does.
 */
const mergeTheme = EditorView.theme({
  '&': { height: 'auto', fontSize: '12.5px' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.55' },
  '.cm-content': { padding: '6px 0', maxWidth: 'none', margin: '0' },
  '.cm-line': { padding: '0 10px 0 6px' },
  '.cm-gutters': { display: 'flex', backgroundColor: 'var(--chrome-bg)', color: 'var(--muted)', borderRight: '1px solid var(--border)' },
  '.cm-lineNumbers .cm-gutterElement': { minWidth: '3ch', padding: '0 4px 0 6px' },
  '&.cm-merge-a .cm-changedLine': { backgroundColor: 'var(--merge-disk-line)' },
  '&.cm-merge-b .cm-changedLine': { backgroundColor: 'var(--merge-mine-line)' },
  '&.cm-merge-a .cm-changedText': { background: 'var(--merge-disk-text)', borderRadius: '2px' },
  '&.cm-merge-b .cm-changedText': { background: 'var(--merge-mine-text)', borderRadius: '2px' },
  '&.cm-merge-a .cm-changedLineGutter': { background: 'var(--danger)' },
  '&.cm-merge-b .cm-changedLineGutter': { background: 'var(--ok)' },
  '.cm-collapsedLines': { color: 'var(--muted)', background: 'var(--chrome-bg-2)', fontFamily: 'var(--font-ui)', fontSize: '12px' },
  // the default ⦚ marks are missing from the app's fonts
  '.cm-collapsedLines:before, .cm-collapsedLines:after': { content: '"⋯"' },
})

/** Extensions both sides share: the editor's markdown language and colours, line numbers, wrapping. */
function sideExtensions(label: string): Extension {
  return [
    markdownWithMdc(),
    editorTheme(),
    Prec.high(mergeTheme),
    lineNumbers(),
    EditorView.lineWrapping,
    EditorView.contentAttributes.of({ 'aria-label': label }),
  ]
}

/** The button between the two sides that takes one chunk from disk into your side. */
function takeFromDiskButton(): HTMLElement {
  const button = document.createElement('button')
  button.type = 'button'
  button.className = 'conflict-merge__take'
  button.textContent = '→'
  button.title = 'Use the disk version of this change'
  button.setAttribute('aria-label', 'Use the disk version of this change')
  button.dataset.testid = 'conflict-take-disk'
  return button
}

/**
 * Side-by-side compare for a save conflict: the disk version (read-only) on the left, yours
 * (editable) on the right, changes highlighted and long unchanged runs collapsed. Each changed chunk
 * has a → button that takes the disk version of that chunk into your side; `mergedText()` reads your
 * side back for "Keep merged". Diffs line by line first (`lineChanges`) so thousands of changed lines
 * still show as separate chunks.
 */
export function conflictMergeView({ parent, disk, mine, onChunksChange }: ConflictMergeOptions): ConflictMerge {
  let lastCount = -1
  // the merge view updates its chunks before it hands your side the transaction, so they are current here
  const report = () => {
    const count = view.chunks.length
    if (count === lastCount) return
    lastCount = count
    onChunksChange?.(count)
  }
  const view: MergeView = new MergeView({
    parent,
    a: {
      doc: disk,
      extensions: [sideExtensions('Version on disk'), EditorState.readOnly.of(true), EditorView.editable.of(false)],
    },
    b: {
      doc: mine,
      extensions: [
        sideExtensions('Your version (editable)'),
        history(),
        drawSelection(),
        keymap.of([{ key: 'Mod-ArrowDown', run: goToNextChunk }, { key: 'Mod-ArrowUp', run: goToPreviousChunk }, ...defaultKeymap, ...historyKeymap]),
        EditorView.updateListener.of((update) => { if (update.docChanged) report() }),
      ],
    },
    revertControls: 'a-to-b',
    renderRevertControl: takeFromDiskButton,
    collapseUnchanged: { margin: 3, minSize: 4 },
    diffConfig: { override: lineChanges },
  })
  lastCount = view.chunks.length
  return {
    view,
    chunkCount: () => view.chunks.length,
    mergedText: () => view.b.state.doc.toString(),
    destroy: () => view.destroy(),
  }
}
