// The app window and its security fences: isolated + sandboxed renderer without Node, the CSP as
// a response header, no navigation, no new windows (http(s) links go to the system browser), no
// permissions but reading the clipboard from the app page (Ctrl+K), no downloads, no <webview>. Also the remembered bounds, the OS dark mode, the
// right-click menu and the unsaved-changes question on close.
import { BrowserWindow, nativeTheme, screen, shell, type Session, type WebContents } from 'electron'
import { APP_ENTRY_URL, EXTERNAL_PROTOCOLS, isAppUrl } from './app-urls'
import { appCspFor } from './content-security-policy'
import { installContextMenu } from './context-menu'
import { confirmLeaveWithUnsavedChanges } from './dialogs'
import { MIN_WINDOW_SIZE, fitToDisplays, type WindowState } from './window-state'

/** Window background while the page loads, matching the renderer's light and dark themes. */
export const WINDOW_BACKGROUND = { light: '#ffffff', dark: '#1a1b1e' } as const

/** Opens `url` in the system browser when it is http(s) or mailto; returns whether it did. */
export function openExternalSafely(url: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (!EXTERNAL_PROTOCOLS.includes(parsed.protocol)) return false
  void shell.openExternal(parsed.toString()).catch(() => undefined)
  return true
}

const hardened = new WeakSet<WebContents>()

/**
 * Fences one webContents: every navigation away from the loaded page is cancelled (links to the
 * web open in the system browser instead), every window.open is denied the same way, redirects
 * away from the app origin are cancelled and `<webview>` cannot be attached.
 */
export function hardenWebContents(contents: WebContents): void {
  // `app.on('web-contents-created')` and `createAppWindow` both call this; fence each contents once.
  if (hardened.has(contents)) return
  hardened.add(contents)
  contents.on('will-navigate', (event) => {
    event.preventDefault()
    openExternalSafely(event.url)
  })
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !isAppUrl(event.url)) event.preventDefault()
  })
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
  })
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url)
    return { action: 'deny' }
  })
}

/** The one permission the app uses: reading the clipboard's text, for Ctrl+K's link from a copied URL. */
const APP_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-read'])

/**
 * Whether a permission request or check may be granted: only {@link APP_PERMISSIONS}, only for the
 * app's own page in the window's main frame (never a site file, a frame or another origin).
 */
export function permissionAllowed(permission: string, requestingUrl: string | undefined, isMainFrame: boolean | undefined): boolean {
  return APP_PERMISSIONS.has(permission) && isMainFrame === true && typeof requestingUrl === 'string' && isAppUrl(requestingUrl)
}

/**
 * Fences the session: every permission request and check is denied except reading the clipboard
 * from the app's own page ({@link permissionAllowed}), downloads are cancelled, and app pages get
 * the CSP response header even if a response lacked it.
 */
export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(permissionAllowed(permission, details?.requestingUrl, details?.isMainFrame))
  })
  ses.setPermissionCheckHandler((_contents, permission, _origin, details) => permissionAllowed(permission, details?.requestingUrl, details?.isMainFrame))
  ses.on('will-download', (event) => event.preventDefault())
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url)) {
      callback({})
      return
    }
    const headers: Record<string, string[]> = {}
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value
    }
    headers['Content-Security-Policy'] = [appCspFor(details.url)]
    callback({ responseHeaders: headers })
  })
}

/** What `createAppWindow` needs: the preload, the bounds to restore and where to report bound changes. */
export interface AppWindowOptions {
  preloadPath: string
  state: WindowState
  /** Called (debounced) when the bounds change, and on close. */
  onStateChange: (state: WindowState) => void
  /** Page to load; the app entry by default. */
  url?: string
  /** Window icon (development only; installers give packaged apps theirs). */
  icon?: string | null
}

/** Creates, fences and loads the app window; it shows itself once the page is painted. */
export function createAppWindow(options: AppWindowOptions): BrowserWindow {
  const state = fitToDisplays(options.state, screen.getAllDisplays().map((d) => d.workArea))
  // The options are written out here, literally, so reviewers and the electronegativity scan see them.
  const win = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'Inkpost',
    ...(options.icon ? { icon: options.icon } : {}),
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
      // Middle-click must not open links in new windows (they are denied anyway; this stops the attempt).
      disableBlinkFeatures: 'Auxclick',
    },
  })
  hardenWebContents(win.webContents)
  installContextMenu(win)
  confirmLeaveWithUnsavedChanges(win)
  if (state.maximized) win.maximize()
  win.once('ready-to-show', () => win.show())

  let timer: ReturnType<typeof setTimeout> | undefined
  const snapshot = (): WindowState => {
    const b = win.getNormalBounds()
    return { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() }
  }
  const schedule = () => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      if (!win.isDestroyed()) options.onStateChange(snapshot())
    }, 500)
  }
  for (const name of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(name as 'resize', schedule)
  win.on('close', () => {
    clearTimeout(timer)
    options.onStateChange(snapshot())
  })

  followSystemTheme(win)
  void win.loadURL(options.url ?? APP_ENTRY_URL)
  return win
}

/**
 * Dark mode follows the OS: the renderer uses `prefers-color-scheme` (Chromium reports the OS
 * setting), and the window background tracks it so no white flash shows in dark mode.
 */
export function followSystemTheme(win: BrowserWindow): void {
  nativeTheme.themeSource = 'system'
  const update = () => {
    if (!win.isDestroyed()) win.setBackgroundColor(nativeTheme.shouldUseDarkColors ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light)
  }
  nativeTheme.on('updated', update)
  win.on('closed', () => nativeTheme.removeListener('updated', update))
}
