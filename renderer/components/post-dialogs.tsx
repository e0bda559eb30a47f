import { useState } from 'react'
import { Modal } from './modal'

/** Props of the yes/no confirmation. */
export interface ConfirmDialogProps {
  title: string
  message: string
  okLabel: string
  danger?: boolean
  onOk: () => void
  onCancel: () => void
}

/** A confirmation (e.g. delete): `confirm-ok` / `confirm-cancel`. */
export function ConfirmDialog({ title, message, okLabel, danger, onOk, onCancel }: ConfirmDialogProps) {
  return (
    <Modal testId="confirm-dialog" title={title} onCancel={onCancel}>
      <p className="modal__text">{message}</p>
      <div className="modal__actions">
        <button type="button" data-testid="confirm-cancel" onClick={onCancel}>Cancel</button>
        <button type="button" className={danger ? 'primary danger' : 'primary'} data-testid="confirm-ok" onClick={onOk}>{okLabel}</button>
      </div>
    </Modal>
  )
}

/** Props of the new-post dialog. */
export interface NewPostDialogProps {
  onCreate: (title: string) => Promise<void>
  onCancel: () => void
}

/** Asks for the title of a new post (`new-post-title`, `new-post-create`). */
export function NewPostDialog({ onCreate, onCancel }: NewPostDialogProps) {
  const [title, setTitle] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    if (!title.trim()) { setError('Give the post a title.'); return }
    setBusy(true)
    try {
      await onCreate(title.trim())
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
      setBusy(false)
    }
  }
  return (
    <Modal testId="new-post-dialog" title="New post" onCancel={onCancel}>
      <form onSubmit={(e) => { e.preventDefault(); void submit() }}>
        <label className="field">
          <span>Title</span>
          <input data-testid="new-post-title" value={title} onChange={(e) => { setTitle(e.target.value); setError(null) }} placeholder="What is it about?" />
        </label>
        {error ? <p className="field__error" role="alert">{error}</p> : null}
        <p className="modal__hint">Creates <code>blog/YYYY-MM-DD-slug.md</code> from the site's template, as a draft.</p>
        <div className="modal__actions">
          <button type="button" onClick={onCancel}>Cancel</button>
          <button type="submit" className="primary" data-testid="new-post-create" disabled={busy}>Create</button>
        </div>
      </form>
    </Modal>
  )
}

/** Props of the rename dialog. */
export interface RenameDialogProps {
  file: string
  onRename: (newFile: string) => Promise<void>
  onCancel: () => void
}

/** Renames a post file (`rename-input` inside a `confirm-dialog`); warns that the site URL follows the file name. */
export function RenameDialog({ file, onRename, onCancel }: RenameDialogProps) {
  const [value, setValue] = useState(file)
  const [error, setError] = useState<string | null>(null)
  const submit = async () => {
    const next = value.trim()
    if (!next || next === file) { onCancel(); return }
    if (!next.endsWith('.md')) { setError('The file name must end with .md'); return }
    try {
      await onRename(next)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
  }
  return (
    <Modal testId="confirm-dialog" title="Rename post" onCancel={onCancel}>
      <form onSubmit={(e) => { e.preventDefault(); void submit() }}>
        <label className="field">
          <span>File</span>
          <input data-testid="rename-input" value={value} onChange={(e) => { setValue(e.target.value); setError(null) }} spellCheck={false} />
        </label>
        {error ? <p className="field__error" role="alert">{error}</p> : null}
        <p className="modal__hint">The post's URL on the site follows its file name.</p>
        <div className="modal__actions">
          <button type="button" data-testid="confirm-cancel" onClick={onCancel}>Cancel</button>
          <button type="submit" className="primary" data-testid="confirm-ok">Rename</button>
        </div>
      </form>
    </Modal>
  )
}
