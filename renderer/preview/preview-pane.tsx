import { memo, useMemo, useRef, useEffect, type MouseEvent } from 'react'
import type { ParsedContent } from '../../shared/parser/parse-types'
import { renderBody } from './render-body'
import { linkKind, safeHref } from '../../shared/render/safe-attributes'
import { textOf } from './text-of'

/** Props of the preview. */
export interface PreviewPaneProps {
  parsed: ParsedContent | null
  blockLines: ReadonlyArray<number | null>
  siteFileBase: string
  /** Opens an http(s)/mailto link outside the window. */
  openExternal: (url: string) => void
  /** A site-internal link like `/blog/other-post` was clicked. */
  openSitePath: (path: string) => void
  /** Receives the scroll container (for scroll sync). */
  scrollRef: (element: HTMLElement | null) => void
  loading: boolean
  /** How long the last parse took in the worker (shown as `data-parse-ms` for diagnostics and benchmarks). */
  parseMs?: number
  /** The site's `markdown.anchorLinks` (which heading levels link to themselves). */
  anchorLinks?: boolean | { depth?: number; exclude?: number[] }
}

function asString(value: unknown): string {
  return typeof value === 'string' ? value : value instanceof Date ? value.toISOString().slice(0, 10) : ''
}

/** True when the post has no frontmatter title and Nuxt took it from the body's leading `# heading`, which the body already shows. */
function titleRepeatsFirstHeading(parsed: ParsedContent): boolean {
  const first = parsed.body?.children?.find((n) => n.type === 'element' || n.value.trim() !== '')
  return !!first && first.type === 'element' && first.tag === 'h1' && textOf(first).trim() === String(parsed.title ?? '').trim()
}

/** Scrolls the preview so the element with `id` is at the top (ids looked up inside the preview only). */
export function scrollPreviewTo(container: HTMLElement, id: string): boolean {
  const target = container.querySelector(`[id="${CSS.escape(id)}"]`)
  if (!target) return false
  const top = target.getBoundingClientRect().top - container.getBoundingClientRect().top + container.scrollTop
  container.scrollTo({ top: Math.max(0, top - 16), behavior: 'auto' })
  return true
}

/**
 * The live preview: the parsed body rendered like the blog (title, date, tags, then the body). Clicks
 * on links never navigate the window: `#anchors` scroll the preview, external links open outside,
 * site links are handed to the app.
 */
export const PreviewPane = memo(function PreviewPane({ parsed, blockLines, siteFileBase, openExternal, openSitePath, scrollRef, loading, parseMs, anchorLinks }: PreviewPaneProps) {
  const container = useRef<HTMLDivElement | null>(null)
  const body = useMemo(() => (parsed ? renderBody(parsed.body?.children ?? [], { siteFileBase, blockLines, anchorLinks }) : null), [parsed, blockLines, siteFileBase, anchorLinks])
  useEffect(() => () => scrollRef(null), [scrollRef])

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const anchor = (event.target as HTMLElement).closest('a')
    if (!anchor || !container.current?.contains(anchor)) return
    event.preventDefault()
    const href = safeHref(anchor.getAttribute('href'))
    if (!href) return
    const kind = linkKind(href)
    if (kind === 'anchor') {
      const id = decodeURIComponent(href.slice(1))
      if (container.current) scrollPreviewTo(container.current, id)
    } else if (kind === 'external') openExternal(href)
    else openSitePath(href)
  }

  const tags = Array.isArray(parsed?.tags) ? (parsed!.tags as unknown[]).filter((t): t is string => typeof t === 'string') : []
  const date = asString(parsed?.date)
  const showTitle = !!parsed && !!parsed.title && !titleRepeatsFirstHeading(parsed)
  const isDraft = !!parsed && (parsed._draft || parsed.draft === true)
  return (
    <div
      className="preview-scroll"
      ref={(el) => { container.current = el; scrollRef(el) }}
      onClick={onClick}
      onAuxClick={(e) => { if ((e.target as HTMLElement).closest('a')) e.preventDefault() }}
      onDragStart={(e) => { if ((e.target as HTMLElement).closest('a')) e.preventDefault() }}
    >
      <article className="prose" data-testid="preview" aria-busy={loading} data-parse-ms={parseMs === undefined ? undefined : parseMs.toFixed(1)}>
        {parsed ? (
          <>
            {showTitle || date || tags.length || isDraft ? (
              <header className="post-header">
                {isDraft ? <span className="badge badge--draft">Draft</span> : null}
                {showTitle ? <h1 className="post-title">{parsed.title}</h1> : null}
                <div className="post-meta">
                  {date ? <time dateTime={date}>{date}</time> : null}
                  {tags.length ? <span className="post-tags">{tags.map((tag) => <span key={tag} className="tag">#{tag}</span>)}</span> : null}
                </div>
              </header>
            ) : null}
            <div className="post-body">{body}</div>
            {(parsed.body?.children ?? []).length === 0 ? <p className="preview-empty preview-empty--body">The post has no body yet — start writing below the frontmatter.</p> : null}
          </>
        ) : (
          <p className="preview-empty">{loading ? 'Rendering…' : 'Nothing to preview.'}</p>
        )}
      </article>
    </div>
  )
})
