// The one URL policy of the preview, the HTML export and the pre-publish checks: which URLs a post
// may link to and which it may load as media. A URL is first cleaned the way browsers' URL parser
// cleans it (leading/trailing C0 controls and spaces stripped, tabs and newlines removed anywhere),
// then — stricter than browsers — Unicode spaces and invisible characters are ignored when looking
// for a scheme, so `\u00a0javascript:` or `java\u200bscript:` can never pass as a harmless path.

/** Where a URL is used: followed as a link (`href`, `cite`, `action`, …) or loaded as media (`src`, `poster`, `srcset`, …). */
export type UrlContext = 'link' | 'media'

/** What an allowed URL points at. */
export type UrlKind = 'anchor' | 'site' | 'external' | 'data' | 'app-route'

/** The policy's answer for one URL: allowed (with its cleaned form, kind and host) or refused (with why). */
export type UrlJudgement =
  | { allowed: true; url: string; kind: UrlKind; host: string | null }
  | { allowed: false; reason: string; scheme?: string; host?: string | null }

/** Options of {@link judgeUrl}. */
export interface UrlPolicyOptions {
  /** Where the app serves the site's public files (`inkpost-site://site` in Electron): media URLs under it are the app's own. */
  siteFileBase?: string
}

/** The Electron protocol that serves the open site's public files (see electron/app-urls.ts); always the app's own image route. */
export const APP_IMAGE_ROUTE = 'inkpost-site://site/'

/** Every attribute (lower-case HTML name) whose value is a URL a browser follows or loads, with the context it is judged in. */
export const URL_ATTRIBUTES: Readonly<Record<string, UrlContext>> = Object.freeze({
  href: 'link', action: 'link', formaction: 'link', 'xlink:href': 'link', cite: 'link', ping: 'link', longdesc: 'link',
  manifest: 'link', codebase: 'link', data: 'link',
  src: 'media', srcset: 'media', poster: 'media', background: 'media', lowsrc: 'media', dynsrc: 'media',
})

/** What browsers strip from both ends of a URL (C0 controls and space). */
// eslint-disable-next-line no-control-regex
const BROWSER_TRIM = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g
/** What browsers remove anywhere in a URL (ASCII tab and newlines). */
const BROWSER_REMOVED = /[\t\n\r]/g
/** Unicode spaces and invisible characters: never part of a scheme, stripped from both ends and ignored when looking for one (combining joiners and variation selectors too, each on its own). */
// eslint-disable-next-line no-control-regex, no-misleading-character-class
const INVISIBLE = /[\u0000-\u0020\u007f-\u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u17b4\u17b5\u180b-\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8]/g
// eslint-disable-next-line no-misleading-character-class
const INVISIBLE_ENDS = new RegExp(`^(?:${INVISIBLE.source})+|(?:${INVISIBLE.source})+$`, 'g')
const SCHEME = /^([a-z][a-z0-9+.-]*):/
/** Raster images a data URL may carry (SVG can hold script, so it is refused). */
const IMAGE_DATA_URL = /^data:image\/(?:png|jpeg|gif|webp|avif)(?:;[a-z0-9=._+-]+)*(?:;base64)?,[a-z0-9+/=%._~\s-]*$/i

/**
 * Cleans a URL as browsers do before parsing it — C0 controls and spaces stripped from both ends,
 * tabs and newlines removed everywhere — and also strips Unicode spaces (NBSP, U+3000, …) and
 * invisible characters from both ends, which browsers would keep but no writer means.
 */
export function cleanUrl(raw: string): string {
  return raw.replace(BROWSER_TRIM, '').replace(BROWSER_REMOVED, '').replace(INVISIBLE_ENDS, '')
}

