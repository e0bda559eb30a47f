import { useEffect, useRef, useState } from 'react'
import { Modal } from './modal'
import { conflictMergeView, type ConflictMerge } from '../editor/conflict-merge-view'

/** Props of the save-conflict dialog. */
export interface ConflictDialogProps {
  file: string
  mine: string
  disk: string
  onReload: () => void
  onKeepMine: () => void
  /** Keep the text of your side of the comparison (your version with the chunks you took from disk); the button shows only when given. */
  onKeepMerged?: (text: string) => void
}

/**
 * Shown when saving found the file changed on disk: reload the disk version, keep mine (overwrite),
 * or compare both side by side, take single changes from disk into yours and keep the merged text.
 */
export function ConflictDialog({ file, mine, disk, onReload, onKeepMine, onKeepMerged }: ConflictDialogProps) {
  const [compare, setCompare] = useState(false)
  const [chunks, setChunks] = useState<number | null>(null)
  const host = useRef<HTMLDivElement>(null)
  const merge = useRef<ConflictMerge | null>(null)
  useEffect(() => {
    if (!compare || !host.current) return
    const view = conflictMergeView({ parent: host.current, disk, mine, onChunksChange: setChunks })
    merge.current = view
    setChunks(view.chunkCount())
    return () => {
      view.destroy()
      merge.current = null
      setChunks(null)
    }
  }, [compare, disk, mine])
  return (
    <Modal testId="conflict-dialog" title="This post changed on disk" wide={compare}>
      <p className="modal__text">
        <code>{file}</code> was changed by another program after you opened it. Choose which version to keep.
      </p>
      {compare ? (
        <div className="conflict-merge" data-testid="conflict-diff" data-chunks={chunks ?? undefined}>
          <div className="conflict-merge__legend">
            <span className="conflict-merge__side conflict-merge__side--disk">On disk (read-only)</span>
            <span className="conflict-merge__count" data-testid="conflict-chunk-count" aria-live="polite">
              {chunks === null ? '' : chunks === 0 ? 'No differences left' : `${chunks} change${chunks === 1 ? '' : 's'} · → takes one from disk`}
            </span>
            <span className="conflict-merge__side conflict-merge__side--mine">Yours (editable)</span>
          </div>
          <div ref={host} className="conflict-merge__body" />
        </div>
      ) : null}
      <div className="modal__actions">
        <button type="button" data-testid="conflict-compare" onClick={() => setCompare(!compare)} aria-pressed={compare}>{compare ? 'Hide comparison' : 'Compare'}</button>
        <span className="modal__spacer" />
        <button type="button" data-testid="conflict-reload" onClick={onReload}>Reload from disk</button>
        {compare && onKeepMerged ? (
          <button type="button" data-testid="conflict-keep-merged" onClick={() => onKeepMerged(merge.current?.mergedText() ?? mine)}>Keep merged</button>
        ) : null}
        <button type="button" className="primary" data-testid="conflict-keep-mine" onClick={onKeepMine}>Keep mine</button>
      </div>
    </Modal>
  )
}
