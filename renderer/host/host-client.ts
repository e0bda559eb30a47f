import type { InkpostPreloadApi } from '../../shared/ipc/preload-api'
import { createServiceClient, type Transport } from '../../shared/ipc/service-client'
import type { ServiceName, Services } from '../../shared/ipc/service-contract'
import type { InkpostEvent } from '../../shared/services/events'
import { deserializeError, ServiceError, type SerializedServiceError } from '../../shared/services/service-error'
import { WIRE_BYTES_KEY, wireBytesReplacer, type WireBytes } from '../../shared/ipc/wire-bytes'

/** Subscribes to host events; returns the unsubscribe function. */
export type EventSubscriber = (listener: (event: InkpostEvent) => void) => () => void

/** Told how much of a large call's request has been sent, 0–1. */
export type ProgressListener = (fraction: number) => void

/** Calls one service method, reporting how much of the request was sent (browser mode uploads; Electron hands it over at once). */
export type ProgressCall = (service: ServiceName, method: string, args: unknown[], onProgress: ProgressListener) => Promise<unknown>

/** The window's connection to its host: typed services plus the event stream. */
export interface HostConnection {
  services: Services
  subscribe: EventSubscriber
  mode: 'electron' | 'browser'
  /** A service call with upload progress, for imports of large images. */
  callWithProgress: ProgressCall
  /**
   * How a dropped or pasted file travels to the host: Electron names a dropped file by its disk
   * path (webUtils.getPathForFile) and sends a pasted one's bytes; browser mode sends base64, read
   * by the browser off the main thread so a 50 MB photo does not freeze the window.
   */
  filePayload: (file: File) => Promise<{ sourcePath?: string; data?: Uint8Array | WireBytes }>
}

/** Reads a File as base64 with the browser's own (asynchronous) FileReader. */
export function readFileAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onerror = () => reject(new ServiceError('io', `Cannot read the file: ${reader.error?.message ?? 'unknown error'}`))
    reader.onload = () => {
      const url = String(reader.result)
      resolve(url.slice(url.indexOf(',') + 1))
    }
    reader.readAsDataURL(file)
  })
}

function isPreloadApi(value: unknown): value is InkpostPreloadApi {
  // an element with id="inkpost" would show up as window.inkpost in browser mode (DOM clobbering)
  if (!value || typeof value !== 'object' || (typeof Element !== 'undefined' && value instanceof Element)) return false
  const api = value as Partial<InkpostPreloadApi>
  return typeof api.invoke === 'function' && typeof api.onEvent === 'function'
}

function unwrap(reply: unknown): unknown {
  if (reply && typeof reply === 'object' && 'error' in reply && (reply as { error?: unknown }).error) {
    throw deserializeError((reply as { error: SerializedServiceError }).error)
  }
  if (reply && typeof reply === 'object' && 'result' in reply) return (reply as { result: unknown }).result
  throw new ServiceError('internal', 'The host sent a reply without result or error.')
}

/** Where the window keeps the host's access token, so a reload of the page still works. */
export const TOKEN_STORAGE_KEY = 'inkpost-host-token'

/** The header the host reads the token from. */
export const TOKEN_HEADER = 'x-inkpost-token'

let hostToken: string | null = null

/**
 * Takes the access token for browser mode: from the page address (`?token=…`, as printed by
 * `inkpost serve`) into sessionStorage (this tab only, gone with it), else from sessionStorage
 * after a reload. The host sets no cookie (cookies ignore ports: every server on 127.0.0.1 would
 * receive it); the token travels only in the `x-inkpost-token` header of API calls and in the
 * event stream's URL. Returns null when the window has no token.
 */
export function takeHostToken(win: Window = window): string | null {
  let fromUrl: string | null = null
  try { fromUrl = new URL(win.location.href).searchParams.get('token') } catch { fromUrl = null }
  let stored: string | null = null
  try {
    if (fromUrl) win.sessionStorage.setItem(TOKEN_STORAGE_KEY, fromUrl)
    stored = win.sessionStorage.getItem(TOKEN_STORAGE_KEY)
  } catch { /* storage disabled: keep it in memory for this page only */ }
  hostToken = fromUrl || stored || null
  return hostToken
}

function tokenHeaders(): Record<string, string> {
  return hostToken ? { [TOKEN_HEADER]: hostToken } : {}
}

