import { memo, useMemo, useRef, useEffect, useLayoutEffect, useState, type MouseEvent } from 'react'
import type { ParsedContent } from '../../shared/parser/parse-types'
import type { ContentFamily } from '../../shared/parser/content-options'
import { markBlockLines, renderBlocks, renderBody } from './render-body'
import { highlightCssOf, tokenClassColors } from '../../shared/render/highlight-tokens'
import { displayValue } from '../../shared/render/display-value'
import { linkKind, safeHref } from '../../shared/render/safe-attributes'
import { textOf } from './text-of'
import { useRemoteMediaPolicy } from './remote-media'

/** Props of the preview. */
export interface PreviewPaneProps {
  parsed: ParsedContent | null
  /** Stable keys of the body's top-level blocks (from the parse worker): unchanged blocks are not redrawn. */
  blockKeys?: readonly number[] | null
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
  /** The site's resolved `markdown.tags` and family: a tag the site maps to its own component shows as that component. */
  proseTags?: Readonly<Record<string, string>>
  family?: ContentFamily
  /** The site setting `loadRemoteMedia`: remote images and media load without asking (else each waits for its Load button). */
  loadRemoteMedia?: boolean
  /** The newest text ran past the parse time limit: why (shown above the last good preview), and the line to blame. */
  slow?: { message: string; line?: number } | null
  /** Puts the editor on a line (the too-slow notice's "Go to line"). */
  onRevealLine?: (line: number) => void
}

function asString(value: unknown): string {
  return typeof value === 'string' ? value : value instanceof Date ? value.toISOString().slice(0, 10) : ''
}

/** True when the post has no frontmatter title and Nuxt took it from the body's leading `# heading`, which the body already shows. */
function titleRepeatsFirstHeading(parsed: ParsedContent): boolean {
  const first = parsed.body?.children?.find((n) => n.type === 'element' || n.value.trim() !== '')
  return !!first && first.type === 'element' && first.tag === 'h1' && textOf(first).trim() === displayValue(parsed.title).trim()
}

/** Scrolls the preview so the element with `id` is at the top (ids looked up inside the preview only). */
export function scrollPreviewTo(container: HTMLElement, id: string): boolean {
  const target = container.querySelector(`[id="${CSS.escape(id)}"]`)
  if (!target) return false
  const top = target.getBoundingClientRect().top - container.getBoundingClientRect().top + container.scrollTop
  container.scrollTo({ top: Math.max(0, top - 16), behavior: 'auto' })
  return true
}

/** Blocks drawn in the first paint of a newly opened long post; the rest follow right after it. */
export const FIRST_PAINT_BLOCKS = 60

/**
 * The live preview: the parsed body rendered like the blog (title, date, tags, then the body). Clicks
 * on links never navigate the window: `#anchors` scroll the preview, external links open outside,
 * site links are handed to the app.
 */
export const PreviewPane = memo(function PreviewPane({ parsed, blockKeys, blockLines, siteFileBase, openExternal, openSitePath, scrollRef, loading, parseMs, anchorLinks, proseTags, family, loadRemoteMedia, slow, onRevealLine }: PreviewPaneProps) {
  const container = useRef<HTMLDivElement | null>(null)
  const bodyRef = useRef<HTMLDivElement | null>(null)
  const all = parsed?.body?.children ?? []
  // a newly opened long post: its first blocks are painted first, the rest right after (not held back by its end)
  const [complete, setComplete] = useState<string | null>(null)
  const id = parsed?._id ?? null
  const partial = !!blockKeys && id !== complete && all.length > FIRST_PAINT_BLOCKS
  useEffect(() => {
    if (!partial) return
    let timer = 0
    const frame = requestAnimationFrame(() => { timer = window.setTimeout(() => setComplete(id), 0) })
    return () => { cancelAnimationFrame(frame); clearTimeout(timer) }
  }, [partial, id])
  const cssText = useMemo(() => highlightCssOf(all), [all])
  const css = useMemo(() => (cssText ? tokenClassColors(cssText) : undefined), [cssText])
  // options stay the same object between parses, so unchanged blocks are not redrawn
  const remoteMedia = useRemoteMediaPolicy(id, loadRemoteMedia === true)
  const opts = useMemo(() => ({ siteFileBase, anchorLinks, tokenColors: css, proseTags, family, remoteMedia }), [siteFileBase, anchorLinks, css, proseTags, family, remoteMedia])
  const keys = blockKeys && blockKeys.length === all.length ? blockKeys : null
  const body = useMemo(() => {
    if (!parsed) return null
    if (!keys) return renderBody(all, { ...opts, blockLines })
    return partial ? renderBlocks(all.slice(0, FIRST_PAINT_BLOCKS), keys.slice(0, FIRST_PAINT_BLOCKS), opts) : renderBlocks(all, keys, opts)
  }, [parsed, all, keys, partial, opts, blockLines])
  // only when the blocks or their lines changed (not on every render of the pane); `body` changes
  // when the first-paint blocks are followed by the rest, which adds elements to mark
  useLayoutEffect(() => {
    if (keys && bodyRef.current) markBlockLines(bodyRef.current, keys, blockLines as number[])
  }, [keys, blockLines, body])
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
      {slow ? (
        <div className="banner banner--warn preview-slow" data-testid="preview-too-slow" role="alert">
          <span>{slow.message}</span>
          {slow.line !== undefined && onRevealLine ? <button type="button" onClick={() => onRevealLine(slow.line!)}>Go to line {slow.line}</button> : null}
          <span className="muted">{parsed ? 'The preview below is the last version that parsed; it updates again with your next edit.' : 'The preview comes back with your next edit once the post parses.'}</span>
        </div>
      ) : null}
      <article className="prose" data-testid="preview" aria-busy={loading} data-parse-ms={parseMs === undefined ? undefined : parseMs.toFixed(1)}>
        {parsed ? (
          <>
            {showTitle || date || tags.length || isDraft ? (
              <header className="post-header">
                {isDraft ? <span className="badge badge--draft">Draft</span> : null}
                {showTitle ? <h1 className="post-title">{displayValue(parsed.title)}</h1> : null}
                <div className="post-meta">
                  {date ? <time dateTime={date}>{date}</time> : null}
                  {tags.length ? <span className="post-tags">{tags.map((tag) => <span key={tag} className="tag">#{tag}</span>)}</span> : null}
                </div>
              </header>
            ) : null}
            <div className="post-body" ref={bodyRef}>{body}</div>
            {(parsed.body?.children ?? []).length === 0 ? <p className="preview-empty preview-empty--body">The post has no body yet — start writing below the frontmatter.</p> : null}
          </>
        ) : (
          <p className="preview-empty">{slow ? 'No preview: this post takes too long to parse.' : loading ? 'Rendering…' : 'Nothing to preview.'}</p>
        )}
      </article>
    </div>
  )
})
