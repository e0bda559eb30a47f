import mdurl from 'mdurl'
import { generatePath } from '../parser/path-meta'
import type { SiteIndex } from './finding'

/** The post a link is written in: its file (relative to the content folder) and its page URL path. */
export interface LinkOrigin {
  file: string
  pagePath: string
}

/** Where a link leads, worked out the way the site (and then the reader's browser) does. */
export type LinkTarget =
  /** Another site or scheme (`https:`, `mailto:`, `tel:`, `//host`): not checked. */
  | { kind: 'external'; scheme: string }
  /** A page or file of this site by its URL path (decoded, no trailing slash), and the `#hash` if any (decoded). */
  | { kind: 'page'; path: string; hash: string }
  /** A markdown link to a `.md` file, resolved against the linking post's file in the content folder. */
  | { kind: 'post-file'; file: string; hash: string }
  /** A `.md` link that climbs out of the content folder. */
  | { kind: 'outside'; written: string }

/** What a link target turned out to be on the site. */
export type LinkLookup =
  | { found: true; what: 'home' | 'post' | 'file' | 'folder' }
  | { found: false; suggestion?: string; reason?: string }
  /** Not known (the public files were not indexed and the path may be one of them). */
  | { found: 'unknown' }

const SCHEME = /^([a-z][a-z0-9+.-]*):/i

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/** The path part of a URL, each segment percent-decoded, Unicode NFC (how file names are compared), without a trailing slash. */
function cleanPath(pathname: string): string {
  const decoded = pathname.split('/').map(safeDecode).join('/').normalize('NFC')
  return decoded.length > 1 ? decoded.replace(/\/+$/, '') || '/' : decoded || '/'
}

/** True for a markdown link the parser rewrites to a page path (`./x.md` → `./x`): a local link whose target ends in `.md`. */
export function isMarkdownFileLink(url: string): boolean {
  const target = url.replace(/#.+$/, '')
  const isLocal = url.startsWith('./') || url.startsWith('../') || (!/^https?/.test(url) && !url.startsWith('/'))
  return isLocal && target.endsWith('.md')
}

/** The `href` the parser gives a markdown link destination: `.md` files rewritten to their page path, then URL-encoded (as the site does). */
export function markdownLinkHref(url: string): string {
  if (!isMarkdownFileLink(url)) return mdurl.encode(url)
  const hash = /#.+$/.exec(url)?.[0] ?? ''
  return mdurl.encode(generatePath(url.replace('.md' + hash, ''), { forceLeadingSlash: false }) + hash)
}

/** `a/./b/../c` → `a/c` (RFC 3986 dot-segment removal; `..` never climbs above the root). */
function removeDotSegments(path: string): string {
  const out: string[] = []
  const segments = path.split('/')
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1
    if (segment === '.') { if (last) out.push('') }
    else if (segment === '..') {
      if (out.length > 1) out.pop()
      if (last) out.push('')
    } else out.push(segment)
  })
  return out.join('/') || '/'
}

/**
 * Resolves a URL reference against a page's path the way a browser does (RFC 3986): `./x` and `x`
 * replace the last segment of `/blog/a`, `../notes/y` climbs one folder, `/x` is absolute; the
 * query is dropped. Returns the raw (still encoded) path and hash.
 */
export function resolveUrlPath(basePath: string, reference: string): { path: string; hash: string } {
  const hashAt = reference.indexOf('#')
  const hash = hashAt === -1 ? '' : reference.slice(hashAt + 1)
  const beforeHash = hashAt === -1 ? reference : reference.slice(0, hashAt)
  const queryAt = beforeHash.indexOf('?')
  const relative = (queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt)).replace(/\\/g, '/')
  const base = basePath.startsWith('/') ? basePath : '/' + basePath
  if (relative === '') return { path: base, hash }
  const merged = relative.startsWith('/') ? relative : base.slice(0, base.lastIndexOf('/') + 1) + relative
  return { path: removeDotSegments(merged), hash }
}

/** The `href` the parser gives a reference definition (`[id]: url`): URL-encoded only; the site does not rewrite `.md` files there. */
export function definitionHref(url: string): string {
  return mdurl.encode(url)
}

/** `blog` + `../notes/y.md` → `notes/y.md`; null when it climbs above the content folder. */
function joinFile(dir: string, relative: string): string | null {
  const parts = dir ? dir.split('/') : []
  for (const segment of relative.split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') {
      if (parts.length === 0) return null
      parts.pop()
    } else parts.push(segment)
  }
  return parts.join('/')
}

