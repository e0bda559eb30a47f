// The two privileged custom schemes the desktop app loads everything through — never `file://`:
//   app://inkpost/…            the built renderer (dist/renderer), sent with the CSP header
//   inkpost-site://site/…      files under the open site's public folder (the post's images)
// Every URL path is decoded once, checked for traversal tricks and resolved inside its folder by
// real path (the same checks as the browser-mode host), so neither `..`, encoded dots,
// backslashes, NUL nor a symlink can leave the folder.
import { protocol, type CustomScheme } from 'electron'
import { ServiceError, type ServiceErrorCode } from '../shared/services/service-error'
import { contentTypeFor } from './http/content-types'
import { decodePathSegments } from './http/route-parser'
import { nodeFs } from './services/fs-facade'
import { openFileInside, type OpenInsideHooks } from './services/open-inside'
import { resolveInside } from './services/site-paths'
import { appCspFor, CONTENT_SECURITY_POLICY, SITE_FILE_CSP } from './content-security-policy'
import { APP_HOST, APP_SCHEME, SITE_HOST, SITE_SCHEME } from './app-urls'

/**
 * Both schemes as standard + secure, so they get a real origin, CSP `'self'` and fetch support.
 * Must be registered before the app is ready. No `bypassCSP`: our own CSP applies to them.
 */
export const PRIVILEGED_SCHEMES: CustomScheme[] = [
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  { scheme: SITE_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]

/** Why a requested path was refused; `status` is the HTTP status the protocol answers with. */
export class UnsafePathError extends Error {
  readonly status: number
  constructor(message: string, status = 403) {
    super(message)
    this.name = 'UnsafePathError'
    this.status = status
  }
}

const STATUS_FOR: Partial<Record<ServiceErrorCode, number>> = { 'invalid-argument': 400, 'outside-site': 403, 'not-found': 404 }

/**
 * Turns a URL pathname (still percent-encoded, e.g. `/images/blogImg/a%20b.png`) into the real
 * path of a regular file inside `root`, or throws UnsafePathError. Uses the same path-safety code
 * as the loopback HTTP host (`decodePathSegments`, `resolveInside`): each segment decoded once,
 * no `.`/`..`, encoded separators, double encoding, backslashes, NUL or drive letters, and the
 * real path (symlinks resolved) must stay inside the real path of `root`.
 */
export async function resolveFileInside(root: string, pathname: string): Promise<string> {
  try {
    const segments = decodePathSegments(pathname)
    const realRoot = await nodeFs.realpath(root).catch(() => {
      throw new ServiceError('not-found', `Folder not found: ${root}`)
    })
    const resolved = await resolveInside(nodeFs, realRoot, segments.join('/'))
    if (!resolved.exists) throw new ServiceError('not-found', `Not found: ${segments.join('/')}`)
    if (!(await nodeFs.stat(resolved.real)).isFile()) throw new ServiceError('not-found', `Not a file: ${segments.join('/')}`)
    return resolved.real
  } catch (error) {
    if (error instanceof ServiceError) throw new UnsafePathError(error.message, STATUS_FOR[error.code] ?? 400)
    throw new UnsafePathError('Could not read the file', 500)
  }
}

/**
 * Reads the file a URL pathname names inside `root` through {@link openFileInside}: the same checks
 * as {@link resolveFileInside}, then the bytes come from the verified descriptor, so a symlink
 * swapped in between the check and the read is refused. Throws UnsafePathError.
 */
export async function readFileInside(root: string, pathname: string, hooks?: OpenInsideHooks): Promise<{ file: string; body: Buffer }> {
  try {
    const segments = decodePathSegments(pathname)
    const realRoot = await nodeFs.realpath(root).catch(() => {
      throw new ServiceError('not-found', `Folder not found: ${root}`)
    })
    const opened = await openFileInside(nodeFs, realRoot, segments.join('/'), hooks)
    try {
      return { file: opened.real, body: await opened.handle.readFile() }
    } finally {
      await opened.handle.close()
    }
  } catch (error) {
    if (error instanceof ServiceError) throw new UnsafePathError(error.message, STATUS_FOR[error.code] ?? 400)
    throw new UnsafePathError('Could not read the file', 500)
  }
}

/** How one scheme maps its URLs onto a folder. */
export interface FolderResponderOptions {
  /** The URL host this responder answers for (`inkpost` or `site`); other hosts get 404. */
  host: string
  /** The folder to serve, or null when there is none (e.g. no site open yet). */
  root: () => string | null | Promise<string | null>
  /** Content-Security-Policy header sent with every response (errors included). */
  csp: string
  /** A served file's own CSP instead of `csp` (the app's scripts: see `appCspFor`). */
  cspFor?: (file: string) => string
  /** File served for `/` (the renderer's `index.html`); without it `/` is 404. */
  index?: string
  /** Cache-Control header; site files change under the writer's hands, so they default to no-store. */
  cacheControl?: string
  /** Test hook between the path check and the open. */
  hooks?: OpenInsideHooks
}

function textResponse(status: number, message: string, csp: string): Response {
  return new Response(message, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'content-security-policy': csp, 'x-content-type-options': 'nosniff' },
  })
}

/**
 * Builds a `protocol.handle` handler serving files of one folder: GET/HEAD only, safe path
 * resolution, a content type by extension, the CSP and `nosniff` headers on every answer.
 */
export function createFolderResponder(options: FolderResponderOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    const { csp } = options
    let url: URL
    try {
      url = new URL(request.url)
    } catch {
      return textResponse(400, 'Bad URL', csp)
    }
    if (url.host !== options.host) return textResponse(404, `Unknown host ${url.host}`, csp)
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, `Method ${request.method} not allowed`, csp)
    const root = await options.root()
    if (!root) return textResponse(404, 'No folder to serve (no site open)', csp)
    // `url.pathname` keeps percent-escapes; WHATWG parsing already folded plain `..` segments.
    const pathname = url.pathname === '/' && options.index ? `/${options.index}` : url.pathname
    let file: string
    let body: Buffer
    try {
      ({ file, body } = await readFileInside(root, pathname, options.hooks))
    } catch (error) {
      if (error instanceof UnsafePathError) return textResponse(error.status, error.message, csp)
      return textResponse(500, 'Could not read the file', csp)
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'content-type': contentTypeFor(file),
        'content-length': String(body.length),
        'content-security-policy': options.cspFor ? options.cspFor(file) : csp,
        'x-content-type-options': 'nosniff',
        'cache-control': options.cacheControl ?? 'no-store',
      },
    })
  }
}

/** Where the two schemes read their files from. */
export interface ProtocolRoots {
  /** Folder of the built renderer (dist/renderer). */
  rendererDir: string
  /** Public folder of the open site (`<site>/public` by default), or null when no site is open. */
  sitePublicDir: () => Promise<string | null>
}

/** Installs both scheme handlers on the default session. Call once, after `app` is ready. */
export function installAppProtocols(roots: ProtocolRoots): void {
  protocol.handle(APP_SCHEME, createFolderResponder({ host: APP_HOST, root: () => roots.rendererDir, csp: CONTENT_SECURITY_POLICY, cspFor: appCspFor, index: 'index.html', cacheControl: 'no-cache' }))
  protocol.handle(SITE_SCHEME, createFolderResponder({ host: SITE_HOST, root: roots.sitePublicDir, csp: SITE_FILE_CSP }))
}
