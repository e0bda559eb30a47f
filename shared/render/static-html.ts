// The parsed body of a post as a standalone HTML page (the export bundle's preview/): the same
// decisions as the app's preview (renderer/preview/render-body.tsx) — which tags render as
// themselves, how Nuxt's `code`/`code-inline`/MDC components/slots look, which attributes and URLs
// survive (shared/render/safe-attributes.ts) — but as an escaped string with no script, no event
// handler; remote images are kept (the published page loads them). Blocked tags are dropped, not labelled.
import type { MinimarkElement, MinimarkNode, ParsedContent } from '../parser/parse-types'
import { BLOCKED_TAGS, KNOWN_HTML_TAGS, VOID_TAGS, safeProps, siteFileUrl } from './safe-attributes'
import { judgeUrl, parseSrcset } from './url-policy'
import { propText, slotNameOf } from './mdc-slots'

/** Options of {@link renderStaticHtml}. */
export interface StaticHtmlOptions {
  /** Where the site's public files are, relative to the page (e.g. `../public/`): `/images/x.png` → `imageBase + 'images/x.png'`. */
  imageBase: string
  /** Stylesheet inlined into the page (the site's prose styles). */
  css: string
  /** The page's `lang` (default: `ko` when the post has Hangul in its title or description, else `en`). */
  lang?: string
}

/** The Content-Security-Policy of every static page: nothing runs; only images and media load (remote ones over https, as on the published page). */
export const STATIC_PAGE_CSP = "default-src 'none'; img-src 'self' data: file: https:; media-src 'self' file: https:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

/** The page frame around `.prose` (the prose styles assume the app's chrome variables and badge/tag looks). */
const PAGE_CSS = `:root { --font-mono: 'JetBrains Mono', 'D2Coding', ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color-scheme: light dark; }
html { background: #ffffff; }
@media (prefers-color-scheme: dark) { html { background: #111418; } }
body { margin: 0; -webkit-font-smoothing: antialiased; }
.prose { padding: 56px 32px 96px; }
.prose pre, .prose code, .prose kbd { font-family: var(--font-mono); }
.tag { display: inline-block; border-radius: 999px; }
.badge { display: inline-block; padding: 0 8px; border-radius: 999px; font-size: 12px; line-height: 20px; font-weight: 600; }
.badge--draft { background: #fef3c7; color: #92400e; }
.post-index { list-style: none; padding: 0; margin: 0; }
.post-index li { margin: 0 0 1.4em; padding-bottom: 1.2em; border-bottom: 1px solid var(--prose-rule); }
.post-index a { font-size: 1.2em; font-weight: 700; text-decoration: none; color: var(--prose-heading); }
.post-index .post-meta { margin-top: 0.3em; }
`

/** Parents whose children are phrasing content: MDC components inside them render inline (as in the preview). */
const PHRASING_PARENTS: ReadonlySet<string> = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'a', 'span', 'strong', 'em', 'b', 'i', 'u', 's', 'del', 'ins', 'mark', 'small',
  'sub', 'sup', 'code', 'code-inline', 'kbd', 'abbr', 'cite', 'q', 'label', 'summary', 'figcaption', 'td', 'th', 'dt',
])

/** Parents where whitespace-only text is dropped (the DOM would not keep it either). */
const NO_TEXT_PARENTS: ReadonlySet<string> = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr', 'colgroup', 'ul', 'ol', 'dl', 'select'])

/** React prop names `safeProps` returns → HTML attribute names. */
const HTML_NAMES: Record<string, string> = {
  className: 'class', colSpan: 'colspan', rowSpan: 'rowspan', dateTime: 'datetime', srcLang: 'srclang',
  defaultChecked: 'checked', readOnly: 'readonly',
}

/** Deepest nesting rendered (the parser already limits depth; this keeps the string builder bounded too). */
const MAX_DEPTH = 400

