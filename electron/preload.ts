// Preload of the app window (sandboxed, context-isolated). It exposes exactly one frozen object,
// `window.inkpost`, with three functions; the page never sees `ipcRenderer` or IPC event objects.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron'
import { IPC_CHANNELS, type InkpostPreloadApi } from '../shared/ipc/preload-api'
import type { InkpostEvent } from '../shared/services/events'

/** Builds the `window.inkpost` object over `ipcRenderer`; frozen so the page cannot swap its functions. */
export function createPreloadApi(): InkpostPreloadApi {
  return Object.freeze({
    invoke(service: string, method: string, args: unknown[]) {
      return ipcRenderer.invoke(IPC_CHANNELS.invoke, service, method, args)
    },
    onEvent(listener: (event: InkpostEvent) => void) {
      if (typeof listener !== 'function') throw new TypeError('inkpost.onEvent needs a function')
      const handler = (_event: IpcRendererEvent, payload: InkpostEvent) => listener(payload)
      ipcRenderer.on(IPC_CHANNELS.event, handler)
      return () => {
        ipcRenderer.removeListener(IPC_CHANNELS.event, handler)
      }
    },
    pathForFile(file: unknown) {
      if (typeof File === 'undefined' || !(file instanceof File)) throw new TypeError('inkpost.pathForFile needs a File')
      return webUtils.getPathForFile(file)
    },
  })
}

contextBridge.exposeInMainWorld('inkpost', createPreloadApi())
