import { createElement, Fragment, memo, type ReactNode } from 'react'
import type { MinimarkElement, MinimarkNode } from '../../shared/parser/parse-types'
import { BLOCKED_TAGS, KNOWN_HTML_TAGS, VOID_TAGS, safeProps, type AttributeContext } from '../../shared/render/safe-attributes'
import { MdcComponentBox } from './mdc-component-box'
import { REMOTE_MEDIA_TAGS, remoteHostAllowed, remoteMediaHosts, remoteMediaPlaceholder, type RemoteMediaPolicy } from './remote-media'
import { CodeBlock } from './code-block'
import { highlightCssOf, highlightedLines, tokenClassColors, type TokenClassColors } from '../../shared/render/highlight-tokens'
import { textOf } from './text-of'
import { customProseComponent } from '../../shared/render/prose-tag-names'
import type { ContentFamily } from '../../shared/parser/content-options'

/** Options of the body renderer. */
export interface RenderOptions extends AttributeContext {
  /** Source line (1-based, in the whole file) of each top-level child, for scroll sync; same order as `children`. */
  blockLines?: ReadonlyArray<number | null>
  /** The `ct-…` token colours of a 2.7 site's highlighter (from the post's trailing style element). */
  tokenColors?: TokenClassColors
  /** The site's `markdown.anchorLinks`: which heading levels are links to themselves (default h2–h4), or false for none. */
  anchorLinks?: boolean | { depth?: number; exclude?: number[] }
  /** The site's resolved `markdown.tags` (`site.parse.proseTags`) and family: a tag mapped to its own component renders as that component's box. */
  proseTags?: Readonly<Record<string, string>>
  family?: ContentFamily
  /** Which remote hosts may load images and media; absent: none (each shows a placeholder naming its host). */
  remoteMedia?: RemoteMediaPolicy
}

/** Nuxt Content's default `markdown.anchorLinks`: headings h2–h4 link to themselves. */
const DEFAULT_ANCHOR_LINKS = { depth: 4, exclude: [1] }

/** True when the site renders a heading of `level` as a link to itself. */
function anchored(level: number, setting: RenderOptions['anchorLinks']): boolean {
  if (setting === false) return false
  const { depth, exclude } = setting === undefined || setting === true ? DEFAULT_ANCHOR_LINKS : { ...DEFAULT_ANCHOR_LINKS, ...setting }
  return level <= depth && !exclude.includes(level)
}

/** Parents whose children are phrasing content: MDC components inside them render inline. */
const PHRASING_PARENTS: ReadonlySet<string> = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'a', 'span', 'strong', 'em', 'b', 'i', 'u', 's', 'del', 'ins', 'mark', 'small',
  'sub', 'sup', 'code', 'code-inline', 'kbd', 'abbr', 'cite', 'q', 'label', 'summary', 'figcaption', 'td', 'th', 'dt',
])

/** Parents where whitespace-only text is not allowed by the DOM (React would warn). */
const NO_TEXT_PARENTS: ReadonlySet<string> = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr', 'colgroup', 'ul', 'ol', 'dl', 'select'])

interface Walk {
  opts: RenderOptions
  inline: boolean
  parentTag: string
}

function renderChildren(children: MinimarkNode[] | undefined, walk: Walk): ReactNode[] {
  const out: ReactNode[] = []
  ;(children ?? []).forEach((child, index) => {
    if (child.type === 'text' && NO_TEXT_PARENTS.has(walk.parentTag) && child.value.trim() === '') return
    out.push(renderNode(child, walk, index))
  })
  return out
}

