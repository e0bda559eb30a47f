import { judgeSrcset, judgeUrl, URL_ATTRIBUTES, type UrlJudgement } from './url-policy'

/** A parsed inline style: camelCased property names (as React's `style` prop wants them) to their checked values. */
export type SafeStyle = Record<string, string>

/** Elements that must never reach the DOM, whatever the post contains (the parser keeps `<script>` in the tree, as the site's does). */
export const BLOCKED_TAGS: ReadonlySet<string> = new Set([
  'script', 'iframe', 'object', 'embed', 'base', 'meta', 'form', 'style', 'link',
  'frame', 'frameset', 'applet', 'noscript', 'portal', 'fencedframe', 'head', 'html', 'body', 'title',
  'textarea', 'select', 'option', 'button', 'dialog', 'svg', 'math', 'template-content',
])

/** HTML elements the preview renders as themselves; any other tag is treated as an MDC (Vue) component. */
export const KNOWN_HTML_TAGS: ReadonlySet<string> = new Set([
  'a', 'abbr', 'address', 'article', 'aside', 'audio', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'caption', 'center', 'cite',
  'code', 'col', 'colgroup', 'data', 'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure',
  'font', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'i', 'img', 'input', 'ins', 'kbd', 'label', 'li',
  'main', 'mark', 'nav', 'ol', 'p', 'picture', 'pre', 'q', 'rp', 'rt', 'ruby', 's', 'samp', 'section', 'small', 'source',
  'span', 'strike', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr',
  'tt', 'u', 'ul', 'var', 'video', 'wbr', 'track', 'map', 'area', 'hgroup', 'search', 'meter', 'progress', 'output',
])

/** Void elements: React refuses children for them. */
export const VOID_TAGS: ReadonlySet<string> = new Set(['br', 'hr', 'img', 'input', 'wbr', 'col', 'source', 'track', 'area'])

/**
 * Link policy (see {@link judgeUrl}): http(s), mailto, tel, `#anchors` and site paths pass, cleaned;
 * `//host`, `/\\host`, `\\\\host` and every other scheme are refused (null).
 */
export function safeHref(url: unknown): string | null {
  const judged = judgeUrl(url, 'link')
  return judged.allowed ? judged.url : null
}

/** What kind of navigation a (safe) href means for the preview. */
export type LinkKind = 'anchor' | 'external' | 'site'

/** Classifies a safe href: `#x` scrolls the preview, http(s)/mailto/tel open outside, the rest are site paths. */
export function linkKind(href: string): LinkKind {
  const judged = judgeUrl(href, 'link')
  if (!judged.allowed) return 'site'
  return judged.kind === 'anchor' ? 'anchor' : judged.kind === 'external' ? 'external' : 'site'
}

/** A site path (`/images/x.png`, `images/x.png`, `./x.png`) under the route the site's files are served from. */
export function siteFileUrl(path: string, siteFileBase: string): string {
  const base = siteFileBase.replace(/\/+$/, '')
  return path.startsWith('/') ? base + path : `${base}/${path.replace(/^\.\//, '')}`
}

/**
 * Media policy (see {@link judgeUrl}): site paths are served from the host (`siteFileBase +
 * /images/x.png`), http(s) and the app's image route stay, only raster `data:image/(png|jpeg|gif|webp|avif)`
 * data URLs are allowed, everything else is refused (null). Whether a remote URL may load is decided
 * by the caller ({@link AttributeContext.allowRemoteHost}).
 */
export function safeImageSrc(src: unknown, siteFileBase: string): string | null {
  const judged = judgeUrl(src, 'media', { siteFileBase })
  if (!judged.allowed) return null
  return judged.kind === 'site' ? siteFileUrl(judged.url, siteFileBase) : judged.url
}

