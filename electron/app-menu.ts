// The application menu: standard roles and shortcuts (Edit, View, Window, the macOS app menu),
// plus File > New Post, Open Site…, Open Recent, and Help links. Ctrl/Cmd+S is deliberately NOT
// a menu accelerator: the editor handles it, and a menu accelerator would swallow the keystroke.
import { Menu, type MenuItemConstructorOptions } from 'electron'
import { basename } from 'node:path'

/** What the menu's own items do; the main process wires them to dialogs, services and the window. */
export interface MenuActions {
  newPost(): void
  openSite(): void
  openRecent(dir: string): void
  revealSite(): void
  openExternal(url: string): void
}

/** Everything the menu's content depends on. */
export interface MenuModel {
  appName: string
  platform: NodeJS.Platform
  /** Recently opened site roots, newest first. */
  recent: string[]
  /** Developer items (reload, devtools) only when not packaged. */
  isDev: boolean
  actions: MenuActions
}

/** Links of the Help menu. */
export const HELP_LINKS = {
  markdown: 'https://content.nuxt.com/usage/markdown',
  nuxtContent: 'https://content.nuxt.com/',
} as const

/** Builds the menu template (pure, so it is tested without Electron). */
export function buildMenuTemplate(model: MenuModel): MenuItemConstructorOptions[] {
  const { actions } = model
  const isMac = model.platform === 'darwin'
  const recentItems: MenuItemConstructorOptions[] = model.recent.length
    ? model.recent.slice(0, 10).map((dir) => ({ label: `${basename(dir)} — ${dir}`, click: () => actions.openRecent(dir) }))
    : [{ label: 'No Recent Sites', enabled: false }]

  const template: MenuItemConstructorOptions[] = []
  if (isMac) template.push({ label: model.appName, role: 'appMenu' })
  template.push({
    label: '&File',
    submenu: [
      { id: 'new-post', label: 'New Post…', accelerator: 'CmdOrCtrl+N', click: () => actions.newPost() },
      { type: 'separator' },
      { id: 'open-site', label: 'Open Site…', accelerator: 'CmdOrCtrl+O', click: () => actions.openSite() },
      { id: 'open-recent', label: 'Open Recent', submenu: recentItems },
      { label: isMac ? 'Reveal Site in Finder' : 'Show Site Folder', click: () => actions.revealSite() },
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  })
  template.push({
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'pasteAndMatchStyle' },
      { role: 'delete' },
      { role: 'selectAll' },
    ],
  })
  template.push({
    label: '&View',
    submenu: [
      ...(model.isDev ? ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as MenuItemConstructorOptions[]) : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  })
  template.push({ label: '&Window', role: 'windowMenu' })
  template.push({
    label: '&Help',
    role: 'help',
    submenu: [
      { label: 'Markdown and MDC Syntax', click: () => actions.openExternal(HELP_LINKS.markdown) },
      { label: 'Nuxt Content Documentation', click: () => actions.openExternal(HELP_LINKS.nuxtContent) },
      ...(isMac ? [] : ([{ type: 'separator' }, { role: 'about' }] as MenuItemConstructorOptions[])),
    ],
  })
  return template
}

/** Builds and installs the application menu; call again when the recent sites change. */
export function installAppMenu(model: MenuModel): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(model)))
}