/** HTTP transport of browser mode: `POST /api/<service>.<method>` with the JSON argument array and the token header. */
export const httpTransport: Transport = async (service, method, args) => {
  let response: Response
  try {
    response = await fetch(`/api/${service}.${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...tokenHeaders() }, body: JSON.stringify(args, wireBytesReplacer), credentials: 'omit' })
  } catch (error) {
    throw new ServiceError('io', `Cannot reach the Inkpost host: ${error instanceof Error ? error.message : String(error)}`)
  }
  let body: unknown
  try {
    body = await response.json()
  } catch {
    throw new ServiceError(response.status === 401 || response.status === 403 ? 'unauthorized' : 'internal', `The host answered ${response.status} without JSON.`)
  }
  return unwrap(body)
}

/** Browser mode's call with upload progress: the same request as {@link httpTransport}, sent with XMLHttpRequest for its upload events. */
export const httpCallWithProgress: ProgressCall = (service, method, args, onProgress) => new Promise((resolve, reject) => {
  const xhr = new XMLHttpRequest()
  xhr.open('POST', `/api/${service}.${method}`)
  xhr.setRequestHeader('content-type', 'application/json')
  for (const [name, value] of Object.entries(tokenHeaders())) xhr.setRequestHeader(name, value)
  xhr.upload.onprogress = (event) => { if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total) }
  xhr.onerror = () => reject(new ServiceError('io', 'Cannot reach the Inkpost host'))
  xhr.onload = () => {
    let body: unknown
    try {
      body = JSON.parse(xhr.responseText)
    } catch {
      reject(new ServiceError(xhr.status === 401 || xhr.status === 403 ? 'unauthorized' : 'internal', `The host answered ${xhr.status} without JSON.`))
      return
    }
    try { resolve(unwrap(body)) } catch (error) { reject(error) }
  }
  xhr.send(JSON.stringify(args, wireBytesReplacer))
})

/** Event stream of browser mode: server-sent events at `/api/events?token=…` (EventSource sends no headers), reconnecting on its own. */
export const sseSubscribe: EventSubscriber = (listener) => {
  const source = new EventSource(hostToken ? `/api/events?token=${encodeURIComponent(hostToken)}` : '/api/events')
  source.onmessage = (message) => {
    try {
      listener(JSON.parse(message.data) as InkpostEvent)
    } catch {
      // a malformed event is ignored rather than breaking the window
    }
  }
  return () => source.close()
}

/**
 * Connects to the host the window runs in: Electron's preload bridge when present (checked once, at
 * start, before any post content is in the DOM), otherwise browser mode over HTTP + SSE.
 */
export function connectHost(win: Window & { inkpost?: unknown } = window): HostConnection {
  const api = win.inkpost
  if (isPreloadApi(api)) {
    const transport: Transport = async (service, method, args) => unwrap(await api.invoke(service, method, args))
    const filePayload = async (file: File) => {
      let sourcePath = ''
      try { sourcePath = typeof api.pathForFile === 'function' ? api.pathForFile(file) : '' } catch { sourcePath = '' }
      return sourcePath ? { sourcePath } : { data: new Uint8Array(await file.arrayBuffer()) }
    }
    const callWithProgress: ProgressCall = async (service, method, args, onProgress) => {
      const result = await transport(service, method, args)
      onProgress(1)
      return result
    }
    return { services: createServiceClient(transport), subscribe: (listener) => api.onEvent(listener), mode: 'electron', callWithProgress, filePayload }
  }
  takeHostToken(win)
  return { services: createServiceClient(httpTransport), subscribe: sseSubscribe, mode: 'browser', callWithProgress: httpCallWithProgress,
    filePayload: async (file) => ({ data: { [WIRE_BYTES_KEY]: await readFileAsBase64(file) } }) }
}

/** Removes `?token=…` from the visible URL (the window keeps it in sessionStorage, see {@link takeHostToken}), keeping the hash. */
export function stripTokenFromUrl(win: Window = window): void {
  const url = new URL(win.location.href)
  if (!url.searchParams.has('token')) return
  url.searchParams.delete('token')
  win.history.replaceState(win.history.state, '', url.pathname + (url.search === '?' ? '' : url.search) + url.hash)
}
