import { useEffect } from 'react'
import type { Command } from '@codemirror/view'
import { redo, undo } from '@codemirror/commands'
import { gotoLine, openSearchPanel } from '@codemirror/search'
import { FORMAT_COMMANDS, linkFromClipboard, setHeading } from '../editor/markdown-shortcuts'
import type { EditorHost } from '../editor/editor-host'

/** The ids of every command of the window. */
export type AppCommandId =
  | 'new-post' | 'save' | 'export' | 'import-cache' | 'rename-post' | 'duplicate-post' | 'delete-post'
  | 'toggle-library' | 'toggle-outline' | 'toggle-images' | 'toggle-frontmatter' | 'toggle-preview' | 'toggle-problems' | 'site-images'
  | 'quick-open' | 'command-palette' | 'find' | 'goto-line'
  | 'bold' | 'italic' | 'code' | 'strikethrough' | 'link' | 'heading-1' | 'heading-2' | 'heading-3' | 'heading-4' | 'heading-5' | 'heading-6'
  | 'undo' | 'redo'

/** What a command is, independent of the window state: its name and its key (CodeMirror notation, `Mod` = Ctrl or ⌘). */
export interface AppCommandSpec {
  id: AppCommandId
  title: string
  group: 'File' | 'View' | 'Go' | 'Format' | 'Edit'
  shortcut?: string
  /** A different key in browser mode (browsers keep Ctrl+1…8 and Ctrl+N for themselves). */
  browserShortcut?: string | null
}

const heading = (level: 1 | 2 | 3 | 4 | 5 | 6): AppCommandSpec => ({ id: `heading-${level}`, title: `Heading ${level}`, group: 'Format', shortcut: `Mod-${level}`, browserShortcut: `Mod-Alt-${level}` })

/**
 * Every command of the window, with its shortcut: the one list the command palette shows and the
 * toolbar's tooltips read, so a shortcut is named the same everywhere. The keys themselves are bound
 * by the editor keymap (markdown-shortcuts, basic-editing), the window (app.tsx) and the desktop menu.
 */
export const APP_COMMANDS: readonly AppCommandSpec[] = [
  { id: 'new-post', title: 'New post…', group: 'File', shortcut: 'Mod-n', browserShortcut: null },
  { id: 'save', title: 'Save', group: 'File', shortcut: 'Mod-s' },
  { id: 'export', title: 'Export publish-ready bundle…', group: 'File' },
  { id: 'import-cache', title: 'Import a site-cache entry as a post…', group: 'File' },
  { id: 'rename-post', title: 'Rename post…', group: 'File' },
  { id: 'duplicate-post', title: 'Duplicate post', group: 'File' },
  { id: 'delete-post', title: 'Delete post…', group: 'File' },
  { id: 'toggle-library', title: 'Toggle library', group: 'View' },
  { id: 'toggle-outline', title: 'Toggle outline', group: 'View' },
  { id: 'toggle-images', title: 'Toggle images panel', group: 'View' },
  { id: 'toggle-frontmatter', title: 'Toggle frontmatter form', group: 'View' },
  { id: 'toggle-preview', title: 'Toggle preview', group: 'View' },
  { id: 'toggle-problems', title: 'Toggle problems', group: 'View' },
  { id: 'site-images', title: 'Site images report…', group: 'View' },
  { id: 'quick-open', title: 'Go to post…', group: 'Go', shortcut: 'Mod-p' },
  { id: 'command-palette', title: 'Show all commands', group: 'Go', shortcut: 'Mod-Shift-p' },
  { id: 'find', title: 'Find and replace', group: 'Go', shortcut: 'Mod-f' },
  { id: 'goto-line', title: 'Go to line…', group: 'Go', shortcut: 'Mod-Alt-g' },
  { id: 'bold', title: 'Bold', group: 'Format', shortcut: 'Mod-b' },
  { id: 'italic', title: 'Italic', group: 'Format', shortcut: 'Mod-i' },
  { id: 'code', title: 'Inline code', group: 'Format', shortcut: 'Mod-e' },
  { id: 'strikethrough', title: 'Strikethrough', group: 'Format', shortcut: 'Mod-Shift-x' },
  { id: 'link', title: 'Link', group: 'Format', shortcut: 'Mod-k' },
  heading(1), heading(2), heading(3), heading(4), heading(5), heading(6),
  { id: 'undo', title: 'Undo', group: 'Edit', shortcut: 'Mod-z' },
  { id: 'redo', title: 'Redo', group: 'Edit', shortcut: 'Mod-Shift-z' },
]

