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

const IMAGE_DATA_URL = /^data:image\/(?:png|jpeg|gif|webp)(?:;base64)?,[a-z0-9+/=%\s]*$/i
const SAFE_SCHEME = /^(?:https?|mailto|tel):/i

/** Removes the characters browsers ignore inside URL schemes (`java\tscript:`) before the scheme is checked. */
function normaliseForSchemeCheck(url: string): string {
  // eslint-disable-next-line no-control-regex
  return url.replace(/[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\ufeff]/g, '').toLowerCase()
}

/** True when `url` has an explicit scheme (`x:`) before any `/`, `?` or `#`. */
function hasScheme(cleaned: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/.test(cleaned)
}

/**
 * Link policy: http(s), mailto, tel, fragments and site-relative URLs pass; every other scheme
 * (`javascript:`, `data:`, `vbscript:`, `file:`, …) is refused. Returns null when refused.
 */
export function safeHref(url: unknown): string | null {
  if (typeof url !== 'string') return null
  const cleaned = normaliseForSchemeCheck(url)
  if (cleaned.startsWith('//')) return null // protocol-relative: would leave the host unexpectedly
  if (!hasScheme(cleaned)) return url.trim()
  return SAFE_SCHEME.test(cleaned) ? url.trim() : null
}

/** What kind of navigation a (safe) href means for the preview. */
export type LinkKind = 'anchor' | 'external' | 'site'

/** Classifies a safe href: `#x` scrolls the preview, http(s)/mailto/tel open outside, the rest are site paths. */
export function linkKind(href: string): LinkKind {
  if (href.startsWith('#')) return 'anchor'
  return SAFE_SCHEME.test(normaliseForSchemeCheck(href)) ? 'external' : 'site'
}

/**
 * Image policy: site paths are served from the host (`siteFileBase + /images/x.png`), http(s) stay,
 * only raster `data:image/(png|jpeg|gif|webp)` data URLs are allowed, everything else is refused (null).
 */
export function safeImageSrc(src: unknown, siteFileBase: string): string | null {
  if (typeof src !== 'string' || src.trim() === '') return null
  const trimmed = src.trim()
  const cleaned = normaliseForSchemeCheck(trimmed)
  if (cleaned.startsWith('//')) return null
  if (cleaned.startsWith('data:')) return IMAGE_DATA_URL.test(trimmed) ? trimmed : null
  if (hasScheme(cleaned)) return /^https?:/.test(cleaned) ? trimmed : null
  const base = siteFileBase.replace(/\/+$/, '')
  return trimmed.startsWith('/') ? base + trimmed : `${base}/${trimmed.replace(/^\.\//, '')}`
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
  'controls', 'loop', 'muted', 'poster', 'kind', 'label', 'srcLang', 'media', 'sizes', 'color', 'face', 'size',
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

/** Context the attribute filter needs: where site files are served from. */
export interface AttributeContext {
  siteFileBase: string
}

/**
 * Converts the parser's hast-style props of one element into safe React props: an allow-list of
 * attributes, `className` arrays joined, `data-*`/`aria-*` kept as strings, URLs checked, `style`
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
    } else if (key === 'href') {
      const href = tag === 'a' || tag === 'area' ? safeHref(raw) : null
      if (href !== null) out.href = href
    } else if (key === 'src') {
      const src = safeImageSrc(raw, ctx.siteFileBase)
      if (src !== null && (tag === 'img' || tag === 'source' || tag === 'video' || tag === 'audio' || tag === 'track')) out.src = src
    } else if (key === 'cite') {
      const cite = safeHref(raw)
      if (cite !== null) out.cite = cite
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