const STYLE_PROPERTIES: ReadonlySet<string> = new Set([
  'text-align', 'color', 'background-color', 'font-weight', 'font-style', 'font-size', 'text-decoration', 'vertical-align',
  'width', 'max-width', 'min-width', 'height', 'max-height', 'margin', 'margin-top', 'margin-bottom', 'margin-left',
  'margin-right', 'padding', 'padding-top', 'padding-bottom', 'padding-left', 'padding-right', 'border-radius',
  'display', 'float', 'white-space', 'line-height', 'letter-spacing', 'text-transform', 'opacity',
])

/**
 * Parses an inline `style` string into a style object (React's `style` prop shape), keeping only simple, harmless
 * declarations: allow-listed properties whose value has no `url(`, `expression(`, `@import`, escapes or
 * markup. Raw style strings never reach React (it would refuse them anyway).
 */
export function parseSafeStyle(style: unknown): SafeStyle | undefined {
  if (typeof style !== 'string') return undefined
  const out: Record<string, string> = {}
  for (const declaration of style.split(';')) {
    const colon = declaration.indexOf(':')
    if (colon < 0) continue
    const name = declaration.slice(0, colon).trim().toLowerCase()
    const value = declaration.slice(colon + 1).trim()
    if (!STYLE_PROPERTIES.has(name) || value === '' || value.length > 100) continue
    if (/url\s*\(|expression\s*\(|@import|javascript:|[\\<>{}"'`]|\/\*/i.test(value)) continue
    if (!/^[#a-z0-9 .,%()+-]+$/i.test(value)) continue
    out[name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = value
  }
  return Object.keys(out).length ? out : undefined
}

/** hast property names (camelCase) that map straight to React props of the same name. */
const PLAIN_PROPS: ReadonlySet<string> = new Set([
  'id', 'title', 'alt', 'width', 'height', 'align', 'valign', 'colSpan', 'rowSpan', 'start', 'reversed', 'lang', 'dir',
  'dateTime', 'open', 'abbr', 'scope', 'headers', 'loading', 'decoding', 'role', 'span', 'value', 'translate',
  'controls', 'loop', 'muted', 'kind', 'label', 'srcLang', 'media', 'sizes', 'color', 'face', 'size',
])

/** Names that could clobber globals the app reads through `window` (DOM clobbering). */
const CLOBBER_NAMES: ReadonlySet<string> = new Set(['inkpost', 'app', 'root', 'document', 'location', 'top', 'parent', 'self', 'opener', 'name'])

/** Turns a hast property value into an attribute string, as hast does (arrays joined by spaces). */
function toAttributeString(value: unknown): string | null {
  if (value === null || value === undefined || value === false) return null
  if (Array.isArray(value)) return value.map(String).join(' ')
  if (typeof value === 'string' || typeof value === 'number' || value === true) return value === true ? '' : String(value)
  return null
}

/** Context the attribute filter needs: where site files are served from, and which remote hosts may load media. */
export interface AttributeContext {
  siteFileBase: string
  /** Whether media from `host` (an http(s) URL off the site) may load; absent means every host may (the static export). */
  allowRemoteHost?: (host: string) => boolean
}

/** hast property names of URL attributes whose HTML name is not simply the lower-cased property. */
const HAST_URL_NAMES: Readonly<Record<string, string>> = { xLinkHref: 'xlink:href', xlinkHref: 'xlink:href', 'xlink:href': 'xlink:href' }

/** The HTML name of a URL-bearing hast property (`srcSet` → `srcset`), or null when it carries no URL. */
export function urlAttributeName(key: string): string | null {
  const name = HAST_URL_NAMES[key] ?? key.toLowerCase()
  return name in URL_ATTRIBUTES ? name : null
}

/** Which elements may keep which URL attribute (every other URL attribute is dropped after being judged). */
const URL_ATTRIBUTE_TAGS: Readonly<Record<string, ReadonlySet<string>>> = {
  href: new Set(['a', 'area']),
  cite: new Set(['blockquote', 'q', 'del', 'ins']),
  src: new Set(['img', 'source', 'video', 'audio', 'track']),
  poster: new Set(['video']),
  srcset: new Set(['img', 'source']),
}

/** A media judgement as the value the DOM gets: site paths under `siteFileBase`; null when refused or remote and not allowed. */
function mediaValue(judged: UrlJudgement, ctx: AttributeContext): string | null {
  if (!judged.allowed) return null
  if (judged.kind === 'external' && judged.host !== null && ctx.allowRemoteHost && !ctx.allowRemoteHost(judged.host)) return null
  return judged.kind === 'site' ? siteFileUrl(judged.url, ctx.siteFileBase) : judged.url
}

/**
 * The safe value of URL attribute `name` on `tag` (judged by the URL policy, see {@link judgeUrl}),
 * or null when it must be dropped: refused URLs, remote media not allowed, and URL attributes the
 * element has no business carrying (`action`, `formaction`, `xlink:href`, `background`, `ping`, …).
 */
export function safeUrlAttribute(tag: string, name: string, raw: unknown, ctx: AttributeContext): string | null {
  if (!URL_ATTRIBUTE_TAGS[name]?.has(tag)) return null
  if (name === 'href' || name === 'cite') return safeHref(raw)
  if (name === 'srcset') {
    const set = judgeSrcset(typeof raw === 'string' ? raw : Array.isArray(raw) ? raw.join(' ') : raw, { siteFileBase: ctx.siteFileBase })
    if (!set.allowed) return null
    const parts: string[] = []
    for (const candidate of set.candidates) {
      const value = mediaValue(candidate.judgement, ctx)
      if (value === null) return null
      parts.push(candidate.descriptor ? `${value} ${candidate.descriptor}` : value)
    }
    return parts.join(', ')
  }
  return mediaValue(judgeUrl(raw, 'media', { siteFileBase: ctx.siteFileBase }), ctx)
}

/**
 * Converts the parser's hast-style props of one element into safe React props: an allow-list of
 * attributes, `className` arrays joined, `data-*`/`aria-*` kept as strings, every URL attribute judged by the URL policy, `style`
 * parsed into an object, and every `on*` handler, `srcdoc`, `formaction`, `xlink:href`, … dropped.
 */
export function safeProps(tag: string, props: Record<string, unknown>, ctx: AttributeContext): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, raw] of Object.entries(props ?? {})) {
    if (/^on/i.test(key)) continue
    if (key === 'className' || key === 'class') {
      const value = toAttributeString(raw)
      if (value) out.className = value
    } else if (key === 'style') {
      const style = parseSafeStyle(raw)
      if (style) out.style = style
    } else if (urlAttributeName(key) !== null) {
      const name = urlAttributeName(key) as string
      const value = safeUrlAttribute(tag, name, raw, ctx)
      if (value !== null) out[name === 'srcset' ? 'srcSet' : name] = value
    } else if (key === 'checked' || key === 'disabled') {
      if (tag === 'input') out[key === 'checked' ? 'defaultChecked' : 'disabled'] = raw !== false && raw !== null
    } else if (key === 'type') {
      if (tag === 'ol' || tag === 'li') out.type = toAttributeString(raw)
      else if (tag === 'input' && raw === 'checkbox') out.type = 'checkbox'
    } else if (/^(data|aria)[A-Z-]/.test(key) || /^(data|aria)-/.test(key)) {
      const value = toAttributeString(raw)
      const name = key.includes('-')
        ? key.toLowerCase()
        : key.startsWith('aria')
          ? 'aria-' + key.slice(4).toLowerCase()
          : key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())
      if (value !== null && /^(data|aria)-[a-z0-9-]+$/.test(name)) out[name] = value
    } else if (PLAIN_PROPS.has(key)) {
      const value = toAttributeString(raw)
      if (value === null) continue
      if (key === 'id' && CLOBBER_NAMES.has(value.toLowerCase())) continue
      out[key] = key === 'open' || key === 'reversed' || key === 'controls' || key === 'loop' || key === 'muted' ? true : value
    }
  }
  if (tag === 'input') {
    if (out.type !== 'checkbox') return {}
    out.disabled = true
    out.readOnly = true
  }
  return out
}
