import { useState } from 'react'
import type { PublishService } from '../../shared/services/publish-service'
import { Modal } from './modal'

/** Props of the "Open a site-cache entry" dialog. */
export interface ImportCacheDialogProps {
  publish: PublishService
  /** The new post was written: open it. */
  onCreated: (file: string) => void
  onCancel: () => void
}

/**
 * Turns a Nuxt Content cache entry (`.nuxt/content-cache/parsed/content/….json`, `{parsed, hash}`)
 * back into a post whose parse equals it — for a writer who lost the source but has the site's cache.
 */
export function ImportCacheDialog({ publish, onCreated, onCancel }: ImportCacheDialogProps) {
  const [json, setJson] = useState<string | null>(null)
  const [source, setSource] = useState('')
  const [name, setName] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const pick = async (file: File | undefined) => {
    setError(null)
    if (!file) return
    const text = await file.text()
    setJson(text)
    setSource(file.name)
    try {
      const entry = JSON.parse(text) as { parsed?: { _file?: unknown } }
      if (typeof entry?.parsed?._file === 'string' && !name) setName(entry.parsed._file)
    } catch {
      setError(`${file.name} is not valid JSON`)
    }
  }
  const create = async () => {
    if (!json) return
    setBusy(true)
    setError(null)
    try {
      const doc = await publish.importCache(json, name.trim() || undefined)
      onCreated(doc.file)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
      setBusy(false)
    }
  }
  return (
    <Modal testId="import-cache-dialog" title="Open a site-cache entry as a post" onCancel={onCancel}>
      <p className="modal__text">Choose a file from your site's <code>.nuxt/content-cache/parsed/content/</code>. Inkpost writes markdown whose parse equals it, as a new post (never over an existing one).</p>
      <label className="field">
        <span>Cache entry (.json)</span>
        <input type="file" accept=".json,application/json" data-testid="import-cache-file" onChange={(e) => void pick(e.target.files?.[0])} />
      </label>
      {source ? <p className="modal__hint">Read {source}</p> : null}
      <label className="field">
        <span>New post (relative to the content folder)</span>
        <input type="text" value={name} onChange={(e) => setName(e.target.value)} placeholder="blog/restored-post.md" data-testid="import-cache-name" />
      </label>
      {error ? <p className="banner banner--error" role="alert" data-testid="import-cache-error">{error}</p> : null}
      <div className="modal__actions">
        <button type="button" onClick={onCancel} disabled={busy}>Cancel</button>
        <button type="button" className="primary" data-testid="import-cache-create" disabled={!json || busy} onClick={() => void create()}>{busy ? 'Writing…' : 'Create post'}</button>
      </div>
    </Modal>
  )
}
