import type { InkpostPreloadApi } from '../../shared/ipc/preload-api'
import { createServiceClient, type Transport } from '../../shared/ipc/service-client'
import type { Services } from '../../shared/ipc/service-contract'
import type { InkpostEvent } from '../../shared/services/events'
import { deserializeError, ServiceError, type SerializedServiceError } from '../../shared/services/service-error'

/** Subscribes to host events; returns the unsubscribe function. */
export type EventSubscriber = (listener: (event: InkpostEvent) => void) => () => void

/** The window's connection to its host: typed services plus the event stream. */
export interface HostConnection {
  services: Services
  subscribe: EventSubscriber
  mode: 'electron' | 'browser'
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

/** HTTP transport of browser mode: `POST /api/<service>.<method>` with the JSON argument array (cookie-authorised). */
export const httpTransport: Transport = async (service, method, args) => {
  let response: Response
  try {
    response = await fetch(`/api/${service}.${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(args), credentials: 'same-origin' })
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

/** Event stream of browser mode: server-sent events at `/api/events`, reconnecting on its own. */
export const sseSubscribe: EventSubscriber = (listener) => {
  const source = new EventSource('/api/events', { withCredentials: true })
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
    return { services: createServiceClient(transport), subscribe: (listener) => api.onEvent(listener), mode: 'electron' }
  }
  return { services: createServiceClient(httpTransport), subscribe: sseSubscribe, mode: 'browser' }
}

/** Removes `?token=…` from the visible URL (the host has set its cookie by now), keeping the hash. */
export function stripTokenFromUrl(win: Window = window): void {
  const url = new URL(win.location.href)
  if (!url.searchParams.has('token')) return
  url.searchParams.delete('token')
  win.history.replaceState(win.history.state, '', url.pathname + (url.search === '?' ? '' : url.search) + url.hash)
}
