import { useRef } from 'react'

/** Props of a pane divider. */
export interface ResizeHandleProps {
  /** Called while dragging with the horizontal (or vertical) distance moved since the drag started. */
  onDrag: (delta: number) => void
  /** Called once when the drag ends (to remember the layout). */
  onDragEnd?: () => void
  orientation?: 'vertical' | 'horizontal'
  label: string
}

/** A draggable divider between panes (pointer capture, so fast drags over the editor or preview do not lose it). */
export function ResizeHandle({ onDrag, onDragEnd, orientation = 'vertical', label }: ResizeHandleProps) {
  const start = useRef<number | null>(null)
  return (
    <div
      className={`resize-handle resize-handle--${orientation}`}
      role="separator"
      aria-orientation={orientation}
      aria-label={label}
      onPointerDown={(e) => {
        start.current = orientation === 'vertical' ? e.clientX : e.clientY
        e.currentTarget.setPointerCapture(e.pointerId)
        document.body.classList.add('is-resizing')
      }}
      onPointerMove={(e) => {
        if (start.current === null) return
        onDrag((orientation === 'vertical' ? e.clientX : e.clientY) - start.current)
      }}
      onPointerUp={(e) => {
        if (start.current === null) return
        start.current = null
        e.currentTarget.releasePointerCapture(e.pointerId)
        document.body.classList.remove('is-resizing')
        onDragEnd?.()
      }}
    />
  )
}
