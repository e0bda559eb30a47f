// The right-click menu of the app window (Electron shows none by default): spelling suggestions
// for a misspelled word, then Cut/Copy/Paste/Select All as the editing state allows, and
// "Copy Link" on links. The page's own context menus (library rows) take precedence: when the
// page handles `contextmenu` itself, Electron does not raise this one.
import { Menu, clipboard, type BrowserWindow, type ContextMenuParams, type MenuItemConstructorOptions, type WebContents } from 'electron'

/** What the context menu can do to the page (a subset of WebContents, so tests can fake it). */
export interface ContextMenuTarget {
  replaceMisspelling(text: string): void
  addToDictionary(word: string): void
  copyText(text: string): void
}

/** Builds the context menu for one right-click (pure). Empty when there is nothing to offer. */
export function buildContextMenuTemplate(params: Pick<ContextMenuParams, 'isEditable' | 'selectionText' | 'misspelledWord' | 'dictionarySuggestions' | 'editFlags' | 'linkURL'>, target: ContextMenuTarget): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = []
  if (params.isEditable && params.misspelledWord) {
    for (const suggestion of params.dictionarySuggestions.slice(0, 5)) {
      items.push({ label: suggestion, click: () => target.replaceMisspelling(suggestion) })
    }
    if (params.dictionarySuggestions.length === 0) items.push({ label: 'No Guesses Found', enabled: false })
    items.push({ label: 'Add to Dictionary', click: () => target.addToDictionary(params.misspelledWord) })
    items.push({ type: 'separator' })
  }
  const flags = params.editFlags
  if (params.isEditable) {
    items.push({ role: 'cut', enabled: flags.canCut }, { role: 'copy', enabled: flags.canCopy }, { role: 'paste', enabled: flags.canPaste }, { type: 'separator' }, { role: 'selectAll', enabled: flags.canSelectAll })
  } else if (params.selectionText.trim()) {
    items.push({ role: 'copy', enabled: flags.canCopy })
  }
  if (params.linkURL && /^(https?|mailto):/i.test(params.linkURL)) {
    if (items.length) items.push({ type: 'separator' })
    items.push({ label: 'Copy Link', click: () => target.copyText(params.linkURL) })
  }
  while (items.length && items[items.length - 1].type === 'separator') items.pop()
  return items
}

/** Shows the context menu on right-click in `win`'s page. */
export function installContextMenu(win: BrowserWindow): void {
  const contents: WebContents = win.webContents
  const target: ContextMenuTarget = {
    replaceMisspelling: (text) => contents.replaceMisspelling(text),
    addToDictionary: (word) => void contents.session.addWordToSpellCheckerDictionary(word),
    copyText: (text) => clipboard.writeText(text),
  }
  contents.on('context-menu', (_event, params) => {
    const template = buildContextMenuTemplate(params, target)
    if (template.length) Menu.buildFromTemplate(template).popup({ window: win })
  })
}
