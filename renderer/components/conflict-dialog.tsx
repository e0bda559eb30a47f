import { useMemo, useState } from 'react'
import { Modal } from './modal'
import { diffLines, type DiffLine } from '../text/line-diff'

/** Keeps changed lines and `context` unchanged lines around them; null marks a run of hidden unchanged lines. */
function withContext(diff: DiffLine[], context: number): Array<DiffLine | null> {
  const keep = diff.map(() => false)
  diff.forEach((line, i) => {
    if (line.kind === 'same') return
    for (let j = Math.max(0, i - context); j <= Math.min(diff.length - 1, i + context); j++) keep[j] = true
  })
  const out: Array<DiffLine | null> = []
  diff.forEach((line, i) => {
    if (keep[i]) out.push(line)
    else if (out[out.length - 1] !== null) out.push(null)
  })
  return out
}

/** Props of the save-conflict dialog. */
export interface ConflictDialogProps {
  file: string
  mine: string
  disk: string
  onReload: () => void
  onKeepMine: () => void
}

/**
 * Shown when saving found the file changed on disk: reload the disk version, keep mine (overwrite),
 * or compare both as a unified line diff.
 */
export function ConflictDialog({ file, mine, disk, onReload, onKeepMine }: ConflictDialogProps) {
  const [compare, setCompare] = useState(false)
  const diff = useMemo(() => (compare ? diffLines(disk, mine) : []), [compare, disk, mine])
  const changed = diff.filter((l) => l.kind !== 'same').length
  const rows = useMemo(() => withContext(diff, 3), [diff])
  return (
    <Modal testId="conflict-dialog" title="This post changed on disk" wide={compare}>
      <p className="modal__text">
        <code>{file}</code> was changed by another program after you opened it. Choose which version to keep.
      </p>
      {compare ? (
        <div className="diff" data-testid="conflict-diff" aria-label="Differences: disk (−) and yours (+)">
          <div className="diff__legend"><span className="diff__removed">− on disk</span> <span className="diff__added">+ yours</span> · {changed} changed line{changed === 1 ? '' : 's'}</div>
          <pre className="diff__body">
            {rows.map((line, i) => line === null ? <div key={i} className="diff__line diff__line--skip">⋯</div> : (
              <div key={i} className={`diff__line diff__line--${line.kind}`}>
                <span className="diff__gutter">{line.kind === 'removed' ? '−' : line.kind === 'added' ? '+' : ' '}</span>
                {line.text || ' '}
              </div>
            ))}
          </pre>
        </div>
      ) : null}
      <div className="modal__actions">
        <button type="button" data-testid="conflict-compare" onClick={() => setCompare(!compare)} aria-pressed={compare}>{compare ? 'Hide comparison' : 'Compare'}</button>
        <span className="modal__spacer" />
        <button type="button" data-testid="conflict-reload" onClick={onReload}>Reload from disk</button>
        <button type="button" className="primary" data-testid="conflict-keep-mine" onClick={onKeepMine}>Keep mine</button>
      </div>
    </Modal>
  )
}
