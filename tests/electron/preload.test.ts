import { describe, expect, it, vi } from 'vitest'
import { contextBridge, ipcRenderer } from './fake-electron'
import { IPC_CHANNELS, type InkpostPreloadApi } from '../../shared/ipc/preload-api'

vi.mock('electron', () => import('./fake-electron'))

// The preload exposes its API when imported; it is imported once and inspected through the fake.
async function loadPreload() {
  await import('../../electron/preload')
  return { api: contextBridge.exposed.get('inkpost') as InkpostPreloadApi, contextBridge, ipcRenderer }
}

describe('Electron preload', () => {
  it('exposes exactly one frozen object, window.inkpost, with exactly invoke, onEvent and pathForFile', async () => {
    const { api, contextBridge } = await loadPreload()
    expect([...contextBridge.exposed.keys()]).toEqual(['inkpost'])
    expect(Object.isFrozen(api)).toBe(true)
    expect(Object.keys(api).sort()).toEqual(['invoke', 'onEvent', 'pathForFile'])
    expect(() => {
      ;(api as unknown as Record<string, unknown>).invoke = () => 'hijacked'
    }).toThrow(TypeError)
  })

  it('invoke forwards service, method and args on the invoke channel', async () => {
    const { api, ipcRenderer } = await loadPreload()
    await expect(api.invoke('post', 'read', ['blog/a.md'])).resolves.toEqual({ result: 'ok' })
    expect(ipcRenderer.invoke).toHaveBeenCalledWith(IPC_CHANNELS.invoke, 'post', 'read', ['blog/a.md'])
  })

  it('onEvent delivers only the payload (never the IPC event object) and unsubscribes', async () => {
    const { api, ipcRenderer } = await loadPreload()
    const seen: unknown[] = []
    const off = api.onEvent((event) => seen.push(event))
    const ipcEvent = { sender: ipcRenderer, senderId: 0 }
    ipcRenderer.emit(IPC_CHANNELS.event, ipcEvent, { type: 'library-changed' })
    expect(seen).toEqual([{ type: 'library-changed' }])
    off()
    ipcRenderer.emit(IPC_CHANNELS.event, ipcEvent, { type: 'library-changed' })
    expect(seen).toHaveLength(1)
    expect(ipcRenderer.listenerCount(IPC_CHANNELS.event)).toBe(0)
  })

  it('pathForFile asks webUtils for a dropped File and refuses anything else', async () => {
    const { api } = await loadPreload()
    const { webUtils } = await import('./fake-electron')
    const dropped = new File([new Uint8Array([1, 2])], 'photo.png', { type: 'image/png' })
    expect(api.pathForFile(dropped)).toBe('/dropped/photo.png')
    expect(webUtils.getPathForFile).toHaveBeenCalledWith(dropped)
    expect(api.pathForFile(new File([], 'image.png'))).toBe('')
    expect(() => api.pathForFile('/etc/passwd')).toThrow(/needs a File/)
  })

  it('onEvent refuses a non-function listener', async () => {
    const { api } = await loadPreload()
    expect(() => api.onEvent('x' as never)).toThrow(/needs a function/)
  })
})
