import { useMemo, useState } from 'react'
import type { SiteIndex } from '../../shared/checks/finding'
import { urlPath } from '../../shared/checks/rules/url-path'
import { contentIdFor, tryParsePost } from '../../shared/parser/index'
import { Modal } from './modal'

/**
 * What the site would make of a post under the name `file`: its URL path, and the `url-path`
 * check's warning (empty path, a folder's index, taken by another post) with a Latin name to use.
 */
export function urlPathAdvice(file: string, text: string, site: SiteIndex | null, ignoring: string | null): { path: string; warning: string | null; suggestion: string | null } {
  if (!/\.md$/i.test(file) || file.startsWith('/') || file.includes('..')) return { path: '', warning: null, suggestion: null }
  const outcome = tryParsePost(text, { id: contentIdFor(file) })
  const path = typeof outcome.parsed?._path === 'string' ? outcome.parsed._path : ''
  const posts = (site?.posts ?? []).filter((p) => p.file !== ignoring && p.file !== file)
  const [finding] = urlPath.run({ file, text, outcome, site: { posts, publicFiles: null, allowUnsafeHtml: true } })
  return { path, warning: finding?.message ?? null, suggestion: finding?.fix?.rename ?? null }
}

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
  /** The post's text (for the URL path the new name gives it). */
  text?: string
  /** The site's posts, to warn when the new URL path is taken. */
  siteIndex?: SiteIndex | null
  onRename: (newFile: string) => Promise<void>
  onCancel: () => void
}

/** Renames a post file (`rename-input` inside a `confirm-dialog`); warns that the site URL follows the file name. */
export function RenameDialog({ file, text = '', siteIndex = null, onRename, onCancel }: RenameDialogProps) {
  const [value, setValue] = useState(file)
  const [error, setError] = useState<string | null>(null)
  const advice = useMemo(() => urlPathAdvice(value.trim(), text, siteIndex, file), [value, text, siteIndex, file])
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
        <p className="modal__hint" data-testid="rename-url">The post's URL on the site follows its file name{advice.path ? <>: <code>{advice.path}</code></> : null}.</p>
        {advice.warning ? (
          <div className="banner banner--warn" role="alert" data-testid="rename-url-warning">
            <span>{advice.warning}</span>
            {advice.suggestion ? <button type="button" data-testid="rename-use-suggestion" onClick={() => setValue(advice.suggestion!)}>Use {advice.suggestion}</button> : null}
          </div>
        ) : null}
        <div className="modal__actions">
          <button type="button" data-testid="confirm-cancel" onClick={onCancel}>Cancel</button>
          <button type="submit" className="primary" data-testid="confirm-ok">Rename</button>
        </div>
      </form>
    </Modal>
  )
}
