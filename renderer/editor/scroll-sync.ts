import type { Extension } from '@codemirror/state'
import { ViewPlugin, type EditorView } from '@codemirror/view'

interface Anchor {
  line: number
  top: number
}

/**
 * Two-way scroll sync between the editor and the preview by source position: preview blocks carry
 * `data-line` (their first source line); positions between two blocks are interpolated. A scroll
 * caused by the sync itself is ignored on the other side, so the panes never fight.
 */
export class ScrollSync {
  private view: EditorView | null = null
  private preview: HTMLElement | null = null
  private ignoreEditorUntil = 0
  private ignorePreviewUntil = 0
  private frame = 0
  /** The pane the user last pointed at, scrolled with the wheel, clicked or typed in; only its scrolling is mirrored. */
  private driver: 'editor' | 'preview' | null = null
  /** False while something else (an outline click) positions both panes. */
  enabled = true

  private readonly previewIsDriver = () => { this.driver = 'preview' }
  private readonly editorIsDriver = () => { this.driver = 'editor' }
  private static readonly DRIVER_EVENTS = ['pointerenter', 'pointerdown', 'wheel', 'touchstart', 'focusin', 'keydown'] as const

  private readonly onPreviewScroll = () => {
    if (!this.enabled || this.driver === 'editor' || performance.now() < this.ignorePreviewUntil) return
    cancelAnimationFrame(this.frame)
    this.frame = requestAnimationFrame(() => this.syncEditorToPreview())
  }

  /** Connects the preview's scroll container (or disconnects with null). */
  attachPreview(element: HTMLElement | null): void {
    this.preview?.removeEventListener('scroll', this.onPreviewScroll)
    for (const type of ScrollSync.DRIVER_EVENTS) this.preview?.removeEventListener(type, this.previewIsDriver)
    this.preview = element
    element?.addEventListener('scroll', this.onPreviewScroll, { passive: true })
    for (const type of ScrollSync.DRIVER_EVENTS) element?.addEventListener(type, this.previewIsDriver, { passive: true })
  }

  /** Connects the editor view (done by the extension). */
  attachEditor(view: EditorView | null): void {
    for (const type of ScrollSync.DRIVER_EVENTS) this.view?.dom.removeEventListener(type, this.editorIsDriver)
    this.view = view
    for (const type of ScrollSync.DRIVER_EVENTS) view?.dom.addEventListener(type, this.editorIsDriver, { passive: true })
  }

  private anchors(): Anchor[] {
    const preview = this.preview
    if (!preview) return []
    const base = preview.getBoundingClientRect().top - preview.scrollTop
    const out: Anchor[] = [{ line: 1, top: 0 }]
    for (const el of Array.from(preview.querySelectorAll<HTMLElement>('[data-line]'))) {
      const line = Number(el.dataset.line)
      if (!Number.isFinite(line)) continue
      const top = el.getBoundingClientRect().top - base
      if (line > out[out.length - 1].line && top >= out[out.length - 1].top) out.push({ line, top })
    }
    return out
  }

  /** The editor's top visible position as a fractional source line. */
  private editorTopLine(view: EditorView): number {
    const top = view.scrollDOM.scrollTop
    const block = view.lineBlockAtHeight(top)
    const line = view.state.doc.lineAt(block.from).number
    return line + (block.height > 0 ? Math.min(1, Math.max(0, (top - block.top) / block.height)) : 0)
  }

  /** Scrolls the preview to the editor's top line. */
  syncPreviewToEditor(): void {
    const view = this.view
    const preview = this.preview
    if (!this.enabled || !view || !preview) return
    const anchors = this.anchors()
    if (anchors.length < 2) return
    const line = this.editorTopLine(view)
    let i = 0
    while (i + 1 < anchors.length && anchors[i + 1].line <= line) i++
    const a = anchors[i]
    const b = anchors[i + 1]
    const top = b ? a.top + ((line - a.line) / (b.line - a.line)) * (b.top - a.top) : a.top
    this.ignorePreviewUntil = performance.now() + 120
    preview.scrollTop = Math.max(0, top - 12)
  }

  /** Scrolls the editor to the source line of the preview's top block. */
  syncEditorToPreview(): void {
    const view = this.view
    const preview = this.preview
    if (!view || !preview) return
    const anchors = this.anchors()
    if (anchors.length < 2) return
    const y = preview.scrollTop + 12
    let i = 0
    while (i + 1 < anchors.length && anchors[i + 1].top <= y) i++
    const a = anchors[i]
    const b = anchors[i + 1]
    const line = b && b.top > a.top ? a.line + ((y - a.top) / (b.top - a.top)) * (b.line - a.line) : a.line
    const whole = Math.min(view.state.doc.lines, Math.max(1, Math.floor(line)))
    const block = view.lineBlockAt(view.state.doc.line(whole).from)
    this.ignoreEditorUntil = performance.now() + 120
    view.scrollDOM.scrollTop = block.top + (line - whole) * block.height
  }

  /** The CodeMirror side: follows editor scrolling. */
  extension(): Extension {
    return scrollSync(this)
  }

  /** Called on editor scroll events. */
  editorScrolled(): void {
    if (!this.enabled || this.driver === 'preview' || performance.now() < this.ignoreEditorUntil) return
    cancelAnimationFrame(this.frame)
    this.frame = requestAnimationFrame(() => this.syncPreviewToEditor())
  }
}

/** Editor half of scroll sync: reports editor scrolling to `sync` and registers the view with it. */
export function scrollSync(sync: ScrollSync): Extension {
  return ViewPlugin.fromClass(class {
    private readonly onScroll = () => sync.editorScrolled()
    constructor(private readonly view: EditorView) {
      sync.attachEditor(view)
      view.scrollDOM.addEventListener('scroll', this.onScroll, { passive: true })
    }
    destroy() {
      this.view.scrollDOM.removeEventListener('scroll', this.onScroll)
      sync.attachEditor(null)
    }
  })
}