/** Escapes text for HTML content and double-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'))
}

/** Plain text of a subtree. */
function textOf(node: MinimarkNode): string {
  if (node.type === 'text') return typeof node.value === 'string' ? node.value : ''
  return (node.children ?? []).map(textOf).join('')
}

/** `camelCase` → `kebab-case` for style properties. */
function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())
}

/** Serialises the output of `safeProps` (plus our own additions) as HTML attributes. */
function attributes(props: Record<string, unknown>): string {
  let out = ''
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue
    const name = HTML_NAMES[key] ?? key.toLowerCase()
    if (/^on/i.test(name) || !/^[a-z][a-z0-9-]*$/.test(name)) continue
    if (name === 'style' && typeof value === 'object') {
      const css = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${kebab(k)}: ${String(v)}`).join('; ')
      if (css) out += ` style="${escapeHtml(css)}"`
      continue
    }
    out += value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`
  }
  return out
}

/**
 * A site path (`/images/x.png`) with its dot segments resolved as a browser would, or null when it
 * climbs above the site root (`/../../etc/passwd`): such a URL must not become `../public/../../…`.
 */
function normaliseSitePath(src: string): string | null {
  const match = /^([^?#]*)(.*)$/.exec(src.trim()) as RegExpExecArray
  const out: string[] = []
  const parts = match[1].split('/')
  for (const [i, part] of parts.entries()) {
    let decoded = part
    try { decoded = decodeURIComponent(part) } catch { /* keep as written */ }
    if (decoded === '.' || (decoded === '' && i > 0 && i < parts.length - 1)) continue
    if (decoded === '..') {
      if (out.length <= 1) return null
      out.pop()
      continue
    }
    if (decoded.includes('\\') || decoded.includes('/')) return null
    out.push(part)
  }
  return out.join('/') + match[2]
}

/**
 * The static page's media policy: the URL policy's scheme rules (see {@link judgeUrl}), site paths
 * under `imageBase` (refused when they climb above the site root), remote http(s) media kept as
 * written (the published page loads it too), inline raster data URLs kept, everything else refused (null).
 */
function staticMediaUrl(raw: unknown, imageBase: string): string | null {
  const judged = judgeUrl(raw, 'media')
  if (!judged.allowed || judged.kind === 'app-route') return null
  if (judged.kind !== 'site') return judged.url
  // a relative URL is taken from the site root, as the preview does
  const site = normaliseSitePath(judged.url.startsWith('/') ? judged.url : '/' + judged.url.replace(/^\.\//, ''))
  return site === null ? null : siteFileUrl(site, imageBase)
}

/** A `srcset` with every candidate through {@link staticMediaUrl}; null when any is refused. */
function staticSrcset(raw: unknown, imageBase: string): string | null {
  if (typeof raw !== 'string') return null
  const parts: string[] = []
  for (const candidate of parseSrcset(raw)) {
    const url = staticMediaUrl(candidate.url, imageBase)
    if (url === null) return null
    parts.push(candidate.descriptor ? `${url} ${candidate.descriptor}` : url)
  }
  return parts.length ? parts.join(', ') : null
}

interface Walk {
  imageBase: string
  inline: boolean
  parentTag: string
  depth: number
}

function renderChildren(children: MinimarkNode[] | undefined, walk: Walk): string {
  let out = ''
  for (const child of children ?? []) {
    if (child?.type === 'text' && NO_TEXT_PARENTS.has(walk.parentTag) && String(child.value).trim() === '') continue
    out += renderNode(child, walk)
  }
  return out
}

/** A fenced code block: filename label, language badge, one span per line, highlighted lines marked. */
function codeBlock(el: MinimarkElement): string {
  const code = typeof el.props.code === 'string' ? el.props.code : textOf(el)
  const language = typeof el.props.language === 'string' ? el.props.language : ''
  const filename = typeof el.props.filename === 'string' ? el.props.filename : ''
  const marked = new Set(Array.isArray(el.props.highlights) ? el.props.highlights.filter((n): n is number => typeof n === 'number') : [])
  const header = filename || language
    ? `<div class="code-block__header">${filename ? `<span class="code-block__filename">${escapeHtml(filename)}</span>` : ''}${language ? `<span class="code-block__language">${escapeHtml(language)}</span>` : ''}</div>`
    : ''
  const lines = code.replace(/\n$/, '').split('\n')
    .map((line, i) => `<span class="${marked.has(i + 1) ? 'line line--highlight' : 'line'}">${escapeHtml(line || ' ')}</span>`).join('')
  const lang = language ? ` data-language="${escapeHtml(language)}"` : ''
  const preClass = language ? ` class="language-${escapeHtml(language)}"` : ''
  return `<div class="code-block"${lang}>${header}<pre${preClass}><code>${lines}</code></pre></div>`
}

/** An MDC component drawn as the preview's labelled box: name, props as text, default and named slots. */
function mdcComponent(name: string, el: MinimarkElement, walk: Walk): string {
  const childWalk: Walk = { ...walk, parentTag: name, depth: walk.depth + 1 }
  const props = Object.entries(el.props ?? {}).filter(([key]) => !/^on/i.test(key))
    .map(([key, value]) => `<span class="mdc-prop"><span class="mdc-prop__key">${escapeHtml(key === 'className' ? 'class' : key)}</span>=<span class="mdc-prop__value">${escapeHtml(propText(Array.isArray(value) && key === 'className' ? value.join(' ') : value))}</span></span>`)
    .join('')
  const data = ` data-component="${escapeHtml(name)}"`
  if (walk.inline) {
    return `<span class="mdc-inline"${data}><span class="mdc-inline__name">:${escapeHtml(name)}</span>${renderChildren(el.children, childWalk)}${props ? `<span class="mdc-inline__props">${props}</span>` : ''}</span>`
  }
  const defaultSlot: MinimarkNode[] = []
  const named: Array<{ name: string; nodes: MinimarkNode[] }> = []
  for (const node of el.children ?? []) {
    const slot = slotNameOf(node)
    if (slot === null) defaultSlot.push(node)
    else named.push({ name: slot, nodes: (node as MinimarkElement).children ?? [] })
  }
  const hasDefault = defaultSlot.some((n) => n.type === 'element' || String(n.value).trim() !== '')
  let out = `<div class="mdc-component"${data}><div class="mdc-component__header"><span class="mdc-component__name">::${escapeHtml(name)}</span>${props ? `<span class="mdc-component__props">${props}</span>` : ''}</div>`
  if (hasDefault) out += `<div class="mdc-component__body">${renderChildren(defaultSlot, childWalk)}</div>`
  for (const slot of named) {
    out += `<div class="mdc-slot" data-slot="${escapeHtml(slot.name)}"><div class="mdc-slot__name">#${escapeHtml(slot.name)}</div>${renderChildren(slot.nodes, childWalk)}</div>`
  }
  if (!hasDefault && named.length === 0) out += '<div class="mdc-component__empty">no content</div>'
  return out + '</div>'
}

/** Renders one node of the parsed body as HTML, enforcing the preview's safety policy. */
function renderNode(node: MinimarkNode, walk: Walk): string {
  if (!node || typeof node !== 'object') return ''
  if (node.type === 'text') return typeof node.value === 'string' ? escapeHtml(node.value) : ''
  if (node.type !== 'element' || typeof node.tag !== 'string' || walk.depth > MAX_DEPTH) return ''
  const el = node as MinimarkElement
  const tag = el.tag.toLowerCase()
  if (BLOCKED_TAGS.has(tag)) return ''
  const inline = walk.inline || PHRASING_PARENTS.has(tag)
  const childWalk: Walk = { imageBase: walk.imageBase, inline, parentTag: tag, depth: walk.depth + 1 }
  if (tag === 'code' && (typeof el.props?.code === 'string' || el.children?.some((c) => c.type === 'element' && c.tag === 'pre'))) return codeBlock(el)
  if (tag === 'code-inline') return `<code>${renderChildren(el.children, childWalk)}</code>`
  if (tag === 'template') {
    const wrapper = walk.inline ? 'span' : 'div'
    return `<${wrapper} class="mdc-slot">${renderChildren(el.children, childWalk)}</${wrapper}>`
  }
  if (!KNOWN_HTML_TAGS.has(tag)) return mdcComponent(el.tag, el, walk)
  const rawProps = { ...(el.props ?? {}) }
  // media URLs of the static page are decided here (site paths under imageBase, remote kept); safeProps does the rest
  const src = 'src' in rawProps ? staticMediaUrl(rawProps.src, walk.imageBase) : null
  const poster = 'poster' in rawProps ? staticMediaUrl(rawProps.poster, walk.imageBase) : null
  const srcset = 'srcSet' in rawProps || 'srcset' in rawProps ? staticSrcset(rawProps.srcSet ?? rawProps.srcset, walk.imageBase) : null
  delete rawProps.src
  delete rawProps.poster
  delete rawProps.srcSet
  delete rawProps.srcset
  const base = safeProps(tag, rawProps, { siteFileBase: walk.imageBase })
  const props: Record<string, unknown> = { ...base }
  if (src !== null && (tag === 'img' || tag === 'source' || tag === 'video' || tag === 'audio' || tag === 'track')) props.src = src
  if (poster !== null && tag === 'video') props.poster = poster
  if (srcset !== null && (tag === 'img' || tag === 'source')) props.srcset = srcset
  if ((tag === 'th' || tag === 'td') && typeof el.props?.align === 'string') {
    delete props.align
    if (/^(left|right|center|justify)$/.test(el.props.align)) props.style = { ...(props.style as object | undefined), textAlign: el.props.align }
  } else if (tag === 'th' || tag === 'td') delete props.align
  if (tag === 'img') {
    if (!props.src) return `<span class="preview-missing-image">${escapeHtml(`[image: ${String(el.props?.alt ?? el.props?.src ?? '').slice(0, 80) || 'blocked source'}]`)}</span>`
    props.decoding = 'async'
  }
  if (tag === 'a' && typeof props.href === 'string' && !props.href.startsWith('#')) props.rel = 'noopener noreferrer'
  if (VOID_TAGS.has(tag)) return `<${tag}${attributes(props)}>`
  const inner = renderChildren(el.children, childWalk)
  if (/^h[1-6]$/.test(tag) && typeof props.id === 'string') {
    return `<${tag}${attributes(props)}><a href="#${escapeHtml(props.id)}" class="heading-anchor">${inner}</a></${tag}>`
  }
  if (tag === 'table') return `<div class="table-wrap"><table${attributes(base)}>${inner}</table></div>`
  return `<${tag}${attributes(props)}>${inner}</${tag}>`
}

/** The body's children as HTML: top-level text becomes a paragraph, as in the preview. */
function renderBodyHtml(children: MinimarkNode[], imageBase: string): string {
  const walk: Walk = { imageBase, inline: false, parentTag: 'root', depth: 0 }
  let out = ''
  for (const child of children) {
    if (child?.type === 'text') {
      if (String(child.value).trim() !== '') out += `<p>${escapeHtml(String(child.value))}</p>\n`
      continue
    }
    out += renderNode(child, walk) + '\n'
  }
  return out
}

/** A frontmatter date as `YYYY-MM-DD` text (strings as written). */
function dateText(value: unknown): string {
  return typeof value === 'string' ? value : value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : ''
}

/** The post's string tags. */
function tagsOf(parsed: ParsedContent): string[] {
  return Array.isArray(parsed.tags) ? (parsed.tags as unknown[]).filter((t): t is string => typeof t === 'string') : []
}

/** True when Nuxt took the title from the body's leading `# heading`, which the body already shows. */
function titleRepeatsFirstHeading(parsed: ParsedContent): boolean {
  const first = parsed.body?.children?.find((n) => n.type === 'element' || String(n.value).trim() !== '')
  return !!first && first.type === 'element' && first.tag === 'h1' && textOf(first).trim() === String(parsed.title ?? '').trim()
}

/** `ko` when the text has Hangul, else `en`. */
function guessLang(...texts: unknown[]): string {
  return texts.some((t) => typeof t === 'string' && /[\uac00-\ud7a3]/.test(t)) ? 'ko' : 'en'
}

/** Keeps inlined CSS from closing its `<style>` element: every `<` becomes the CSS escape `\3c `. */
function styleText(css: string): string {
  return css.replace(/</g, '\\3c ')
}

/** The date, tags and draft badge line of a post (empty when it has none). */
function metaHtml(parsed: ParsedContent): string {
  const date = dateText(parsed.date)
  const tags = tagsOf(parsed)
  if (!date && !tags.length) return ''
  return `<div class="post-meta">${date ? `<time datetime="${escapeHtml(date)}">${escapeHtml(date)}</time>` : ''}${tags.length ? `<span class="post-tags">${tags.map((t) => `<span class="tag">#${escapeHtml(t)}</span>`).join('')}</span>` : ''}</div>`
}

/** The HTML document around a page's content: charset, CSP, viewport, title, the inlined styles. */
function page(title: string, lang: string, css: string, content: string): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(STATIC_PAGE_CSP)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
${styleText(css)}
${PAGE_CSS}</style>
</head>
<body>
${content}
</body>
</html>
`
}

/**
 * The post as a standalone HTML document: the site's prose styles inlined, the title as `<h1>`
 * with date and tags (like the preview's header), then the body rendered with the preview's
 * safety policy — every text and attribute escaped, no `on*` attribute, blocked tags dropped, MDC
 * components as labelled boxes, site images under `imageBase`, remote images kept as the published page has them, no script.
 */
export function renderStaticHtml(parsed: ParsedContent, options: StaticHtmlOptions): string {
  const title = typeof parsed.title === 'string' ? parsed.title : String(parsed.title ?? '')
  const showTitle = !!title && !titleRepeatsFirstHeading(parsed)
  const isDraft = parsed._draft === true || parsed.draft === true
  const meta = metaHtml(parsed)
  const header = showTitle || meta || isDraft
    ? `<header class="post-header">\n${isDraft ? '<span class="badge badge--draft">Draft</span>\n' : ''}${showTitle ? `<h1 class="post-title">${escapeHtml(title)}</h1>\n` : ''}${meta ? meta + '\n' : ''}</header>\n`
    : ''
  const body = renderBodyHtml(parsed.body?.children ?? [], options.imageBase)
  const lang = options.lang ?? guessLang(parsed.title, parsed.description)
  return page(title || 'Untitled post', lang, options.css, `<article class="prose">\n${header}<div class="post-body">\n${body}</div>\n</article>`)
}

/** One entry of a bundle's preview index. */
export interface StaticIndexEntry {
  title: string
  /** The post's page, a `/`-separated path relative to the index (e.g. `blog/2024-01-16-llama2.html`); its segments are URL-encoded here. */
  href: string
  date?: string
  tags?: string[]
}

/** The preview index of a bundle with several posts: a list linking each post's page. */
export function renderStaticIndex(entries: StaticIndexEntry[], options: { css: string; lang?: string; title?: string }): string {
  const title = options.title ?? `${entries.length} posts`
  const items = entries.map((entry) => {
    const meta = metaHtml({ date: entry.date ?? '', tags: entry.tags ?? [] } as unknown as ParsedContent)
    const href = entry.href.split('/').map(encodeURIComponent).join('/')
    return `<li><a href="${escapeHtml(href)}">${escapeHtml(entry.title || entry.href)}</a>${meta}</li>`
  }).join('\n')
  const lang = options.lang ?? guessLang(...entries.map((e) => e.title))
  return page(title, lang, options.css, `<article class="prose">\n<header class="post-header"><h1 class="post-title">${escapeHtml(title)}</h1></header>\n<ul class="post-index">\n${items}\n</ul>\n</article>`)
}
