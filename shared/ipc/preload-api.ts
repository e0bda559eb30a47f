import type { InkpostEvent } from '../services/events'
import type { SerializedServiceError } from '../services/service-error'

/** The one frozen object the Electron preload exposes as `window.inkpost`. */
export interface InkpostPreloadApi {
  /** Calls `service.method(...args)` in the main process; resolves with `{result}` or `{error}`. */
  invoke(service: string, method: string, args: unknown[]): Promise<{ result: unknown } | { error: SerializedServiceError }>
  /** Subscribes to host events; returns an unsubscribe function. */
  onEvent(listener: (event: InkpostEvent) => void): () => void
  /**
   * The disk path of a File the user dropped (Electron's `webUtils.getPathForFile`), so the main
   * process reads the image itself instead of receiving its bytes; '' for files without a path
   * (a pasted clipboard image).
   */
  pathForFile(file: unknown): string
}

/** IPC channel names, shared by preload and main so they cannot drift. */
export const IPC_CHANNELS = { invoke: 'inkpost:invoke', event: 'inkpost:event' } as const
