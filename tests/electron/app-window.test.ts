import { beforeEach, describe, expect, it, vi } from 'vitest'
import { BrowserWindow, FakeWebContents, fakeNavEvent, nativeTheme, resetFakeElectron, session, shell } from './fake-electron'
import { createAppWindow, hardenSession, hardenWebContents, WINDOW_BACKGROUND } from '../../electron/app-window'
import { CONTENT_SECURITY_POLICY, SCRIPT_CONTENT_SECURITY_POLICY } from '../../electron/content-security-policy'
import { APP_ENTRY_URL } from '../../electron/app-urls'

vi.mock('electron', () => import('./fake-electron'))

const state = { width: 1200, height: 800, maximized: false }

describe('app window options', () => {
  beforeEach(() => resetFakeElectron())

  const open = (windowState: typeof state & { x?: number; y?: number }) =>
    createAppWindow({ preloadPath: '/app/preload.cjs', state: windowState, onStateChange: vi.fn() }) as unknown as BrowserWindow

  it('isolates and sandboxes the renderer without Node', () => {
    expect(open(state).options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    })
  })

  it('restores saved bounds and follows the OS theme for the background', () => {
    nativeTheme.shouldUseDarkColors = true
    expect(open({ x: 5, y: 6, width: 1000, height: 700, maximized: false }).options).toMatchObject({ x: 5, y: 6, width: 1000, height: 700, backgroundColor: WINDOW_BACKGROUND.dark, show: false })
    expect(open(state).options).not.toHaveProperty('x')
  })
})

describe('createAppWindow', () => {
  beforeEach(() => resetFakeElectron())

  it('creates one hardened window loading the app entry, and reports its bounds on close', () => {
    const onStateChange = vi.fn()
    const win = createAppWindow({ preloadPath: '/p', state: { ...state, maximized: true }, onStateChange }) as unknown as BrowserWindow
    expect(BrowserWindow.instances).toHaveLength(1)
    expect(win.loadedUrl).toBe(APP_ENTRY_URL)
    expect(win.maximized).toBe(true)
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false })
    expect(win.webContents.windowOpenHandler).not.toBeNull()
    win.emit('close')
    expect(onStateChange).toHaveBeenCalledWith({ x: 10, y: 20, width: 1200, height: 800, maximized: true })
  })

  it('drops a saved position that is off every display', () => {
    const win = createAppWindow({ preloadPath: '/p', state: { x: 5000, y: 5000, width: 1000, height: 700, maximized: false }, onStateChange: vi.fn() }) as unknown as BrowserWindow
    expect(win.options).not.toHaveProperty('x')
    expect(win.options.width).toBe(1000)
  })

  it('switches the background when the OS theme changes', () => {
    const win = createAppWindow({ preloadPath: '/p', state, onStateChange: vi.fn() }) as unknown as BrowserWindow
    nativeTheme.shouldUseDarkColors = true
    nativeTheme.emit('updated')
    expect(win.background).toBe(WINDOW_BACKGROUND.dark)
  })
})

