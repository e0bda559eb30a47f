import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'
import { BrowserWindow, Menu, clipboard, dialog, fakeNavEvent, resetFakeElectron } from './fake-electron'
import { buildContextMenuTemplate } from '../../electron/context-menu'
import { createAppWindow } from '../../electron/app-window'

vi.mock('electron', () => import('./fake-electron'))

const flags = { canUndo: true, canRedo: true, canCut: true, canCopy: true, canPaste: true, canDelete: true, canSelectAll: true, canEditRichly: false }
const base = { isEditable: false, selectionText: '', misspelledWord: '', dictionarySuggestions: [] as string[], editFlags: flags, linkURL: '' }
const target = () => ({ replaceMisspelling: vi.fn(), addToDictionary: vi.fn(), copyText: vi.fn() })
const labels = (items: MenuItemConstructorOptions[]) => items.map((i) => i.label ?? i.role ?? i.type)

describe('context menu', () => {
  beforeEach(() => resetFakeElectron())

  it('offers cut/copy/paste/select all in the editor, following the edit flags', () => {
    const items = buildContextMenuTemplate({ ...base, isEditable: true, editFlags: { ...flags, canCut: false, canCopy: false } }, target())
    expect(labels(items)).toEqual(['cut', 'copy', 'paste', 'separator', 'selectAll'])
    expect(items[0].enabled).toBe(false)
    expect(items[2].enabled).toBe(true)
  })

  it('puts spelling suggestions first and applies the chosen one', () => {
    const t = target()
    const items = buildContextMenuTemplate({ ...base, isEditable: true, misspelledWord: 'teh', dictionarySuggestions: ['the', 'ten'] }, t)
    expect(labels(items).slice(0, 4)).toEqual(['the', 'ten', 'Add to Dictionary', 'separator'])
    ;(items[0].click as () => void)()
    expect(t.replaceMisspelling).toHaveBeenCalledWith('the')
    ;(items[2].click as () => void)()
    expect(t.addToDictionary).toHaveBeenCalledWith('teh')
  })

  it('offers only Copy for selected preview text, Copy Link for web links, nothing otherwise', () => {
    expect(labels(buildContextMenuTemplate({ ...base, selectionText: 'LLaMA' }, target()))).toEqual(['copy'])
    const t = target()
    const link = buildContextMenuTemplate({ ...base, linkURL: 'https://arxiv.org/abs/2307.09288' }, t)
    expect(labels(link)).toEqual(['Copy Link'])
    ;(link[0].click as () => void)()
    expect(t.copyText).toHaveBeenCalledWith('https://arxiv.org/abs/2307.09288')
    expect(buildContextMenuTemplate({ ...base, linkURL: 'javascript:alert(1)' }, target())).toEqual([])
    expect(buildContextMenuTemplate(base, target())).toEqual([])
  })

  it('is shown on right-click in the app window', () => {
    const win = createAppWindow({ preloadPath: '/p', state: { width: 1000, height: 700, maximized: false }, onStateChange: vi.fn() }) as unknown as BrowserWindow
    win.webContents.emit('context-menu', {}, { ...base, linkURL: 'https://nuxt.com/' })
    expect(Menu.popups).toHaveLength(1)
    const [item] = (Menu.popups[0] as { template: MenuItemConstructorOptions[] }).template
    ;(item.click as () => void)()
    expect(clipboard.writeText).toHaveBeenCalledWith('https://nuxt.com/')
  })
})

describe('closing with unsaved changes', () => {
  beforeEach(() => resetFakeElectron())

  it('asks, and lets the window close only when the writer chooses Leave', () => {
    const win = createAppWindow({ preloadPath: '/p', state: { width: 1000, height: 700, maximized: false }, onStateChange: vi.fn() }) as unknown as BrowserWindow
    dialog.showMessageBoxSync.mockReturnValueOnce(1)
    const stay = fakeNavEvent('')
    win.webContents.emit('will-prevent-unload', stay)
    expect(stay.defaultPrevented).toBe(false)
    dialog.showMessageBoxSync.mockReturnValueOnce(0)
    const leave = fakeNavEvent('')
    win.webContents.emit('will-prevent-unload', leave)
    expect(leave.defaultPrevented).toBe(true)
    expect(dialog.showMessageBoxSync).toHaveBeenCalledTimes(2)
  })
})
