// Electron main process: bootstrap only. It wires the pieces — privileged protocols, the hardened
// session and window, the IPC host over the shared services, the menu — and picks the site to
// open. Everything with logic lives in its own module (and is tested there).
import { app, BrowserWindow, protocol, session, shell } from 'electron'
import { join, resolve } from 'node:path'
import type { InkpostEvent } from '../shared/services/events'
import { installAppMenu } from './app-menu'
import { appPaths } from './app-paths'
import { PRIVILEGED_SCHEMES, installAppProtocols } from './app-protocol'
import { isAppUrl } from './app-urls'
import { createAppWindow, hardenSession, hardenWebContents, openExternalSafely } from './app-window'
import { createDesktopServices } from './desktop-services'
import type { ServiceRuntime } from './services/create-services'
import { chooseSiteFolder, showOpenSiteError } from './dialogs'
import { installIpcHost, type IpcHost } from './ipc-host'
import { parseLaunchArgs } from './launch-args'
import { chooseStartupSite, ensureSampleSiteCopy } from './startup-site'
import { loadWindowState, saveWindowState } from './window-state'

protocol.registerSchemesAsPrivileged(PRIVILEGED_SCHEMES)
app.enableSandbox()
// Tests (and people who keep several profiles) can point the app at another data folder.
if (process.env.INKPOST_USER_DATA_DIR) app.setPath('userData', resolve(process.env.INKPOST_USER_DATA_DIR))

// `__dirname` is dist/electron once bundled; INKPOST_MAIN_DIR lets the bootstrap test run the source.
const mainDir = (!app.isPackaged && process.env.INKPOST_MAIN_DIR) || __dirname
const { rendererDir, preloadPath, bundledSample, icon } = appPaths(mainDir, app.isPackaged, process.resourcesPath)

let win: BrowserWindow | null = null
let host: IpcHost | null = null
let services: ServiceRuntime | null = null

const emit = (event: InkpostEvent) => host?.emit(event)

async function refreshMenu(): Promise<void> {
  if (!services) return
  const recent = await services.site.recent().catch(() => [] as string[])
  installAppMenu({
    appName: app.getName(),
    platform: process.platform,
    recent,
    isDev: !app.isPackaged,
    actions: {
      newPost: () => emit({ type: 'menu-command', command: 'new-post' }),
      openSite: () => void pickAndOpenSite(),
      openRecent: (dir) => void openSite(dir),
      revealSite: () => void revealSite(),
      openExternal: (url) => openExternalSafely(url),
    },
  })
}

/** Opens `dir` as the site; explains a failure in a dialog. Returns whether it opened. */
async function openSite(dir: string): Promise<boolean> {
  if (!services) return false
  try {
    // site.open announces `site-opened` to the window itself (through `emit`).
    await services.site.open(dir)
    await refreshMenu()
    return true
  } catch (error) {
    await showOpenSiteError(win, dir, error instanceof Error ? error.message : String(error))
    return false
  }
}

async function pickAndOpenSite(): Promise<void> {
  const current = await services?.site.current()
  const dir = await chooseSiteFolder(win, current?.root)
  if (dir) await openSite(dir)
}

async function revealSite(): Promise<void> {
  const current = await services?.site.current()
  if (current) shell.showItemInFolder(current.root)
}

function openWindow(): void {
  const stateFile = join(app.getPath('userData'), 'window-state.json')
  win = createAppWindow({
    preloadPath,
    icon,
    state: loadWindowState(stateFile),
    onStateChange: (state) => saveWindowState(stateFile, state),
  })
  win.on('closed', () => {
    win = null
  })
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData')
  hardenSession(session.defaultSession)
  const runtime = createDesktopServices({ dataDir, version: app.getVersion(), emit, trash: (path) => shell.trashItem(path), openExternal: (url) => shell.openExternal(url) })
  services = runtime
  installAppProtocols({
    rendererDir,
    sitePublicDir: async () => {
      const site = await runtime.site.current()
      return site ? join(site.root, site.settings.publicDir) : null
    },
  })
  host = installIpcHost({ services: runtime, getWindow: () => win, isAppUrl })

  const requested = parseLaunchArgs(process.argv).site
  const first = await chooseStartupSite({ requested, recent: await runtime.site.recent().catch(() => []), bundledSample, dataDir })
    .catch(() => null)
  const opened = first ? await openSite(first) : false
  if (!opened) {
    // The remembered site is gone or broken: fall back to the sample site so the window is useful.
    const sample = await ensureSampleSiteCopy(bundledSample, dataDir).catch(() => null)
    if (sample && sample !== first) await openSite(sample)
  }
  await refreshMenu()
  openWindow()
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents))
  app.on('second-instance', (_event, argv, cwd) => {
    if (win) {
      if (win.isMinimized()) win.restore()
      win.focus()
    }
    const site = parseLaunchArgs(argv, cwd).site
    if (site) void openSite(site)
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => {
    if (!win && services) openWindow()
  })
  app.on('will-quit', () => {
    host?.dispose()
    void services?.dispose()
  })
  app.whenReady().then(start).catch((error: unknown) => {
    console.error('inkpost: could not start', error)
    app.exit(1)
  })
}
