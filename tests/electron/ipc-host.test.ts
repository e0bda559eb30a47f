import { beforeEach, describe, expect, it, vi } from 'vitest'
import { BrowserWindow, FakeFrame, FakeWebContents, ipcMain, resetFakeElectron } from './fake-electron'
import { IPC_CHANNELS } from '../../shared/ipc/preload-api'
import { SERVICE_METHODS, type Services } from '../../shared/ipc/service-contract'
import { ServiceError } from '../../shared/services/service-error'
import { installIpcHost } from '../../electron/ipc-host'
import { SERVICE_ARG_RULES as IPC_ARG_RULES, validateServiceArgs as validateIpcArgs } from '../../shared/ipc/service-arg-rules'
import { isAppUrl } from '../../electron/app-urls'

vi.mock('electron', () => import('./fake-electron'))

function fakeServices() {
  const read = vi.fn(async (file: string) => ({ file, text: '# hi\n', version: 'v1', eol: '\n', bom: false }))
  const save = vi.fn(async () => ({ version: 'v2' }))
  const services = {
    app: { info: vi.fn(async () => ({ mode: 'electron', siteFileBase: 'inkpost-site://site', version: '0' })), openExternal: vi.fn() },
    site: { open: vi.fn(), current: vi.fn(async () => null), recent: vi.fn(async () => []) },
    library: { list: vi.fn(async () => []), tags: vi.fn(async () => []) },
    post: { read, create: vi.fn(), save, rename: vi.fn(), duplicate: vi.fn(), delete: vi.fn(async () => { throw new ServiceError('not-found', 'gone') }) },
    recovery: { journal: vi.fn(), pending: vi.fn(async () => []), discard: vi.fn() },
  }
  return { services: services as unknown as Services, read, save }
}