/** True on macOS, where `Mod` is ⌘. */
export function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)
}

/** A CodeMirror key name as people read it: `Mod-Shift-x` → `Ctrl+Shift+X` (or `⇧⌘X` on a Mac). */
export function formatShortcut(key: string, mac = isMac()): string {
  const parts = key.split('-')
  const last = parts.pop() ?? ''
  const name = last.length === 1 ? last.toUpperCase() : last
  if (mac) {
    const symbols: Record<string, string> = { Ctrl: '⌃', Alt: '⌥', Shift: '⇧', Mod: '⌘', Meta: '⌘' }
    const order = ['Ctrl', 'Alt', 'Shift', 'Mod', 'Meta']
    return parts.sort((a, b) => order.indexOf(a) - order.indexOf(b)).map((p) => symbols[p] ?? p).join('') + name
  }
  const order = ['Mod', 'Ctrl', 'Alt', 'Shift']
  return [...parts.sort((a, b) => order.indexOf(a) - order.indexOf(b)).map((p) => (p === 'Mod' ? 'Ctrl' : p)), name].join('+')
}

/** The shortcut label of a command in this window (`desktop`: the Electron app), or '' when it has none. */
export function shortcutLabel(id: AppCommandId, desktop = false): string {
  const spec = APP_COMMANDS.find((c) => c.id === id)
  const key = spec ? (!desktop && spec.browserShortcut !== undefined ? spec.browserShortcut : spec.shortcut) : undefined
  return key ? formatShortcut(key) : ''
}

/** `hint (shortcut)` for a tooltip, from the registry. */
export function withShortcut(hint: string, id: AppCommandId, desktop = false): string {
  const key = shortcutLabel(id, desktop)
  return key ? `${hint} (${key})` : hint
}

/** A command bound to the window: runnable, or disabled (with why) when it does not apply now. */
export interface AppCommand extends AppCommandSpec {
  /** The shortcut as shown in this window, or ''. */
  keys: string
  run?: () => void
}

/** The registry with the window's handlers: a command without one is listed as disabled. */
export function bindCommands(handlers: Partial<Record<AppCommandId, (() => void) | undefined>>, desktop: boolean): AppCommand[] {
  return APP_COMMANDS.map((spec) => ({ ...spec, keys: shortcutLabel(spec.id, desktop), run: handlers[spec.id] }))
}

/** What the editor-side commands need: the editor, when a post is open in it. */
function editorRunner(editor: EditorHost | null, hasPost: boolean) {
  return (command: Command) => (editor && hasPost ? () => { editor.view.focus(); command(editor.view) } : undefined)
}

/** The editor's commands by id (formatting, search, undo), for the palette; undefined when no post is open. */
export function editorCommandHandlers(editor: EditorHost | null, hasPost: boolean): Partial<Record<AppCommandId, () => void>> {
  const on = editorRunner(editor, hasPost)
  return {
    bold: on(FORMAT_COMMANDS.bold),
    italic: on(FORMAT_COMMANDS.italic),
    code: on(FORMAT_COMMANDS.code),
    strikethrough: on(FORMAT_COMMANDS.strikethrough),
    link: on(linkFromClipboard()),
    'heading-1': on(setHeading(1)),
    'heading-2': on(setHeading(2)),
    'heading-3': on(setHeading(3)),
    'heading-4': on(setHeading(4)),
    'heading-5': on(setHeading(5)),
    'heading-6': on(setHeading(6)),
    find: on(openSearchPanel),
    'goto-line': on(gotoLine),
    undo: on(undo),
    redo: on(redo),
  }
}

/** Which palette a window shortcut opens. */
export type PaletteKind = 'quick-open' | 'command-palette'

/**
 * Ctrl/Cmd+P (quick switcher) and Ctrl/Cmd+Shift+P (command palette) anywhere in the window, the
 * editor included: caught on the window in the capture phase so the browser's print and private
 * window shortcuts do not win.
 */
export function usePaletteShortcuts(open: (kind: PaletteKind) => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.isComposing) return
      if (event.key.toLowerCase() !== 'p' && event.code !== 'KeyP') return
      event.preventDefault()
      event.stopPropagation()
      open(event.shiftKey ? 'command-palette' : 'quick-open')
    }
    window.addEventListener('keydown', onKey, { capture: true })
    return () => window.removeEventListener('keydown', onKey, { capture: true })
  }, [open])
}
