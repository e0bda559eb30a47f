import { useRef } from 'react'

/** Props of a pane divider. */
export interface ResizeHandleProps {
  /** Called when a drag (or an arrow-key step) begins, before the first `onDrag`. */
  onDragStart?: () => void
  /** Called while dragging with the horizontal (or vertical) distance moved since the drag started. */
  onDrag: (delta: number) => void
  /** Called once when the drag ends (to remember the layout). */
  onDragEnd?: () => void
  /** Double-click: back to the pane's natural size (when it has one). */
  onReset?: () => void
  orientation?: 'vertical' | 'horizontal'
  label: string
}

/** How far one arrow-key press moves a focused divider, in px (Shift: five times as far). */
const KEY_STEP = 16

/**
 * A draggable divider between panes (pointer capture, so fast drags over the editor or preview do
 * not lose it). Focusable: the arrow keys move it too, for people who do not drag.
 */
export function ResizeHandle({ onDragStart, onDrag, onDragEnd, onReset, orientation = 'vertical', label }: ResizeHandleProps) {
  const start = useRef<number | null>(null)
  const end = () => {
    if (start.current === null) return
    start.current = null
    document.body.classList.remove('is-resizing', 'is-resizing-rows')
    onDragEnd?.()
  }
  return (
    <div
      className={`resize-handle resize-handle--${orientation}`}
      role="separator"
      tabIndex={0}
      aria-orientation={orientation}
      aria-label={label}
      title={onReset ? `${label} (drag; double-click for the natural size)` : `${label} (drag)`}
      onPointerDown={(e) => {
        start.current = orientation === 'vertical' ? e.clientX : e.clientY
        onDragStart?.()
        e.currentTarget.setPointerCapture(e.pointerId)
        document.body.classList.add(orientation === 'vertical' ? 'is-resizing' : 'is-resizing-rows')
      }}
      onPointerMove={(e) => {
        if (start.current === null) return
        onDrag((orientation === 'vertical' ? e.clientX : e.clientY) - start.current)
      }}
      onPointerUp={(e) => {
        if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId)
        end()
      }}
      onLostPointerCapture={end}
      onDoubleClick={onReset}
      onKeyDown={(e) => {
        const back = orientation === 'vertical' ? 'ArrowLeft' : 'ArrowUp'
        const forward = orientation === 'vertical' ? 'ArrowRight' : 'ArrowDown'
        if (e.key !== back && e.key !== forward) return
        e.preventDefault()
        onDragStart?.()
        onDrag((e.key === forward ? 1 : -1) * KEY_STEP * (e.shiftKey ? 5 : 1))
        onDragEnd?.()
      }}
    />
  )
}
