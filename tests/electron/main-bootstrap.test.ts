// Runs the real electron/main.ts bootstrap against the fake electron module and the real services:
// it must register the privileged schemes, open the --site folder, install the protocols, the IPC
// host and the menu, and open one hardened window on app://inkpost — and the pieces must work
// together (a call through the IPC handler reads the post; a site image is served).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { BrowserWindow, FakeWebContents, Menu, app, ipcMain, protocol, session } from './fake-electron'
import { IPC_CHANNELS } from '../../shared/ipc/preload-api'
import { PRIVILEGED_SCHEMES } from '../../electron/app-protocol'
import { appPaths } from '../../electron/app-paths'

vi.mock('electron', () => import('./fake-electron'))

let tmp: string
let siteDir: string
let win: BrowserWindow
const argv = process.argv

beforeAll(async () => {
  tmp = realpathSync(mkdtempSync(join(tmpdir(), 'inkpost-main-')))
  siteDir = join(tmp, 'my-site')
  cpSync(resolve('tests/fixtures/sample-site'), siteDir, { recursive: true })
  process.env.INKPOST_USER_DATA_DIR = join(tmp, 'user-data')
  process.env.INKPOST_MAIN_DIR = resolve('dist/electron')
  process.argv = [...argv, '--site', siteDir]
  await import('../../electron/main')
  await vi.waitFor(() => expect(BrowserWindow.instances).toHaveLength(1), { timeout: 20_000 })
  win = BrowserWindow.instances[0]
})

afterAll(async () => {
  process.argv = argv
  delete process.env.INKPOST_USER_DATA_DIR
  delete process.env.INKPOST_MAIN_DIR
  app.emit('will-quit')
  rmSync(tmp, { recursive: true, force: true })
})

const invoke = (...args: unknown[]) =>
  ipcMain.handlers.get(IPC_CHANNELS.invoke)!({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, ...args)

describe('electron/main bootstrap', () => {
  it('registers the privileged schemes, the sandbox and the data folder before ready', () => {
    expect(protocol.privileged).toEqual(PRIVILEGED_SCHEMES)
    expect(app.enableSandbox).toHaveBeenCalled()
    expect(app.getPath('userData')).toBe(join(tmp, 'user-data'))
  })

  it('opens one hardened window on the app entry, with the built preload', () => {
    expect(win.loadedUrl).toBe('app://inkpost/index.html')
    expect(win.options.webPreferences).toMatchObject({ preload: appPaths(resolve('dist/electron'), false, '').preloadPath, contextIsolation: true, sandbox: true, nodeIntegration: false })
    expect(win.webContents.windowOpenHandler).not.toBeNull()
    expect(session.defaultSession.permissionRequestHandler).not.toBeNull()
    expect(session.defaultSession.headersHook).not.toBeNull()
  })

  it('opened the --site folder: the IPC host answers with the real services', async () => {
    expect(await invoke('site', 'current', [])).toMatchObject({ result: { root: siteDir, name: 'my-site' } })
    const read = (await invoke('post', 'read', ['blog/2024-01-16-llama2.md'])) as { result: { text: string } }
    expect(read.result.text).toBe(readFileSync(join(siteDir, 'content/blog/2024-01-16-llama2.md'), 'utf8'))
    expect(await invoke('post', 'read', ['../../etc/passwd'])).toMatchObject({ error: { code: 'outside-site' } })
    expect(await invoke('app', 'info', [])).toEqual({ result: { mode: 'electron', siteFileBase: 'inkpost-site://site', version: '0.1.0-test' } })
  })

  it('serves the open site’s images on inkpost-site://', async () => {
    const response = await protocol.handlers.get('inkpost-site')!(new Request('inkpost-site://site/images/blogImg/2024-01-16-1.png'))
    expect(response.status).toBe(200)
    expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(join(siteDir, 'public/images/blogImg/2024-01-16-1.png')))).toBe(true)
  })

  it('fences every other webContents too (devtools, anything created later)', () => {
    const other = new FakeWebContents('about:blank')
    app.emit('web-contents-created', {}, other)
    expect(other.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' })
    expect(other.listenerCount('will-navigate')).toBe(1)
  })

  it('installed the menu with the site in Open Recent', () => {
    const template = (Menu.installed as { template: Array<{ label?: string; submenu?: Array<{ id?: string; submenu?: Array<{ label?: string }> }> }> }).template
    const file = template.find((m) => m.label === '&File')!
    const recent = file.submenu!.find((i) => i.id === 'open-recent')!
    expect(recent.submenu!.map((i) => i.label)).toContain(`my-site — ${siteDir}`)
  })
})