/**
 * Resolves a link as the site does. `href` is the link's URL in the parsed tree; `markdownUrl`,
 * when the link is a markdown link, is its destination as written. A markdown link to a `.md` file
 * (`./x.md`, `../notes/y.md#part`) names another post by its file, relative to the linking post's
 * file in the content folder; every other relative link is resolved against the post's page URL
 * like a browser does (`/blog/a` + `./x` → `/blog/x`, `../notes/y` → `/notes/y`, `x` → `/blog/x`);
 * an absolute link (`/blog/x/`, `/blog/x?q#h`) is a site path as it is.
 */
export function resolveLink(href: string, origin: LinkOrigin, markdownUrl?: string): LinkTarget {
  if (markdownUrl !== undefined && isMarkdownFileLink(markdownUrl)) {
    const hashAt = markdownUrl.indexOf('#')
    const written = hashAt === -1 ? markdownUrl : markdownUrl.slice(0, hashAt)
    const hash = hashAt === -1 ? '' : safeDecode(markdownUrl.slice(hashAt + 1))
    const dir = origin.file.includes('/') ? origin.file.slice(0, origin.file.lastIndexOf('/')) : ''
    const file = joinFile(dir, safeDecode(written))
    return file === null ? { kind: 'outside', written: markdownUrl } : { kind: 'post-file', file: file.normalize('NFC'), hash }
  }
  const value = href.trim()
  const scheme = SCHEME.exec(value)
  if (scheme) return { kind: 'external', scheme: scheme[1].toLowerCase() }
  if (value.startsWith('//') || value.startsWith('\\\\')) return { kind: 'external', scheme: '' }
  const resolved = resolveUrlPath(origin.pagePath || '/', value)
  return { kind: 'page', path: cleanPath(resolved.path), hash: safeDecode(resolved.hash) }
}

function samePath(a: string, b: string): boolean {
  return a.normalize('NFC') === b.normalize('NFC')
}

/** The page path the site gives a post file (`docs/1.intro.md` → `/docs/intro`). */
function pathOfFile(file: string): string {
  try {
    return generatePath(file.replace(/\.md$/i, ''))
  } catch {
    return ''
  }
}

/**
 * Looks a resolved link up in the site index: the home page, a post by its path, a file in the
 * public folder by its URL, or a folder that holds posts (its listing page). A `.md` target is
 * found by its file, or by the page path the site would give that file (so `./X.md` or
 * `./intro.md` for `1.intro.md` work as they do on the site). Missing targets may come with a
 * suggestion (the path a near miss would have).
 */
export function lookUpLink(site: SiteIndex, target: Exclude<LinkTarget, { kind: 'external' }>): LinkLookup {
  if (target.kind === 'outside') return { found: false }
  if (target.kind === 'post-file') {
    if (site.posts.some((post) => samePath(post.file, target.file))) return { found: true, what: 'post' }
    const path = pathOfFile(target.file)
    if (path && site.posts.some((post) => post.path === path)) return { found: true, what: 'post' }
    const near = site.posts.find((post) => post.file.toLowerCase() === target.file.toLowerCase())
    return { found: false, ...(near ? { suggestion: near.file } : {}) }
  }
  const path = target.path
  if (path === '/') return { found: true, what: 'home' }
  if (site.posts.some((post) => samePath(post.path, path))) return { found: true, what: 'post' }
  if (site.publicFiles?.some((file) => samePath(file.src, path))) return { found: true, what: 'file' }
  if (site.posts.some((post) => post.path.startsWith(path + '/'))) return { found: true, what: 'folder' }
  const lower = path.toLowerCase()
  const byCase = site.posts.find((post) => post.path.toLowerCase() === lower)
  if (byCase) return { found: false, suggestion: byCase.path, reason: 'page paths on the site are lower-case' }
  if (/\.md$/i.test(path)) {
    const asFile = site.posts.find((post) => samePath('/' + post.file, path) || post.path === pathOfFile(path.slice(1)))
    const reason = 'the site serves no .md files: only inline markdown links ([text](./post.md)) are rewritten to page paths'
    return { found: false, reason, ...(asFile ? { suggestion: asFile.path } : {}) }
  }
  const byFile = site.publicFiles?.find((file) => file.src.toLowerCase() === lower)
  if (byFile) return { found: false, suggestion: byFile.src, reason: 'file names on the server are case-sensitive' }
  if (site.publicFiles === null && /\.[^/]+$/.test(path)) return { found: 'unknown' }
  return { found: false }
}