function setup() {
  const win = new BrowserWindow({})
  void win.loadURL('app://inkpost/index.html')
  const { services, read, save } = fakeServices()
  const warn = vi.fn()
  const host = installIpcHost({ services, getWindow: () => win as never, isAppUrl, warn })
  const handler = ipcMain.handlers.get(IPC_CHANNELS.invoke)!
  const fromMain = (...args: unknown[]) => handler({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, ...args)
  return { win, host, handler, fromMain, read, save, warn }
}

describe('Electron IPC host', () => {
  beforeEach(() => resetFakeElectron())

  it('registers exactly one invoke handler and removes it on dispose', () => {
    const { host } = setup()
    expect([...ipcMain.handlers.keys()]).toEqual([IPC_CHANNELS.invoke])
    host.dispose()
    expect(ipcMain.handlers.size).toBe(0)
  })

  it('dispatches a valid call from our main frame to the service', async () => {
    const { fromMain, read } = setup()
    await expect(fromMain('post', 'read', ['blog/2024-01-16-llama2.md'])).resolves.toEqual({
      result: { file: 'blog/2024-01-16-llama2.md', text: '# hi\n', version: 'v1', eol: '\n', bom: false },
    })
    expect(read).toHaveBeenCalledWith('blog/2024-01-16-llama2.md')
  })

  it('passes service errors back in wire form', async () => {
    const { fromMain } = setup()
    await expect(fromMain('post', 'delete', ['a.md'])).resolves.toEqual({ error: { code: 'not-found', message: 'gone' } })
  })

  it('refuses a subframe of our window', async () => {
    const { handler, win, read, warn } = setup()
    const sub = new FakeFrame('app://inkpost/index.html', win.webContents.mainFrame, 1, 99)
    const answer = await handler({ sender: win.webContents, senderFrame: sub }, 'post', 'read', ['a.md'])
    expect(answer).toMatchObject({ error: { code: 'unauthorized' } })
    expect(read).not.toHaveBeenCalled()
    expect(warn).toHaveBeenCalled()
  })

  it('refuses a frame claiming to be top-level but with another routing id', async () => {
    const { handler, win, read } = setup()
    const other = new FakeFrame('app://inkpost/index.html', null, 1, 4242)
    expect(await handler({ sender: win.webContents, senderFrame: other }, 'post', 'read', ['a.md'])).toMatchObject({ error: { code: 'unauthorized', message: expect.stringContaining('main frame') } })
    expect(read).not.toHaveBeenCalled()
  })

  it('refuses another webContents (another window, devtools)', async () => {
    const { handler, read } = setup()
    const stranger = new FakeWebContents('app://inkpost/index.html')
    expect(await handler({ sender: stranger, senderFrame: stranger.mainFrame }, 'post', 'read', ['a.md'])).toMatchObject({ error: { code: 'unauthorized' } })
    expect(read).not.toHaveBeenCalled()
  })

  it('refuses our main frame when it shows a foreign URL', async () => {
    const { handler, win, read } = setup()
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://evil/index.html', 'inkpost-site://site/x.svg', 'app://user:pw@inkpost/']) {
      win.webContents.setURL(url)
      expect(await handler({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, 'post', 'read', ['a.md'])).toMatchObject({ error: { code: 'unauthorized' } })
    }
    expect(read).not.toHaveBeenCalled()
  })

  it('refuses a sender whose frame is gone, and any call when the window is closed', async () => {
    const { handler, win, read } = setup()
    expect(await handler({ sender: win.webContents, senderFrame: null }, 'post', 'read', ['a.md'])).toMatchObject({ error: { code: 'unauthorized' } })
    win.destroyed = true
    expect(await handler({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, 'post', 'read', ['a.md'])).toMatchObject({ error: { code: 'unauthorized' } })
    expect(read).not.toHaveBeenCalled()
  })

  it('refuses unknown services and methods, including prototype tricks', async () => {
    const { fromMain } = setup()
    for (const [service, method] of [['fs', 'readFile'], ['post', 'unlinkAll'], ['post', 'constructor'], ['__proto__', 'toString'], ['post', '__proto__'], ['post', 'hasOwnProperty']]) {
      expect(await fromMain(service, method, [])).toMatchObject({ error: { code: 'invalid-argument', message: expect.stringContaining('Unknown service method') } })
    }
    expect(await fromMain(42, 'read', [])).toMatchObject({ error: { code: 'invalid-argument' } })
  })

  it('refuses bad arguments with a specific message', async () => {
    const { fromMain, read, save } = setup()
    const cases: Array<[string, string, unknown, RegExp]> = [
      ['post', 'read', 'a.md', /must be an array/],
      ['post', 'read', [], /takes 1 argument/],
      ['post', 'read', ['a.md', 'b.md'], /takes 1 argument/],
      ['post', 'read', [42], /Argument 1 of post.read must be a non-empty path/],
      ['post', 'read', [''], /non-empty path/],
      ['post', 'read', ['a\0.md'], /non-empty path/],
      ['post', 'save', ['a.md', 7, null], /Argument 2 of post.save must be a string/],
      ['post', 'save', ['a.md', 'text', 5], /Argument 3 of post.save must be a version string or null/],
      ['post', 'save', ['a.md', 'text', 'v1', 'force'], /Argument 4 of post.save must be an object/],
      ['post', 'create', [['title']], /must be an object/],
      ['library', 'list', [{ search: { deep: { deeper: { deepest: { a: { b: { c: { d: { e: 1 } } } } } } } } }], /plain data/],
      ['post', 'create', [{ title: 'x', date: new Date() }], /plain data/],
    ]
    for (const [service, method, args, message] of cases) {
      const answer = await fromMain(service, method, args)
      expect(answer, `${service}.${method}(${String(args)})`).toMatchObject({ error: { code: 'invalid-argument', message: expect.stringMatching(message) } })
    }
    expect(read).not.toHaveBeenCalled()
    expect(save).not.toHaveBeenCalled()
  })

  it('accepts optional arguments left out', async () => {
    const { fromMain, save } = setup()
    expect(await fromMain('post', 'save', ['a.md', 'text', null])).toEqual({ result: { version: 'v2' } })
    expect(await fromMain('post', 'save', ['a.md', 'text', 'v1', { force: true }])).toEqual({ result: { version: 'v2' } })
    expect(save).toHaveBeenCalledTimes(2)
    expect(await fromMain('library', 'list', [])).toEqual({ result: [] })
  })

  it('pushes events to our window only while it shows the app', () => {
    const { host, win } = setup()
    host.emit({ type: 'library-changed' })
    expect(win.webContents.sent).toEqual([{ channel: IPC_CHANNELS.event, payload: { type: 'library-changed' } }])
    win.webContents.setURL('https://evil.example/')
    host.emit({ type: 'library-changed' })
    win.destroyed = true
    host.emit({ type: 'library-changed' })
    expect(win.webContents.sent).toHaveLength(1)
  })
})

describe('IPC argument rules', () => {
  it('cover every contract method with the same argument-count bounds as SERVICE_METHODS', () => {
    for (const [service, methods] of Object.entries(SERVICE_METHODS)) {
      for (const [method, [min, max]] of Object.entries(methods as Record<string, readonly [number, number]>)) {
        const rules = (IPC_ARG_RULES as unknown as Record<string, Record<string, Array<{ optional: boolean }>>>)[service][method]
        expect(rules, `${service}.${method}`).toBeDefined()
        expect([rules.filter((r) => !r.optional).length, rules.length], `${service}.${method}`).toEqual([min, max])
      }
    }
  })

  it('accept a 6 MB post text', () => {
    expect(validateIpcArgs('post', 'save', ['blog/big.md', 'x'.repeat(6 * 1024 * 1024), 'v1'])).toBeNull()
  })
})