/** The host (lower-case, without user info and port) of `//host…` with backslashes read as slashes; null when it has none. */
function hostOf(afterScheme: string): string | null {
  const match = /^[\\/]{2,}([^\\/?#]*)/.exec(afterScheme)
  if (!match) return null
  const authority = match[1].slice(match[1].lastIndexOf('@') + 1)
  const host = (authority.startsWith('[') ? authority.slice(0, authority.indexOf(']') + 1) : authority.replace(/:\d*$/, '')).toLowerCase()
  return host.replace(INVISIBLE, '') === '' ? null : host
}

/**
 * Judges one URL for `context`. Links: `http`, `https`, `mailto`, `tel`, `#anchors` and site paths
 * (`/x`, `./x`, `../x`, `x`). Media: site paths, `http(s)`, the app's own image route and raster
 * `data:image/(png|jpeg|gif|webp|avif)`. `//host`, `/\host` and `\\host` are external (an https URL
 * of that host), never site paths. Every other scheme — `javascript:`, `vbscript:`, `data:text/html`,
 * `file:`, … — is refused, wherever invisible characters hide it.
 */
export function judgeUrl(raw: unknown, context: UrlContext, options: UrlPolicyOptions = {}): UrlJudgement {
  if (typeof raw !== 'string') return { allowed: false, reason: 'not a string' }
  const url = cleanUrl(raw)
  if (url === '') return { allowed: false, reason: 'empty' }
  const probe = url.replace(INVISIBLE, '').toLowerCase()
  const scheme = SCHEME.exec(probe)?.[1]
  if (scheme === undefined) {
    // `//host`, `/\\host`, `\\\\host`: browsers read them as another host, never as a site path
    if (/^[\\/]{2}/.test(url)) return { allowed: false, reason: `a network-path URL to ${hostOf(url) ?? 'no host'}; write https:// for another host`, host: hostOf(url) }
    if (url.startsWith('#')) return context === 'link' ? { allowed: true, url, kind: 'anchor', host: null } : { allowed: false, reason: 'an anchor is not media' }
    return { allowed: true, url: url.replace(/\\/g, '/'), kind: 'site', host: null }
  }
  const rest = url.slice(url.indexOf(':') + 1)
  if (scheme === 'http' || scheme === 'https') {
    const host = hostOf(rest) ?? hostOf('//' + rest)
    if (!host) return { allowed: false, reason: `an ${scheme} URL without a host` }
    return { allowed: true, url: `${scheme}:${rest}`, kind: 'external', host }
  }
  if (context === 'link') {
    if (scheme === 'mailto' || scheme === 'tel') return { allowed: true, url: `${scheme}:${rest}`, kind: 'external', host: null }
    return { allowed: false, reason: `${scheme}: links are not allowed`, scheme }
  }
  if (scheme === 'data') {
    const clean = `data:${rest}`
    return IMAGE_DATA_URL.test(clean) ? { allowed: true, url: clean, kind: 'data', host: null } : { allowed: false, reason: 'only raster data:image URLs may be media', scheme }
  }
  const own = [APP_IMAGE_ROUTE, ...(options.siteFileBase && SCHEME.test(options.siteFileBase.toLowerCase()) ? [options.siteFileBase.replace(/\/*$/, '/')] : [])]
  const normal = `${scheme}:${rest}`
  if (own.some((prefix) => normal.toLowerCase().startsWith(prefix.toLowerCase()))) return { allowed: true, url: normal, kind: 'app-route', host: null }
  return { allowed: false, reason: `${scheme}: media is not allowed`, scheme }
}

/** One candidate of a `srcset`: its URL and descriptor (`2x`, `480w`, or empty). */
export interface SrcsetCandidate {
  url: string
  descriptor: string
}

/** Splits a `srcset` value into candidates as browsers do (a URL, then an optional descriptor, separated by commas). */
export function parseSrcset(value: string): SrcsetCandidate[] {
  const out: SrcsetCandidate[] = []
  let i = 0
  while (i < value.length) {
    while (i < value.length && /[\s,]/.test(value[i])) i++
    if (i >= value.length) break
    let end = i
    while (end < value.length && !/\s/.test(value[end])) end++
    let url = value.slice(i, end)
    i = end
    let descriptor = ''
    if (/,+$/.test(url)) url = url.replace(/,+$/, '')
    else {
      const comma = value.indexOf(',', i)
      descriptor = value.slice(i, comma < 0 ? value.length : comma).trim()
      i = comma < 0 ? value.length : comma + 1
    }
    if (url) out.push({ url, descriptor })
  }
  return out
}

/** Judges every candidate of a `srcset` as media; the srcset is allowed only when all of them are. */
export function judgeSrcset(value: unknown, options: UrlPolicyOptions = {}): { allowed: boolean; candidates: Array<SrcsetCandidate & { judgement: UrlJudgement }> } {
  if (typeof value !== 'string') return { allowed: false, candidates: [] }
  const candidates = parseSrcset(value).map((c) => ({ ...c, judgement: judgeUrl(c.url, 'media', options) }))
  return { allowed: candidates.length > 0 && candidates.every((c) => c.judgement.allowed), candidates }
}

/** Judges the value of an HTML attribute by its name (`href`, `poster`, `srcset`, …); null when the attribute carries no URL. */
export function judgeUrlAttribute(name: string, value: unknown, options: UrlPolicyOptions = {}): UrlJudgement | null {
  const context = URL_ATTRIBUTES[name.toLowerCase()]
  if (!context) return null
  if (name.toLowerCase() === 'srcset') {
    const set = judgeSrcset(value, options)
    if (set.allowed) return { allowed: true, url: String(value), kind: 'site', host: null }
    const refused = set.candidates.map((c) => c.judgement).find((j) => !j.allowed)
    return refused ?? { allowed: false, reason: 'an empty srcset' }
  }
  return judgeUrl(value, context, options)
}

/** True when an allowed media URL would load from another host (`http(s)` off the site): such media waits until the writer allows it. */
export function isRemoteMedia(judgement: UrlJudgement): judgement is { allowed: true; url: string; kind: 'external'; host: string } {
  return judgement.allowed && judgement.kind === 'external' && judgement.host !== null
}
