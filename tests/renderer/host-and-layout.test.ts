import { afterEach, describe, expect, it, vi } from 'vitest'
import { connectHost, httpTransport, stripTokenFromUrl, takeHostToken } from '../../renderer/host/host-client'
import { fileFromHash, hashForFile } from '../../renderer/state/deep-link'
import { DEFAULT_LAYOUT, loadLayout, saveLayout } from '../../renderer/state/layout-store'
import { ServiceError } from '../../shared/services/service-error'

afterEach(() => vi.unstubAllGlobals())

describe('connectHost', () => {
  it('uses the Electron preload bridge when present and turns {error} replies into ServiceErrors', async () => {
    const invoke = vi.fn(async (service: string, method: string) => (method === 'read' ? { error: { code: 'not-found', message: 'no such post' } } : { result: { mode: 'electron', siteFileBase: 'inkpost-site://site', version: '1' } }))
    const host = connectHost({ inkpost: { invoke, onEvent: () => () => undefined } } as never)
    expect(host.mode).toBe('electron')
    await expect(host.services.app.info()).resolves.toMatchObject({ siteFileBase: 'inkpost-site://site' })
    expect(invoke).toHaveBeenCalledWith('app', 'info', [])
    const error = await host.services.post.read('x.md').catch((e) => e)
    expect(error).toBeInstanceOf(ServiceError)
    expect(error.code).toBe('not-found')
  })

  it('falls back to HTTP when window.inkpost is missing or not the bridge (DOM clobbering)', () => {
    expect(connectHost({} as never).mode).toBe('browser')
    expect(connectHost({ inkpost: { invoke: 'x' } } as never).mode).toBe('browser')
  })

  it('posts JSON arguments to /api/service.method and rebuilds errors', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ error: { code: 'conflict', message: 'changed', details: { diskText: 'd', diskVersion: 'v9' } } }), { status: 409 }))
    vi.stubGlobal('fetch', fetch)
    const stored = new Map<string, string>()
    const sessionStorage = { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v) }
    expect(takeHostToken({ location: { href: 'http://127.0.0.1:4999/?token=abc' }, sessionStorage } as never)).toBe('abc')
    const error = (await httpTransport('post', 'save', ['a.md', 'text', 'v1']).catch((e: unknown) => e)) as ServiceError
    // the token goes in a header, never as a cookie (credentials omitted)
    expect(fetch).toHaveBeenCalledWith('/api/post.save', expect.objectContaining({ method: 'POST', body: '["a.md","text","v1"]', credentials: 'omit', headers: expect.objectContaining({ 'x-inkpost-token': 'abc' }) }))
    expect(error).toBeInstanceOf(ServiceError)
    expect(error.details).toEqual({ diskText: 'd', diskVersion: 'v9' })
    fetch.mockResolvedValueOnce(new Response(JSON.stringify({ result: { version: 'v2' } })))
    await expect(httpTransport('post', 'save', [])).resolves.toEqual({ version: 'v2' })
    fetch.mockResolvedValueOnce(new Response('<html>', { status: 401 }))
    await expect(httpTransport('app', 'info', [])).rejects.toMatchObject({ code: 'unauthorized' })
  })

  it('strips the token from the address but keeps the hash', () => {
    const replaceState = vi.fn()
    stripTokenFromUrl({ location: { href: 'http://127.0.0.1:4999/?token=abc#/post/blog/x.md' }, history: { state: null, replaceState } } as never)
    expect(replaceState).toHaveBeenCalledWith(null, '', '/#/post/blog/x.md')
  })
})

describe('deep links', () => {
  it('reads #/post/<file> with encoded segments and refuses traversal', () => {
    expect(fileFromHash('#/post/blog/2024-01-16-llama2.md')).toBe('blog/2024-01-16-llama2.md')
    expect(fileFromHash('#/post/blog/%ED%95%9C%EA%B8%80.md')).toBe('blog/한글.md')
    expect(fileFromHash('#/post/blog%2Fa.md')).toBe('blog/a.md')
    expect(fileFromHash('#/post/../secret.md')).toBeNull()
    expect(fileFromHash('#/other')).toBeNull()
    expect(hashForFile('blog/한 글.md')).toBe('#/post/blog/%ED%95%9C%20%EA%B8%80.md')
  })
})

describe('layout store', () => {
  it('round-trips and clamps remembered values', () => {
    const data = new Map<string, string>()
    const storage = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) }
    expect(loadLayout(storage)).toEqual(DEFAULT_LAYOUT)
    saveLayout({ ...DEFAULT_LAYOUT, showOutline: true, libraryWidth: 5000, editorShare: 0.6 }, storage)
    const loaded = loadLayout(storage)
    expect(loaded.showOutline).toBe(true)
    expect(loaded.libraryWidth).toBe(600)
    expect(loaded.editorShare).toBe(0.6)
    data.set('inkpost.layout.v1', '{not json')
    expect(loadLayout(storage)).toEqual(DEFAULT_LAYOUT)
  })
})
