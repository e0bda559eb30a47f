import { useEffect, useState } from 'react'
import type { Finding } from '../../shared/checks/finding'
import type { ExportResult, PublishService } from '../../shared/services/publish-service'
import { ServiceError } from '../../shared/services/service-error'
import { Modal } from './modal'
import { formatBytes } from './assets-panel'

/** Props of the Export dialog. */
export interface ExportDialogProps {
  publish: PublishService
  file: string
  /** Saves the post first, so the bundle holds what the editor shows. */
  saveFirst: () => Promise<void>
  /** Subscribes to export progress; returns an unsubscribe function. */
  onProgress: (listener: (progress: { done: number; total: number; step: string }) => void) => () => void
  /** Shows a finding in the editor. */
  onJump: (finding: Finding) => void
  onClose: () => void
}

/**
 * Export: the saved post's pre-publish findings, the bundle's options (zip or folder, where, export
 * despite errors, include a draft), a progress bar, and the result — the files of the bundle and a
 * download link in browser mode. The same bundle as `inkpost export`.
 */
export function ExportDialog({ publish, file, saveFirst, onProgress, onJump, onClose }: ExportDialogProps) {
  const [findings, setFindings] = useState<Finding[] | null>(null)
  const [format, setFormat] = useState<'zip' | 'folder'>('zip')
  const [out, setOut] = useState('')
  const [force, setForce] = useState(false)
  const [allowDraft, setAllowDraft] = useState(false)
  const [progress, setProgress] = useState<{ done: number; total: number; step: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [result, setResult] = useState<ExportResult | null>(null)

  useEffect(() => {
    let live = true
    void (async () => {
      try {
        await saveFirst()
        const found = await publish.check([file])
        if (live) setFindings(found)
      } catch (e) {
        if (live) setError(e instanceof Error ? e.message : String(e))
      }
    })()
    return () => { live = false }
  }, [publish, file, saveFirst])
  useEffect(() => onProgress(setProgress), [onProgress])

  const errors = (findings ?? []).filter((f) => f.severity === 'error')
  const isDraft = (findings ?? []).some((f) => f.rule === 'draft')
  const blocked = (errors.length > 0 && !force) || (isDraft && !allowDraft)
  const run = async () => {
    setBusy(true)
    setError(null)
    setResult(null)
    setProgress(null)
    try {
      setResult(await publish.export(file, { format, out: out.trim() || undefined, force, allowDraft }))
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
      const listed = e instanceof ServiceError ? (e.details?.findings as Finding[] | undefined) : undefined
      if (Array.isArray(listed)) setFindings(listed)
    } finally {
      setBusy(false)
    }
  }
  const total = result ? result.manifest.files.reduce((n, f) => n + f.bytes, 0) : 0
  return (
    <Modal testId="export-dialog" title="Export a publish-ready bundle" onCancel={busy ? undefined : onClose} wide>
      <p className="modal__text">
        <code>{file}</code> with exactly the images it references, the site's cache entry, an offline preview and a manifest of hashes — ready to drop into the site's repository.
      </p>
      <h3 className="report__heading">Checks</h3>
      {findings === null && !error ? <p className="modal__hint">Saving and checking the post…</p> : null}
      {findings && findings.length === 0 ? <p className="modal__hint" data-testid="export-clean">No problems found.</p> : null}
      {findings && findings.length > 0 ? (
        <ul className="report__list" data-testid="export-findings">
          {findings.map((f, i) => (
            <li key={`${f.rule}:${f.line}:${i}`} className={`problem--${f.severity}`}>
              <button type="button" className="link-button" onClick={() => { onClose(); onJump(f) }}>{f.severity === 'error' ? '✖' : '⚠'} Ln {f.line}</button> {f.message}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="export-options">
        <label><input type="radio" name="export-format" checked={format === 'zip'} onChange={() => setFormat('zip')} data-testid="export-format-zip" /> .zip file</label>
        <label><input type="radio" name="export-format" checked={format === 'folder'} onChange={() => setFormat('folder')} data-testid="export-format-folder" /> Folder</label>
        <label className="field">
          <span>Save to (absolute path; empty: the app's exports folder)</span>
          <input type="text" value={out} onChange={(e) => setOut(e.target.value)} placeholder={format === 'zip' ? '/home/me/bundles/post.zip' : '/home/me/bundles/post'} data-testid="export-out" />
        </label>
        {errors.length ? <label><input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} data-testid="export-force" /> Export despite {errors.length} error{errors.length === 1 ? '' : 's'}</label> : null}
        {isDraft ? <label><input type="checkbox" checked={allowDraft} onChange={(e) => setAllowDraft(e.target.checked)} data-testid="export-allow-draft" /> Export this draft</label> : null}
      </div>
      {busy || progress ? (
        <div data-testid="export-progress">
          <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={progress?.total ?? 1} aria-valuenow={progress?.done ?? 0}>
            <span style={{ width: `${progress && progress.total ? Math.round((progress.done / progress.total) * 100) : busy ? 5 : 100}%` }} />
          </div>
          <p className="modal__hint">{progress?.step ?? 'Starting…'}</p>
        </div>
      ) : null}
      {error ? <p className="banner banner--error" role="alert" data-testid="export-error">{error}</p> : null}
      {result ? (
        <div data-testid="export-result">
          <p className="modal__text">Exported {result.manifest.files.length + 1} files ({formatBytes(total)}) to <code data-testid="export-out-path">{result.out}</code></p>
          <ul className="export-files">{result.manifest.files.map((f) => <li key={f.path}>{f.path}</li>)}<li>manifest.json</li></ul>
          {result.downloadUrl ? <p><a href={result.downloadUrl} download data-testid="export-download" className="primary-link">Download {result.out.split('/').pop()}</a></p> : null}
        </div>
      ) : null}
      <div className="modal__actions">
        <button type="button" onClick={onClose} disabled={busy}>Close</button>
        <button type="button" className="primary" data-testid="export-run" disabled={busy || findings === null || blocked} onClick={() => void run()} title={blocked ? 'Fix the errors (or tick “Export despite errors”) first' : undefined}>{busy ? 'Exporting…' : 'Export'}</button>
      </div>
    </Modal>
  )
}
