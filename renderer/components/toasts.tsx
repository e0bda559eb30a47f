import type { Toast } from '../state/workspace-store'

/** Transient notices in the corner (`toast`), each with an optional action button (`toast-action`, e.g. Undo). */
export function Toasts({ toasts, onDismiss }: { toasts: Toast[]; onDismiss?: (id: number) => void }) {
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast--${t.kind}${t.action ? ' toast--with-action' : ''}`} data-testid="toast" role={t.kind === 'error' ? 'alert' : 'status'}>
          <span className="toast__text">{t.text}</span>
          {t.action ? <button type="button" className="toast__action" data-testid="toast-action" onClick={() => { onDismiss?.(t.id); t.action!.run() }}>{t.action.label}</button> : null}
        </div>
      ))}
    </div>
  )
}
