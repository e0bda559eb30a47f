import { useCallback, useEffect, useRef, useState } from 'react'
import type { RestoreResult, TrashEntry } from '../../shared/services/post-service'
import { Modal } from './modal'

/** Props of the trash view. */
export interface TrashDialogProps {
  /** Lists the site's deleted posts (`post.trashList`). */
  load: () => Promise<TrashEntry[]>
  /** Restores one (`post.restore` through the store, which refreshes the library and says where it went). */
  onRestore: (id: string) => Promise<RestoreResult>
  onClose: () => void
}

function when(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })
}

/**
 * The Trash (`trash-dialog`): the site's deleted posts, newest first (`trash-item` rows with title,
 * file and when), each with Restore (`trash-restore`). Restoring never overwrites a post.
 */
export function TrashDialog({ load, onRestore, onClose }: TrashDialogProps) {
  const [entries, setEntries] = useState<TrashEntry[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  // the list is loaded when the view opens and after each restore, not on every render of the window
  const loadRef = useRef(load)
  loadRef.current = load
  const reload = useCallback(async () => {
    try {
      setEntries(await loadRef.current())
      setError(null)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
  }, [])
  useEffect(() => { void reload() }, [reload])
  const restore = async (id: string) => {
    setBusy(id)
    try {
      await onRestore(id)
    } catch (e) {
      setError(`Not restored: ${e instanceof Error ? e.message : String(e)}`)
    }
    setBusy(null)
    await reload()
  }
  return (
    <Modal testId="trash-dialog" title="Trash" onCancel={onClose} wide>
      <p className="modal__hint">Deleted posts are kept in Inkpost's data folder (not in the site, so never in git). Restore puts a post back where it was; if that name is taken again, it gets a free one.</p>
      {error ? <p className="field__error" role="alert">{error}</p> : null}
      {entries === null && !error ? <p className="modal__text">Loading…</p> : null}
      {entries?.length === 0 ? <p className="trash__empty" data-testid="trash-empty">The trash is empty.</p> : null}
      {entries?.length ? (
        <ul className="trash__list">
          {entries.map((entry) => (
            <li key={entry.id} className="trash-item" data-testid="trash-item" data-file={entry.file}>
              <div className="trash-item__text">
                <div className="trash-item__title">{entry.title || entry.file}</div>
                <div className="trash-item__meta"><code>{entry.file}</code> · deleted <time dateTime={new Date(entry.deletedAt).toISOString()}>{when(entry.deletedAt)}</time></div>
              </div>
              <button type="button" data-testid="trash-restore" disabled={busy !== null} onClick={() => void restore(entry.id)}>{busy === entry.id ? 'Restoring…' : 'Restore'}</button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="modal__actions">
        <button type="button" className="primary" data-testid="trash-close" onClick={onClose}>Close</button>
      </div>
    </Modal>
  )
}
