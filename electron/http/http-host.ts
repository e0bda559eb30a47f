import http from 'node:http'
import path from 'node:path'
import { promises as fsp } from 'node:fs'
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { Services } from '../../shared/ipc/service-contract'
import { createDispatcher } from '../../shared/ipc/service-dispatcher'
import { isWireBytes, WIRE_BYTES_KEY } from '../../shared/ipc/wire-bytes'
import type { ServiceErrorCode } from '../../shared/services/service-error'
import { nodeFs } from '../services/fs-facade'
import { openFileInside, type OpenedInside, type OpenInsideHooks } from '../services/open-inside'
import { contentTypeFor } from './content-types'
import type { EventHub } from './event-hub'
import { parseRoute, type Route } from './route-parser'
import { DATA_CSP, HTML_HEADERS, REQUIRED_HEADERS, SCRIPT_CSP, SITE_FILE_CSP } from './security-headers'
import { guardSiteOpen } from './site-open-guard'

/** Options of the loopback HTTP host. */
export interface HttpHostOptions {
  services: Services
  events: EventHub
  /** Folder of the built renderer (dist/renderer); may not exist yet (then a 503 page explains). */
  rendererDir: string
  /** Port on 127.0.0.1; 0 picks a free one. */
  port: number
  /** The access token; default 32 random bytes (hex). */
  token?: string
  /** Largest accepted API request body. Default 96 MiB (a 5 MB post is ~5–15 MB of JSON; a 64 MiB image is ~86 MiB of base64). */
  maxBodyBytes?: number
  /** Folder of finished exports, offered for download at `/export-file/<name>` (browser mode). */
  exportsDir?: string
  /** Interval of SSE keep-alive comments. Default 20 s. */
  heartbeatMs?: number
  /** Secret path segment of site-file and export-file URLs (`/site-file/<key>/…`); default 16 random bytes (hex). */
  fileKey?: string
  /** Folders `site.open` may reach besides the recent list (default: the site open when the host starts). */
  openable?: string[]
  /** Let `site.open` reach any folder (`inkpost serve --allow-open`). */
  allowOpen?: boolean
  /** Test hook into the open of a served file (to swap a symlink in between check and read). */
  fileHooks?: OpenInsideHooks
}

/** A running host. */
export interface HttpHost {
  port: number
  token: string
  /** The address to open, with the token: `http://127.0.0.1:PORT/?token=TOKEN`. */
  url: string
  /** The secret path segment of file URLs. */
  fileKey: string
  server: http.Server
  /** Stops accepting requests, ends SSE streams and closes every connection. */
  close(): Promise<void>
}

/** HTTP status for each service error code. */
export const STATUS_FOR_CODE: Record<ServiceErrorCode, number> = {
  'invalid-argument': 400,
  'outside-site': 400,
  'not-a-site': 400,
  unauthorized: 401,
  'not-found': 404,
  conflict: 409,
  exists: 409,
  'no-site': 409,
  io: 500,
  internal: 500,
}

/** Every response's headers; a response's own Content-Security-Policy replaces the data one. */
const BASE_HEADERS: Record<string, string> = { ...REQUIRED_HEADERS, 'content-security-policy': DATA_CSP }

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

function htmlPage(title: string, message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:system-ui,sans-serif;max-width:40em;margin:4em auto;line-height:1.5"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`
}

