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
  /** scrollTop values the sync itself set last; a scroll event that lands there is our own echo, not the user's. */
  private ownEditorTop: number | null = null
  private ownPreviewTop: number | null = null
  private frame = 0
  /** The pane the user last pointed at, scrolled with the wheel, clicked or typed in; only its scrolling is mirrored. */
  private driver: 'editor' | 'preview' | null = null
  /** False while something else (an outline click) positions both panes. */
  enabled = true

  private readonly previewIsDriver = () => { this.driver = 'preview' }
  private readonly editorIsDriver = () => { this.driver = 'editor' }
  private static readonly DRIVER_EVENTS = ['pointerenter', 'pointerdown', 'wheel', 'touchstart', 'focusin', 'keydown'] as const

  private readonly onPreviewScroll = () => {
    if (!this.enabled || this.driver === 'editor' || !this.preview || isEcho(this.preview.scrollTop, this.ownPreviewTop)) return
    this.ownPreviewTop = null
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
    // both ends are pinned: the editor at its end shows the post's end, so must the preview
    const target = atEnd(view.scrollDOM) ? preview.scrollHeight - preview.clientHeight : view.scrollDOM.scrollTop <= 0 ? 0 : Math.max(0, top - 12)
    preview.scrollTop = target
    this.ownPreviewTop = preview.scrollTop
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
    const scroller = view.scrollDOM
    scroller.scrollTop = atEnd(preview) ? scroller.scrollHeight - scroller.clientHeight : preview.scrollTop <= 0 ? 0 : block.top + (line - whole) * block.height
    this.ownEditorTop = scroller.scrollTop
  }

  /** The CodeMirror side: follows editor scrolling. */
  extension(): Extension {
    return scrollSync(this)
  }

  /** Called on editor scroll events. */
  editorScrolled(): void {
    if (!this.enabled || this.driver === 'preview' || !this.view || isEcho(this.view.scrollDOM.scrollTop, this.ownEditorTop)) return
    this.ownEditorTop = null
    cancelAnimationFrame(this.frame)
    this.frame = requestAnimationFrame(() => this.syncPreviewToEditor())
  }
}

/** True when `top` is (within rounding) the scroll position the sync itself set. */
function isEcho(top: number, own: number | null): boolean {
  return own !== null && Math.abs(top - own) < 2
}

/** True when a scroll container is scrolled to (within a pixel of) its end. */
function atEnd(el: HTMLElement): boolean {
  return el.scrollHeight - el.clientHeight > 0 && el.scrollTop >= el.scrollHeight - el.clientHeight - 1
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
