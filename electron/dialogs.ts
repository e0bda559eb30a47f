// Native dialogs of the desktop app (kept apart from services, which never show UI).
import { dialog, type BrowserWindow } from 'electron'

/** Asks for a site folder; resolves with its absolute path, or null when cancelled. */
export async function chooseSiteFolder(win: BrowserWindow | null, defaultPath?: string): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: 'Open Site',
    buttonLabel: 'Open Site',
    message: 'Choose the root folder of your Nuxt Content site (the one with content/ and public/).',
    properties: ['openDirectory', 'createDirectory'],
    ...(defaultPath ? { defaultPath } : {}),
  }
  const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
  return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0]
}

/** Explains why a folder could not be opened (not a site, unreadable, …). */
export async function showOpenSiteError(win: BrowserWindow | null, dir: string, message: string): Promise<void> {
  const options: Electron.MessageBoxOptions = {
    type: 'warning',
    title: 'Cannot open site',
    message: `Inkpost cannot open ${dir}`,
    detail: message,
    buttons: ['OK'],
  }
  if (win) await dialog.showMessageBox(win, options)
  else await dialog.showMessageBox(options)
}

/**
 * When the page asks to keep the window (a `beforeunload` handler while a post is unsaved),
 * Electron would silently refuse to close; this asks the writer instead. "Leave" lets the
 * window close (unsaved text stays in the recovery journal), "Stay" keeps it open.
 */
export function confirmLeaveWithUnsavedChanges(win: BrowserWindow): void {
  win.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'question',
      buttons: ['Leave', 'Stay'],
      defaultId: 1,
      cancelId: 1,
      title: 'Unsaved changes',
      message: 'A post has unsaved changes.',
      detail: 'If you leave now, the changes since the last save are kept only in the recovery journal and offered back at the next start.',
    })
    if (choice === 0) event.preventDefault()
  })
}
