import type { InkpostEvent } from '../services/events'
import type { SerializedServiceError } from '../services/service-error'

/** The one frozen object the Electron preload exposes as `window.inkpost`. */
export interface InkpostPreloadApi {
  /** Calls `service.method(...args)` in the main process; resolves with `{result}` or `{error}`. */
  invoke(service: string, method: string, args: unknown[]): Promise<{ result: unknown } | { error: SerializedServiceError }>
  /** Subscribes to host events; returns an unsubscribe function. */
  onEvent(listener: (event: InkpostEvent) => void): () => void
}

/** IPC channel names, shared by preload and main so they cannot drift. */
export const IPC_CHANNELS = { invoke: 'inkpost:invoke', event: 'inkpost:event' } as const
