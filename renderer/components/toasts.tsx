import type { Toast } from '../state/workspace-store'

/** Transient notices in the corner (`toast`). */
export function Toasts({ toasts }: { toasts: Toast[] }) {
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast--${t.kind}`} data-testid="toast" role={t.kind === 'error' ? 'alert' : 'status'}>{t.text}</div>
      ))}
    </div>
  )
}