/** Renders one node of the parsed body as React elements, enforcing the preview's safety policy. */
function renderNode(node: MinimarkNode, walk: Walk, key: number | string, extra?: Record<string, unknown>): ReactNode {
  if (!node || typeof node !== 'object') return null
  if (node.type === 'text') return typeof node.value === 'string' ? node.value : null
  if (node.type !== 'element' || typeof node.tag !== 'string') return null
  const el = node as MinimarkElement
  const tag = el.tag.toLowerCase()
  // a form is dropped but its content shown (each child judged on its own): the site shows it too
  if (tag === 'form') {
    return createElement(walk.inline ? 'span' : 'div', { key, className: 'preview-blocked-form', 'data-blocked': tag, ...extra }, ...renderChildren(el.children, { opts: walk.opts, inline: walk.inline, parentTag: 'div' }))
  }
  if (BLOCKED_TAGS.has(tag)) {
    return createElement(walk.inline ? 'span' : 'div', { key, className: 'preview-blocked', 'data-blocked': tag, ...extra }, `<${tag}> is not shown in the preview`)
  }
  const inline = walk.inline || PHRASING_PARENTS.has(tag)
  const childWalk: Walk = { opts: walk.opts, inline, parentTag: tag }
  // a fenced code block: 2.7 wraps it in `code` (with the fence's props), 2.13 puts the props on `pre`
  if ((tag === 'code' && (typeof el.props?.code === 'string' || el.children?.some((c) => c.type === 'element' && c.tag === 'pre'))) || (tag === 'pre' && typeof el.props?.code === 'string')) {
    return createElement(CodeBlock, {
      key, extra,
      code: typeof el.props.code === 'string' ? el.props.code : textOf(el),
      language: typeof el.props.language === 'string' ? el.props.language : '',
      filename: typeof el.props.filename === 'string' ? el.props.filename : '',
      highlights: Array.isArray(el.props.highlights) ? el.props.highlights.filter((n): n is number => typeof n === 'number') : [],
      tokens: highlightedLines(el, walk.opts.tokenColors),
    })
  }
  const component = customProseComponent(tag, walk.opts.proseTags, { family: walk.opts.family, props: el.props })
  if (tag === 'code-inline' && !component) return createElement('code', { key, ...extra }, ...renderChildren(el.children, childWalk))
  if (tag === 'template') {
    return createElement(walk.inline ? 'span' : 'div', { key, className: 'mdc-slot', ...extra }, ...renderChildren(el.children, childWalk))
  }
  if (component || !KNOWN_HTML_TAGS.has(tag)) {
    return createElement(MdcComponentBox, {
      key, name: component ?? tag, props: el.props ?? {}, inline: walk.inline, extra,
      renderChildren: (nodes: MinimarkNode[]) => renderChildren(nodes, { opts: walk.opts, inline: component ? inline : walk.inline, parentTag: tag }),
      nodes: el.children ?? [],
    })
  }
  const remote = walk.opts.remoteMedia
  if (REMOTE_MEDIA_TAGS.has(tag)) {
    const waiting = remoteMediaHosts(el).filter((host) => !remoteHostAllowed(remote, host))
    if (waiting.length) return remoteMediaPlaceholder(tag, waiting, remote, walk.inline, key, extra)
  }
  const base = safeProps(tag, el.props ?? {}, { siteFileBase: walk.opts.siteFileBase, allowRemoteHost: (host) => remoteHostAllowed(remote, host) })
  const props: Record<string, unknown> = { key, ...base, ...extra }
  if ((tag === 'th' || tag === 'td') && typeof el.props?.align === 'string') {
    delete props.align
    props.style = { ...(props.style as object | undefined), textAlign: el.props.align }
  } else if (tag === 'th' || tag === 'td') delete props.align
  if (tag === 'img') {
    if (!props.src) return createElement('span', { key, className: 'preview-missing-image', ...extra }, `[image: ${String(el.props?.alt ?? el.props?.src ?? '').slice(0, 80) || 'blocked source'}]`)
    // not lazy: images load up front so block heights are stable for scroll sync
    props.decoding = 'async'
  }
  if (tag === 'a' && typeof props.href === 'string' && !props.href.startsWith('#')) props.rel = 'noopener noreferrer'
  if (VOID_TAGS.has(tag)) return createElement(tag, props)
  if (/^h[1-6]$/.test(tag) && typeof props.id === 'string' && anchored(Number(tag[1]), walk.opts.anchorLinks)) {
    return createElement(tag, props, createElement('a', { href: `#${props.id}`, className: 'heading-anchor' }, ...renderChildren(el.children, childWalk)))
  }
  if (tag === 'table') {
    return createElement('div', { key, className: 'table-wrap', ...extra }, createElement('table', base, ...renderChildren(el.children, childWalk)))
  }
  return createElement(tag, props, ...renderChildren(el.children, childWalk))
}

