import { useEffect, useRef, type ReactNode } from 'react'

/** Props of a modal dialog. */
export interface ModalProps {
  testId: string
  title: string
  children: ReactNode
  /** Escape / backdrop click. */
  onCancel?: () => void
  wide?: boolean
}

/** A modal dialog with a title; focuses its first field or button, closes on Escape. */
export function Modal({ testId, title, children, onCancel, wide }: ModalProps) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const first = ref.current?.querySelector<HTMLElement>('input, textarea, select, button.primary, button')
    first?.focus()
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && onCancel) { event.preventDefault(); onCancel() }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onCancel])
  return (
    <div className="modal-backdrop" onMouseDown={(e) => { if (e.target === e.currentTarget) onCancel?.() }}>
      <div ref={ref} className={wide ? 'modal modal--wide' : 'modal'} role="dialog" aria-modal="true" aria-label={title} data-testid={testId}>
        <h2 className="modal__title">{title}</h2>
        {children}
      </div>
    </div>
  )
}
