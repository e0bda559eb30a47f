import type { RecoveryEntry } from '../../shared/services/recovery-service'
import { Modal } from './modal'

/** Props of the crash-recovery offer. */
export interface RecoveryDialogProps {
  entries: RecoveryEntry[]
  onRestore: () => void
  onDiscard: () => void
}

/** Offers unsaved text journaled before the app last stopped: restore it into the editor, or discard it. */
export function RecoveryDialog({ entries, onRestore, onDiscard }: RecoveryDialogProps) {
  return (
    <Modal testId="recovery-dialog" title="Recover unsaved changes?">
      <p className="modal__text">Inkpost found text that was not saved when it last stopped:</p>
      <ul className="recovery-list">
        {entries.map((entry) => (
          <li key={entry.file}>
            <code>{entry.file}</code>
            <span className="recovery-list__when">{new Date(entry.savedAt).toLocaleString()}</span>
          </li>
        ))}
      </ul>
      <p className="modal__hint">Restored text opens as unsaved changes; nothing is written until you save.</p>
      <div className="modal__actions">
        <button type="button" data-testid="recovery-discard" onClick={onDiscard}>Discard</button>
        <button type="button" className="primary" data-testid="recovery-restore" onClick={onRestore}>Restore</button>
      </div>
    </Modal>
  )
}
