import { memo } from 'react'
import type { ImageRow } from '../preview/use-image-states'

/** Props of the assets panel. */
export interface AssetsPanelProps {
  rows: ImageRow[]
  /** Prefix that makes a site URL loadable in the window (`/site-file` or `inkpost-site://site`). */
  siteFileBase: string
  onReveal: (line: number) => void
  onRefresh: () => void
  onSiteReport: () => void
}

/** `12.3 KB`, `1.4 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

const STATE_LABEL: Record<string, string> = { ok: 'ok', missing: 'missing', 'outside-public': 'outside public/', remote: 'remote', inline: 'inline' }

function hostOf(src: string): string {
  try {
    return new URL(src, 'https://x.invalid').host
  } catch {
    return ''
  }
}

function nameOf(src: string): string {
  const path = src.split(/[?#]/)[0]
  const last = path.split('/').filter(Boolean).pop() ?? src
  try {
    return decodeURIComponent(last)
  } catch {
    return last
  }
}

/**
 * The images of the open post: every reference (markdown, HTML, MDC, frontmatter) with its
 * thumbnail, size, dimensions and state; a click puts the editor on its line. Remote images are
 * not loaded (only their host is shown).
 */
export const AssetsPanel = memo(function AssetsPanel({ rows, siteFileBase, onReveal, onRefresh, onSiteReport }: AssetsPanelProps) {
  const broken = rows.filter((r) => r.info && (r.info.state === 'missing' || r.info.state === 'outside-public')).length
  return (
    <section className="assets" data-testid="assets-panel" aria-label="Images of this post">
      <div className="panel-title assets__title">
        <span>Images</span>
        <span className="assets__actions">
          <button type="button" className="small" onClick={onRefresh} title="Check the image files again">Refresh</button>
          <button type="button" className="small" data-testid="open-site-report" onClick={onSiteReport} title="Unused images and broken references across the site">Site report…</button>
        </span>
      </div>
      <p className="assets__summary" data-testid="assets-summary">
        {rows.length === 0 ? 'No images yet. Drop or paste an image into the editor to add a figure.' : `${rows.length} image${rows.length === 1 ? '' : 's'}${broken ? ` · ${broken} broken` : ''}`}
      </p>
      <ul className="assets__list">
        {rows.map((row, index) => {
          const info = row.info
          const state = info?.state ?? 'checking'
          const thumb = info?.state === 'ok' && row.reference.src.startsWith('/') ? `${siteFileBase}${row.reference.src.split('#')[0]}` : null
          return (
            <li key={`${row.reference.from}:${index}`}>
              <button type="button" className={`asset-row asset-row--${state}`} data-testid="asset-row" data-state={state} data-src={row.reference.src}
                onClick={() => onReveal(row.reference.line)} title={info?.reason ?? `${row.reference.src} (line ${row.reference.line})`}>
                <span className="asset-row__thumb" aria-hidden="true">
                  {thumb ? <img src={thumb} alt="" loading="lazy" /> : <span className="asset-row__placeholder">{state === 'remote' ? '↗' : state === 'checking' ? '…' : '!'}</span>}
                </span>
                <span className="asset-row__text">
                  <span className="asset-row__name">{nameOf(row.reference.src)}</span>
                  <span className="asset-row__meta">
                    <span className={`badge badge--${state === 'ok' ? 'ok' : state === 'missing' || state === 'outside-public' ? 'error' : 'muted'}`}>{STATE_LABEL[state] ?? state}</span>
                    {info?.width && info.height ? <span>{info.width}×{info.height}</span> : null}
                    {info?.bytes !== undefined ? <span>{formatBytes(info.bytes)}</span> : null}
                    {state === 'remote' ? <span>{hostOf(row.reference.src)}</span> : null}
                    <span>line {row.reference.line}</span>
                  </span>
                </span>
              </button>
            </li>
          )
        })}
      </ul>
    </section>
  )
})