function sameToken(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** A new secret for the file-URL prefix (`/site-file/<key>/…`), so `<img>` and download links need no token and no cookie. */
export function newFileKey(): string {
  return randomBytes(16).toString('hex')
}

/** The `siteFileBase` the browser host serves site files under for a file key. */
export function siteFileBaseFor(fileKey: string): string {
  return `/site-file/${fileKey}`
}

/** The download prefix of finished exports for a file key. */
export function exportFileBaseFor(fileKey: string): string {
  return `/export-file/${fileKey}`
}

/** True when the Host header names this server (blocks DNS-rebinding pages that reach us under another name). */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`
}

/** True when a request's Origin / Sec-Fetch-Site headers do not reveal a cross-origin caller. */
export function isSameOriginRequest(headers: http.IncomingHttpHeaders, port: number): boolean {
  const origin = headers.origin
  if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) return false
  const site = headers['sec-fetch-site']
  return site === undefined || site === 'same-origin' || site === 'none'
}

/**
 * Starts the browser-mode host on 127.0.0.1 only: the built renderer, the services at
 * `POST /api/<service>.<method>` (JSON array body → `{result}` / `{error}` with a 4xx/5xx status),
 * events as SSE at `/api/events`, and the site's public files at `/site-file/<key>/<path>`.
 * No cookie is ever set (cookies ignore ports, so every server on 127.0.0.1 would get it): API
 * calls need the token in the `x-inkpost-token` header, the event stream in that header or its
 * `?token=` query (EventSource sends no headers), and file URLs carry a separate per-launch secret
 * path segment. The renderer's own static files (no data in them) are served to anyone who gets
 * past the Host check, so a reload of `/` works after the window moved the token out of the URL.
 * Every request needs a Host header naming this server; API calls and the stream must not be
 * cross-origin (Origin, Sec-Fetch-Site), preflights are refused and no CORS header is ever sent.
 */
export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = options.token ?? randomBytes(32).toString('hex')
  const fileKey = options.fileKey ?? newFileKey()
  const maxBody = options.maxBodyBytes ?? 96 * 1024 * 1024
  const openable = options.openable ?? [(await options.services.site.current())?.root].filter((dir): dir is string => typeof dir === 'string')
  const dispatch = createDispatcher(guardSiteOpen(options.services, { allowAny: options.allowOpen === true, openable }))
  const streams = new Set<http.ServerResponse>()
  let port = options.port

  const send = (res: http.ServerResponse, status: number, headers: Record<string, string>, body?: string | Buffer) => {
    if (res.headersSent) return
    res.writeHead(status, { ...BASE_HEADERS, ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) })
    res.end(body)
  }
  const sendJson = (res: http.ServerResponse, status: number, value: unknown) => {
    send(res, status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, JSON.stringify(value))
  }
  const sendError = (res: http.ServerResponse, route: Route | null, status: number, code: ServiceErrorCode, message: string) => {
    if (route && route.kind === 'app') send(res, status, { ...HTML_HEADERS, 'content-type': 'text/html; charset=utf-8' }, htmlPage(status === 401 ? 'Inkpost: token needed' : `Inkpost: ${status}`, message))
    else sendJson(res, status, { error: { code, message } })
  }

  const serveFile = async (req: http.IncomingMessage, res: http.ServerResponse, root: string, segments: string[], extraHeaders: Record<string, string>) => {
    let opened: OpenedInside | null = null
    try {
      const rootReal = await fsp.realpath(root)
      opened = await openFileInside(nodeFs, rootReal, segments.join('/'), options.fileHooks)
      const { handle, real, stats } = opened
      const headers = { ...extraHeaders, 'content-type': contentTypeFor(real), 'content-length': String(stats.size), 'last-modified': new Date(stats.mtimeMs).toUTCString() }
      res.writeHead(200, { ...BASE_HEADERS, ...headers })
      if (req.method === 'HEAD') {
        res.end()
        await handle.close()
        return
      }
      // read from the verified descriptor, never by name again
      handle.createReadStream({ autoClose: true }).on('error', () => res.destroy()).pipe(res)
      opened = null
    } catch (error) {
      await opened?.handle.close().catch(() => undefined)
      const code = (error as { code?: string }).code
      if (code === 'outside-site' || code === 'invalid-argument') return sendJson(res, 400, { error: { code, message: (error as Error).message } })
      sendJson(res, 404, { error: { code: 'not-found', message: `Not found: /${segments.join('/')}` } })
    }
  }

  const serveApp = async (req: http.IncomingMessage, res: http.ServerResponse, route: Route & { kind: 'app' }) => {
    const index = path.join(options.rendererDir, 'index.html')
    try {
      await fsp.access(index)
    } catch {
      return send(res, 503, { ...HTML_HEADERS, 'content-type': 'text/html; charset=utf-8' }, htmlPage('Inkpost: renderer not built', 'The renderer is not built yet: run npm run build (or node scripts/build.mjs renderer) in the Inkpost folder, then reload this page.'))
    }
    const segments = route.segments.length === 0 ? ['index.html'] : route.segments
    const isHtml = segments[segments.length - 1].toLowerCase().endsWith('.html')
    // the app's scripts carry the scripts' CSP: a worker runs under the policy of its own script's response
    // (the data CSP's sandbox would block the parse worker's dynamic imports and the highlighter's WebAssembly)
    await serveFile(req, res, options.rendererDir, segments, isHtml ? HTML_HEADERS : { 'content-security-policy': SCRIPT_CSP, 'cache-control': 'no-cache' })
  }

  const serveEvents = (req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(200, { ...BASE_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' })
    res.write('retry: 3000\n: connected\n\n')
    streams.add(res)
    const unsubscribe = options.events.subscribe((event) => { res.write(`data: ${JSON.stringify(event)}\n\n`) })
    const heartbeat = setInterval(() => res.write(': ping\n\n'), options.heartbeatMs ?? 20_000)
    const stop = () => {
      clearInterval(heartbeat)
      unsubscribe()
      streams.delete(res)
    }
    req.on('close', stop)
    res.on('close', stop)
  }

  const serveApi = async (req: http.IncomingMessage, res: http.ServerResponse, route: Route & { kind: 'api' }) => {
    if (!isSameOriginRequest(req.headers, port)) return sendJson(res, 403, { error: { code: 'unauthorized', message: 'Cross-origin API calls are refused' } })
    const type = req.headers['content-type'] ?? ''
    if (!/^application\/json\s*(;|$)/i.test(type)) return sendJson(res, 415, { error: { code: 'invalid-argument', message: 'API calls need Content-Type: application/json' } })
    const declared = Number(req.headers['content-length'] ?? 0)
    if (declared > maxBody) {
      sendJson(res, 413, { error: { code: 'invalid-argument', message: `Request body larger than ${maxBody} bytes` } })
      req.resume()
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    for await (const chunk of req) {
      size += (chunk as Buffer).length
      if (size > maxBody) { tooLarge = true; break }
      chunks.push(chunk as Buffer)
    }
    if (tooLarge) {
      sendJson(res, 413, { error: { code: 'invalid-argument', message: `Request body larger than ${maxBody} bytes` } })
      req.destroy()
      return
    }
    let args: unknown
    try {
      // byte arrays (imported images) arrive as {"$bytes": base64}; the dispatcher gets real bytes
      args = JSON.parse(Buffer.concat(chunks).toString('utf8'), (_key, value) => (isWireBytes(value) ? new Uint8Array(Buffer.from(value[WIRE_BYTES_KEY], 'base64')) : value))
    } catch {
      return sendJson(res, 400, { error: { code: 'invalid-argument', message: 'The body must be a JSON array of arguments' } })
    }
    if (!Array.isArray(args)) return sendJson(res, 400, { error: { code: 'invalid-argument', message: 'The body must be a JSON array of arguments' } })
    const outcome = await dispatch(route.service, route.method, args)
    if ('error' in outcome) sendJson(res, STATUS_FOR_CODE[outcome.error.code] ?? 500, outcome)
    else sendJson(res, 200, outcome)
  }

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!isAllowedHost(req.headers.host, port)) return sendJson(res, 421, { error: { code: 'unauthorized', message: 'Unexpected Host header' } })
    // no CORS: a preflight is refused, so a foreign page can never send the token header or JSON
    if (req.method === 'OPTIONS') return sendJson(res, 403, { error: { code: 'unauthorized', message: 'Cross-origin requests are refused' } })
    const route = parseRoute(req.method ?? 'GET', req.url ?? '')
    if (route.kind === 'reject') {
      const code: ServiceErrorCode = route.status === 400 ? 'outside-site' : route.status === 404 ? 'not-found' : 'invalid-argument'
      return sendJson(res, route.status, { error: { code, message: route.message } })
    }
    const header = req.headers['x-inkpost-token']
    const headerToken = typeof header === 'string' ? header : null
    switch (route.kind) {
      case 'app':
        // the page itself holds no data; a link with a wrong token still gets told so
        if (route.token !== null && !sameToken(route.token, token)) return sendError(res, route, 401, 'unauthorized', 'This link has a wrong token (Inkpost was restarted?). Open the address printed by `inkpost serve`.')
        break
      case 'api':
        if (!sameToken(headerToken, token)) return sendError(res, route, 401, 'unauthorized', 'Missing or wrong token. Open the address printed by `inkpost serve` (it ends with ?token=…).')
        break
      case 'events':
        if (!sameToken(headerToken ?? route.token, token)) return sendError(res, route, 401, 'unauthorized', 'Missing or wrong token for the event stream.')
        if (!isSameOriginRequest(req.headers, port)) return sendJson(res, 403, { error: { code: 'unauthorized', message: 'Cross-origin requests for the event stream are refused' } })
        break
      case 'site-file':
      case 'export-file':
        if (!sameToken(route.key, fileKey)) return sendJson(res, 401, { error: { code: 'unauthorized', message: 'Wrong file key in the URL (Inkpost was restarted?). Reload the page from the address printed by `inkpost serve`.' } })
        break
    }
    switch (route.kind) {
      case 'api': return serveApi(req, res, route)
      case 'events': return serveEvents(req, res)
      case 'app': return serveApp(req, res, route)
      case 'export-file': {
        if (!options.exportsDir || !/\.zip$/i.test(route.name)) return sendJson(res, 404, { error: { code: 'not-found', message: `Not found: /export-file/${route.name}` } })
        const disposition = `attachment; filename="${route.name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(route.name)}`
        return serveFile(req, res, options.exportsDir, [route.name], { 'content-security-policy': SITE_FILE_CSP, 'cache-control': 'no-store', 'content-disposition': disposition })
      }
      case 'site-file': {
        const site = await options.services.site.current()
        if (!site) return sendJson(res, 404, { error: { code: 'no-site', message: 'No site is open' } })
        return serveFile(req, res, path.join(site.root, site.settings.publicDir), route.segments, { 'content-security-policy': SITE_FILE_CSP, 'cache-control': 'no-cache' })
      }
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } })
      else res.destroy()
    })
  })
  server.headersTimeout = 30_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as { port: number }).port
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    fileKey,
    server,
    close: async () => {
      for (const res of streams) res.end()
      streams.clear()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
}
