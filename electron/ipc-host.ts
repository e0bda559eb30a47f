// The ONE module that owns `ipcMain`. It answers `inkpost:invoke` only for our window's main
// frame showing our app origin and hands the call to the shared dispatcher (the same one the
// loopback HTTP host uses, which validates the arguments). It also pushes host events to the window.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { IPC_CHANNELS } from '../shared/ipc/preload-api'
import { createDispatcher, type DispatchResult } from '../shared/ipc/service-dispatcher'
import type { Services } from '../shared/ipc/service-contract'
import type { InkpostEvent } from '../shared/services/events'

/** What the IPC host needs: the services to call, the one window allowed to call them, and how to recognise our origin. */
export interface IpcHostOptions {
  services: Services
  /** The app window, or null while there is none. */
  getWindow: () => BrowserWindow | null
  /** True for URLs of the app's own origin (`app://inkpost/…`). */
  isAppUrl: (url: string) => boolean
  /** Where refusals are reported (default: console.warn). */
  warn?: (message: string) => void
}

/** The running host: push events to the window, and remove the handler on shutdown. */
export interface IpcHost {
  /** Sends `event` to the window on `inkpost:event` (dropped when no app page is showing). */
  emit(event: InkpostEvent): void
  /** Removes the `inkpost:invoke` handler. */
  dispose(): void
}

/**
 * Why a sender is refused, or null when it is our window's main frame showing our origin.
 * Subframes, other webContents (another window, a devtools page) and foreign URLs are refused.
 */
export function senderRefusal(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, win: BrowserWindow | null, isAppUrl: (url: string) => boolean): string | null {
  if (!win || win.isDestroyed()) return 'no app window'
  const contents = win.webContents
  if (event.sender !== contents) return 'sender is not the app window'
  const frame = event.senderFrame
  if (!frame) return 'sender frame is gone'
  const main = contents.mainFrame
  if (frame !== main && (frame.processId !== main.processId || frame.routingId !== main.routingId)) return 'sender is not the main frame'
  if (frame.parent !== null) return 'sender is a subframe'
  if (!isAppUrl(frame.url)) return `sender URL is not the app origin: ${frame.url}`
  return null
}

/** Registers the `inkpost:invoke` handler on `ipcMain` and returns the host. Call once. */
export function installIpcHost(options: IpcHostOptions): IpcHost {
  const dispatch = createDispatcher(options.services)
  const warn = options.warn ?? ((message: string) => console.warn(`inkpost ipc: ${message}`))

  ipcMain.handle(IPC_CHANNELS.invoke, async (event, service: unknown, method: unknown, args: unknown): Promise<DispatchResult> => {
    const refusal = senderRefusal(event, options.getWindow(), options.isAppUrl)
    if (refusal) {
      warn(`refused call from an untrusted sender (${refusal})`)
      return { error: { code: 'unauthorized', message: `IPC call refused: ${refusal}` } }
    }
    if (typeof service !== 'string' || typeof method !== 'string') {
      return { error: { code: 'invalid-argument', message: 'Service and method must be strings' } }
    }
    return dispatch(service, method, args)
  })

  return {
    emit(event) {
      const win = options.getWindow()
      if (!win || win.isDestroyed()) return
      const contents = win.webContents
      if (contents.isDestroyed() || !options.isAppUrl(contents.getURL())) return
      contents.send(IPC_CHANNELS.event, event)
    },
    dispose() {
      ipcMain.removeHandler(IPC_CHANNELS.invoke)
    },
  }
}