describe('hardenWebContents', () => {
  beforeEach(() => resetFakeElectron())

  it('prevents every navigation and opens web links in the system browser', () => {
    const contents = new FakeWebContents()
    hardenWebContents(contents as never)
    const toWeb = fakeNavEvent('https://example.com/post')
    contents.emit('will-navigate', toWeb)
    expect(toWeb.defaultPrevented).toBe(true)
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.com/post')

    shell.openExternal.mockClear()
    for (const url of ['file:///etc/passwd', 'app://inkpost/other.html', 'javascript:alert(1)', 'inkpost-site://site/a.svg']) {
      const event = fakeNavEvent(url)
      contents.emit('will-navigate', event)
      expect(event.defaultPrevented, url).toBe(true)
    }
    expect(shell.openExternal).not.toHaveBeenCalled()
  })

  it('prevents redirects away from the app, subframe navigation to foreign URLs and <webview>', () => {
    const contents = new FakeWebContents()
    hardenWebContents(contents as never)
    const redirect = fakeNavEvent('https://evil.example/')
    contents.emit('will-redirect', redirect)
    expect(redirect.defaultPrevented).toBe(true)
    const sub = fakeNavEvent('https://evil.example/', { isMainFrame: false })
    contents.emit('will-frame-navigate', sub)
    expect(sub.defaultPrevented).toBe(true)
    const webview = fakeNavEvent('')
    contents.emit('will-attach-webview', webview)
    expect(webview.defaultPrevented).toBe(true)
  })

  it('denies every new window; http(s) and mailto go to the system browser, other schemes nowhere', () => {
    const contents = new FakeWebContents()
    hardenWebContents(contents as never)
    const open = contents.windowOpenHandler!
    expect(open({ url: 'https://nuxt.com/' })).toEqual({ action: 'deny' })
    expect(open({ url: 'mailto:me@example.com' })).toEqual({ action: 'deny' })
    expect(open({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(open({ url: 'smb://server/share' })).toEqual({ action: 'deny' })
    expect(open({ url: 'not a url' })).toEqual({ action: 'deny' })
    expect(shell.openExternal.mock.calls.map((c) => c[0])).toEqual(['https://nuxt.com/', 'mailto:me@example.com'])
  })

  it('fences a webContents only once (no double external opens)', () => {
    const contents = new FakeWebContents()
    hardenWebContents(contents as never)
    hardenWebContents(contents as never)
    contents.emit('will-navigate', fakeNavEvent('https://example.com/'))
    expect(shell.openExternal).toHaveBeenCalledTimes(1)
  })
})

describe('hardenSession', () => {
  beforeEach(() => resetFakeElectron())

  it('denies every permission request and check but reading the clipboard from the app page', () => {
    const ses = session.defaultSession
    hardenSession(ses as never)
    const app = { requestingUrl: 'app://inkpost/index.html', isMainFrame: true }
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-sanitized-write', 'openExternal', 'fullscreen', 'midi', 'hid']) {
      const callback = vi.fn()
      ses.permissionRequestHandler!({}, permission, callback, app)
      expect(callback, permission).toHaveBeenCalledWith(false)
      expect(ses.permissionCheckHandler!({}, permission, 'app://inkpost', app), permission).toBe(false)
    }
    // Ctrl+K reads a copied URL: allowed for the app's own page only
    const granted = vi.fn()
    ses.permissionRequestHandler!({}, 'clipboard-read', granted, app)
    expect(granted).toHaveBeenCalledWith(true)
    expect(ses.permissionCheckHandler!({}, 'clipboard-read', 'app://inkpost', app)).toBe(true)
    for (const details of [
      {},
      { requestingUrl: 'app://inkpost/index.html', isMainFrame: false },
      { requestingUrl: 'inkpost-site://site/images/x.svg', isMainFrame: true },
      { requestingUrl: 'https://evil.example/', isMainFrame: true },
      { requestingUrl: 'app://evil/index.html', isMainFrame: true },
      { requestingUrl: 'app://user:pw@inkpost/index.html', isMainFrame: true },
    ]) {
      const callback = vi.fn()
      ses.permissionRequestHandler!({}, 'clipboard-read', callback, details)
      expect(callback, JSON.stringify(details)).toHaveBeenCalledWith(false)
      expect(ses.permissionCheckHandler!({}, 'clipboard-read', 'app://inkpost', details), JSON.stringify(details)).toBe(false)
    }
  })

  it('cancels downloads', () => {
    const ses = session.defaultSession
    hardenSession(ses as never)
    const event = fakeNavEvent('')
    ses.emit('will-download', event, {}, {})
    expect(event.defaultPrevented).toBe(true)
  })

  it('sets the CSP response header on app pages, replacing any other CSP', () => {
    const ses = session.defaultSession
    hardenSession(ses as never)
    const callback = vi.fn()
    ses.headersHook!({ url: 'app://inkpost/index.html', responseHeaders: { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] } }, callback)
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
    const worker = vi.fn()
    ses.headersHook!({ url: 'app://inkpost/assets/parse-worker-abc.js?v=1', responseHeaders: { 'content-security-policy': ["default-src *"] } }, worker)
    expect(worker).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [SCRIPT_CONTENT_SECURITY_POLICY] } })
    const other = vi.fn()
    ses.headersHook!({ url: 'inkpost-site://site/images/a.png', responseHeaders: {} }, other)
    expect(other).toHaveBeenCalledWith({})
  })

  it('the CSP forbids inline and foreign script, plugins, frames and base/form hijacks', () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]))
    expect(directives['default-src']).toEqual(["'none'"])
    expect(directives['script-src']).toEqual(["'self'"])
    expect(directives['object-src']).toEqual(["'none'"])
    expect(directives['frame-src']).toEqual(["'none'"])
    expect(directives['base-uri']).toEqual(["'none'"])
    expect(directives['form-action']).toEqual(["'none'"])
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/)
  })
})
