// A small fake of the `electron` module for unit tests of the desktop wiring (the real binary is
// not available in CI). Each test file does `vi.mock('electron', () => import('./fake-electron'))`
// and inspects what the code under test registered. `resetFakeElectron()` clears the records.
import { EventEmitter } from 'node:events'
import { vi } from 'vitest'

/** A fake frame (WebFrameMain): url, parent and ids. */
export class FakeFrame {
  constructor(public url: string, public parent: FakeFrame | null = null, public processId = 1, public routingId = 1) {}
}

/** Event object as Electron passes it to `will-navigate` & co. */
export function fakeNavEvent(url: string, extra: Record<string, unknown> = {}) {
  return { url, isMainFrame: true, defaultPrevented: false, preventDefault() { this.defaultPrevented = true }, ...extra }
}

let nextId = 1

/** A fake webContents: an EventEmitter that records its window-open handler and sent messages. */
export class FakeWebContents extends EventEmitter {
  id = nextId++
  mainFrame: FakeFrame
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  sent: Array<{ channel: string; payload: unknown }> = []
  private url: string
  destroyed = false
  constructor(url = 'app://inkpost/index.html') {
    super()
    this.url = url
    this.mainFrame = new FakeFrame(url, null, 1, this.id)
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) { this.windowOpenHandler = handler }
  getURL() { return this.url }
  setURL(url: string) { this.url = url; this.mainFrame.url = url }
  isDestroyed() { return this.destroyed }
  send(channel: string, payload: unknown) { this.sent.push({ channel, payload }) }
}

/** A fake BrowserWindow recording its constructor options and loaded URL. */
export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = []
  options: Record<string, any>
  webContents = new FakeWebContents()
  loadedUrl: string | null = null
  destroyed = false
  maximized = false
  background: string | null = null
  constructor(options: Record<string, any> = {}) {
    super()
    this.options = options
    BrowserWindow.instances.push(this)
  }
  loadURL(url: string) { this.loadedUrl = url; this.webContents.setURL(url); return Promise.resolve() }
  isDestroyed() { return this.destroyed }
  maximize() { this.maximized = true }
  isMaximized() { return this.maximized }
  getNormalBounds() { return { x: this.options.x ?? 10, y: this.options.y ?? 20, width: this.options.width, height: this.options.height } }
  show() {}
  setBackgroundColor(color: string) { this.background = color }
  setTitle() {}
}

type Handler = (event: unknown, ...args: unknown[]) => unknown

/** Fake ipcMain: `handle` records one handler per channel. */
export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle(channel: string, handler: Handler) {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    this.handlers.set(channel, handler)
  },
  removeHandler(channel: string) { this.handlers.delete(channel) },
}

/** Fake ipcRenderer: records invokes and listeners. */
export const ipcRenderer = Object.assign(new EventEmitter(), {
  invoke: vi.fn(async (..._args: unknown[]) => ({ result: 'ok' })),
})

/** Fake webUtils: a dropped File's path is its name under /dropped/ (pasted files have none). */
export const webUtils = { getPathForFile: vi.fn((file: File) => (file.name === 'image.png' ? '' : `/dropped/${file.name}`)) }

/** Fake contextBridge: records what the preload exposed. */
export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown) { this.exposed.set(key, api) },
}

/** Fake shell. */
export const shell = {
  openExternal: vi.fn(async (_url: string) => undefined),
  trashItem: vi.fn(async (_path: string) => undefined),
  showItemInFolder: vi.fn(),
}

/** Fake protocol: records privileged schemes and handlers. */
export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: unknown[]) { this.privileged.push(...schemes) },
  handle(scheme: string, handler: (request: Request) => Promise<Response>) { this.handlers.set(scheme, handler) },
}

/** A fake session recording its permission handlers and header hook. */
export class FakeSession extends EventEmitter {
  permissionRequestHandler: ((...args: any[]) => void) | null = null
  permissionCheckHandler: ((...args: any[]) => boolean) | null = null
  headersHook: ((details: any, callback: (response: any) => void) => void) | null = null
  webRequest = {
    onHeadersReceived: (hook: (details: any, callback: (response: any) => void) => void) => { this.headersHook = hook },
  }
  setPermissionRequestHandler(handler: (...args: any[]) => void) { this.permissionRequestHandler = handler }
  setPermissionCheckHandler(handler: (...args: any[]) => boolean) { this.permissionCheckHandler = handler }
}

/** Fake `session` module. */
export const session = { defaultSession: new FakeSession() }

/** Fake nativeTheme. */
export const nativeTheme = Object.assign(new EventEmitter(), { shouldUseDarkColors: false, themeSource: 'system' as string })

/** Fake screen with one 1920×1080 display. */
export const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] }

/** Fake Menu: records the installed template. */
export const Menu = {
  installed: null as unknown,
  popups: [] as unknown[],
  buildFromTemplate: (template: unknown) => ({ template, popup: (options: unknown) => Menu.popups.push({ template, options }) }),
  setApplicationMenu(menu: unknown) { this.installed = menu },
}

/** Fake dialog. */
export const dialog = {
  showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] as string[] })),
  showMessageBox: vi.fn(async () => ({ response: 0 })),
  showMessageBoxSync: vi.fn((..._args: unknown[]) => 1),
}

/** Fake clipboard. */
export const clipboard = { writeText: vi.fn() }

/** Fake `app`: ready at once, paths from a map, records its event listeners. */
export const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  paths: new Map<string, string>(),
  readyCalls: 0,
  whenReady() { this.readyCalls++; return Promise.resolve() },
  getPath(name: string) { const p = this.paths.get(name); if (!p) throw new Error(`no path ${name}`); return p },
  setPath(name: string, value: string) { this.paths.set(name, value) },
  getVersion: () => '0.1.0-test',
  getName: () => 'Inkpost',
  requestSingleInstanceLock: () => true,
  enableSandbox: vi.fn(),
  quit: vi.fn(),
  exit: vi.fn(),
})

/** Clears every record between tests. */
export function resetFakeElectron(): void {
  BrowserWindow.instances = []
  ipcMain.handlers.clear()
  ipcRenderer.removeAllListeners()
  ipcRenderer.invoke.mockClear()
  contextBridge.exposed.clear()
  shell.openExternal.mockClear()
  protocol.privileged = []
  protocol.handlers.clear()
  session.defaultSession = new FakeSession()
  nativeTheme.removeAllListeners()
  nativeTheme.shouldUseDarkColors = false
  Menu.installed = null
  Menu.popups = []
  dialog.showMessageBoxSync.mockReset()
  clipboard.writeText.mockClear()
}
