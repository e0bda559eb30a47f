import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'
import { Menu, resetFakeElectron } from './fake-electron'
import { HELP_LINKS, buildMenuTemplate, installAppMenu, type MenuModel } from '../../electron/app-menu'

vi.mock('electron', () => import('./fake-electron'))

function model(overrides: Partial<MenuModel> = {}): MenuModel & { actions: Record<string, ReturnType<typeof vi.fn>> } {
  const actions = { newPost: vi.fn(), openSite: vi.fn(), openRecent: vi.fn(), revealSite: vi.fn(), openExternal: vi.fn() }
  return { appName: 'Inkpost', platform: 'linux', recent: ['/home/me/blog', '/home/me/other'], isDev: false, actions, ...overrides } as never
}

const flatten = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])])
const find = (items: MenuItemConstructorOptions[], label: string) => flatten(items).find((i) => i.label === label)
const click = (item: MenuItemConstructorOptions | undefined) => (item!.click as () => void)()

describe('application menu', () => {
  beforeEach(() => resetFakeElectron())

  it('has File, Edit, View, Window and Help with the standard roles', () => {
    const template = buildMenuTemplate(model())
    expect(template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Window', '&Help'])
    const roles = flatten(template).map((i) => i.role).filter(Boolean)
    for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen', 'windowMenu', 'quit', 'about', 'help']) {
      expect(roles, role).toContain(role)
    }
    expect(roles).not.toContain('toggleDevTools')
  })

  it('puts the app menu first on macOS and closes instead of quitting from File', () => {
    const template = buildMenuTemplate(model({ platform: 'darwin' }))
    expect(template[0]).toMatchObject({ role: 'appMenu' })
    const fileRoles = flatten([template[1]]).map((i) => i.role)
    expect(fileRoles).toContain('close')
    expect(fileRoles).not.toContain('quit')
  })

  it('offers developer items only in development', () => {
    const roles = flatten(buildMenuTemplate(model({ isDev: true }))).map((i) => i.role)
    expect(roles).toContain('toggleDevTools')
    expect(roles).toContain('reload')
  })

  it('wires New Post, Open Site… and Open Recent with their shortcuts', () => {
    const m = model()
    const template = buildMenuTemplate(m)
    const newPost = find(template, 'New Post…')
    const openSite = find(template, 'Open Site…')
    expect(newPost?.accelerator).toBe('CmdOrCtrl+N')
    expect(openSite?.accelerator).toBe('CmdOrCtrl+O')
    click(newPost)
    click(openSite)
    expect(m.actions.newPost).toHaveBeenCalledOnce()
    expect(m.actions.openSite).toHaveBeenCalledOnce()
    const recent = find(template, 'Open Recent')!.submenu as MenuItemConstructorOptions[]
    expect(recent.map((i) => i.label)).toEqual(['blog — /home/me/blog', 'other — /home/me/other'])
    click(recent[1])
    expect(m.actions.openRecent).toHaveBeenCalledWith('/home/me/other')
  })

  it('shows a disabled placeholder when there are no recent sites', () => {
    const recent = find(buildMenuTemplate(model({ recent: [] })), 'Open Recent')!.submenu as MenuItemConstructorOptions[]
    expect(recent).toEqual([{ label: 'No Recent Sites', enabled: false }])
  })

  it('never binds Ctrl/Cmd+S (the editor saves; a menu accelerator would swallow the key)', () => {
    const accelerators = flatten(buildMenuTemplate(model())).map((i) => i.accelerator).filter(Boolean)
    expect(accelerators.some((a) => /\+S$/i.test(String(a)))).toBe(false)
  })

  it('help items open the documentation externally', () => {
    const m = model()
    click(find(buildMenuTemplate(m), 'Nuxt Content Documentation'))
    expect(m.actions.openExternal).toHaveBeenCalledWith(HELP_LINKS.nuxtContent)
  })

  it('installs the built menu as the application menu', () => {
    installAppMenu(model())
    expect((Menu.installed as { template: MenuItemConstructorOptions[] }).template.map((m) => m.label)).toContain('&File')
  })
})
