import { useCallback, useEffect, useState } from 'react'
import type { AssetsService, SiteAssetReport } from '../../shared/services/assets-service'
import { Modal } from './modal'
import { formatBytes } from './assets-panel'

/** Props of the site image report. */
export interface SiteImagesDialogProps {
  assets: AssetsService
  /** Opens a post at a line (a missing reference). */
  onOpenReference: (file: string, line: number) => void
  onClose: () => void
  /** Tells the writer what happened (deleted files). */
  notify: (message: string, kind: 'info' | 'error') => void
}

/**
 * The site's images against its posts: images no post references (with their total size, to move
 * to the trash after a confirmation) and references to files that do not exist.
 */
export function SiteImagesDialog({ assets, onOpenReference, onClose, notify }: SiteImagesDialogProps) {
  const [report, setReport] = useState<SiteAssetReport | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const load = useCallback(async () => {
    setError(null)
    try {
      const next = await assets.report()
      setReport(next)
      setSelected(new Set(next.unused.map((u) => u.path)))
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
  }, [assets])
  useEffect(() => { void load() }, [load])

  const remove = async () => {
    setBusy(true)
    try {
      const { deleted } = await assets.deleteUnused([...selected])
      notify(`Moved ${deleted.length} unused image${deleted.length === 1 ? '' : 's'} to the trash`, 'info')
      setConfirming(false)
      await load()
    } catch (e) {
      notify(`Cannot delete: ${e instanceof Error ? e.message : String(e)}`, 'error')
    } finally {
      setBusy(false)
    }
  }

  const selectedBytes = report ? report.unused.filter((u) => selected.has(u.path)).reduce((n, u) => n + u.bytes, 0) : 0
  return (
    <Modal testId="site-images-dialog" title="Site images" onCancel={onClose} wide>
      {error ? <p className="modal__text banner--error" role="alert">{error}</p> : null}
      {!report && !error ? <p className="modal__text">Checking every post and image…</p> : null}
      {report ? (
        <>
          <p className="modal__text" data-testid="site-images-summary">
            {report.imageCount} image{report.imageCount === 1 ? '' : 's'} in <code>{report.imageDir}</code>, {report.referenceCount} reference{report.referenceCount === 1 ? '' : 's'} in posts.
            {' '}{report.unused.length} unused ({formatBytes(report.unusedBytes)}), {report.missing.length} missing.
          </p>
          <h3 className="report__heading">Unused images</h3>
          {report.unused.length === 0 ? <p className="modal__hint">Every image is used by a post.</p> : (
            <ul className="report__list" data-testid="unused-images">
              {report.unused.map((u) => (
                <li key={u.path}>
                  <label>
                    <input type="checkbox" checked={selected.has(u.path)} onChange={(e) => {
                      const next = new Set(selected)
                      if (e.target.checked) next.add(u.path); else next.delete(u.path)
                      setSelected(next)
                    }} />
                    <code>{u.path}</code> <span className="muted">{formatBytes(u.bytes)}</span>
                  </label>
                </li>
              ))}
            </ul>
          )}
          <h3 className="report__heading">Missing images</h3>
          {report.missing.length === 0 ? <p className="modal__hint">No post references a missing image.</p> : (
            <ul className="report__list" data-testid="missing-images">
              {report.missing.map((m, i) => (
                <li key={`${m.file}:${m.line}:${i}`}>
                  <button type="button" className="link-button" onClick={() => onOpenReference(m.file, m.line)}>{m.file}:{m.line}</button>
                  {' '}<code>{m.src}</code> <span className="muted">{m.state === 'missing' ? 'not found' : 'not served from public/'}</span>
                </li>
              ))}
            </ul>
          )}
          {report.unreadable.length ? <p className="modal__hint">Not checked (cannot be parsed): {report.unreadable.map((u) => u.file).join(', ')}</p> : null}
          <p className="modal__hint">Only posts are checked: an image used by a component or page outside <code>content/</code> shows as unused.</p>
        </>
      ) : null}
      {confirming ? (
        <div className="banner banner--warn" role="alert" data-testid="confirm-delete-unused">
          <span>Move {selected.size} image{selected.size === 1 ? '' : 's'} ({formatBytes(selectedBytes)}) to the trash?</span>
          <button type="button" onClick={() => setConfirming(false)} disabled={busy}>Cancel</button>
          <button type="button" className="primary danger" data-testid="confirm-delete-unused-ok" onClick={() => void remove()} disabled={busy}>Move to trash</button>
        </div>
      ) : null}
      <div className="modal__actions">
        <button type="button" onClick={() => void load()}>Check again</button>
        <button type="button" className="danger" data-testid="delete-unused" disabled={!report || selected.size === 0 || busy} onClick={() => setConfirming(true)}>Delete selected…</button>
        <button type="button" className="primary" onClick={onClose}>Close</button>
      </div>
    </Modal>
  )
}