/** One top-level child (null when it renders nothing: blank text, the highlighter's token CSS). */
function renderTop(child: MinimarkNode, opts: RenderOptions, index: number, extra: Record<string, unknown>): ReactNode {
  if (child.type === 'text') return child.value.trim() !== '' ? createElement('p', { key: index, ...extra }, child.value) : null
  // the site's highlighter appends its token CSS as a style element: its colours are drawn by CodeBlock
  if (child.type === 'element' && child.tag === 'style' && /\.(ct-[\w-]+|shiki)\b/.test(highlightCssOf([child]))) return null
  return renderNode(child, { opts, inline: false, parentTag: 'root' }, index, extra)
}

/** A top-level block, redrawn only when its node (or the options) change: unchanged blocks keep their DOM. */
const PreviewBlock = memo(function PreviewBlock({ node, opts, blockKey }: { node: MinimarkNode; opts: RenderOptions; blockKey: number }) {
  return renderTop(node, opts, 0, { 'data-key': blockKey })
})

/** The token colours of a body's highlighter CSS, if it has some (pass them as `tokenColors` to keep options stable). */
export function tokenColorsOf(children: MinimarkNode[]): TokenClassColors | undefined {
  const css = highlightCssOf(children)
  return css ? tokenClassColors(css) : undefined
}

/**
 * Renders the parser's body children to React elements — never `innerHTML` — mapping Nuxt's tags
 * (`code-inline`, fenced `code`, MDC components, slots) and dropping unsafe elements, attributes
 * and URLs. Top-level children carry `data-block` (index) and `data-line` (source line) for scroll sync.
 */
export function renderBody(children: MinimarkNode[], opts: RenderOptions): ReactNode {
  if (!opts.tokenColors) {
    const tokenColors = tokenColorsOf(children)
    if (tokenColors) opts = { ...opts, tokenColors }
  }
  const out: ReactNode[] = []
  children.forEach((child, index) => {
    const line = opts.blockLines?.[index]
    const extra = { 'data-block': index, ...(typeof line === 'number' ? { 'data-line': line } : {}) }
    const rendered = renderTop(child, opts, index, extra)
    if (rendered !== null) out.push(rendered)
  })
  return createElement(Fragment, null, ...out)
}

/**
 * Like {@link renderBody}, with stable keys for the top-level children (same order): each is its
 * own memoised block carrying `data-key`, so a re-render redraws only the blocks whose node object
 * changed — pass the same `opts` object between renders (with `tokenColors` already set, see
 * {@link tokenColorsOf}). `data-line`/`data-block` are set by {@link markBlockLines}.
 */
export function renderBlocks(children: readonly MinimarkNode[], keys: readonly number[], opts: RenderOptions): ReactNode {
  return createElement(Fragment, null, ...children.map((node, index) => createElement(PreviewBlock, { key: keys[index], node, opts, blockKey: keys[index] })))
}

/**
 * Sets `data-block` and `data-line` on the top-level blocks rendered with keys (`[data-key]`
 * children of `container`) from the latest parse — done on the DOM so that a line shift above a
 * block (a new line typed) does not redraw it. Only changed attributes are written.
 */
export function markBlockLines(container: HTMLElement, blockKeys: readonly number[], blockLines: readonly number[]): void {
  const index = new Map<number, number>()
  blockKeys.forEach((key, i) => index.set(key, i))
  for (const el of Array.from(container.children) as HTMLElement[]) {
    const key = Number(el.dataset.key)
    const i = index.get(key)
    if (i === undefined) continue
    const block = String(i)
    if (el.dataset.block !== block) el.dataset.block = block
    const line = blockLines[i]
    if (line === undefined) { if (el.dataset.line !== undefined) delete el.dataset.line }
    else if (el.dataset.line !== String(line)) el.dataset.line = String(line)
  }
}
