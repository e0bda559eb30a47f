import type { Extension } from '@codemirror/state'
import { EditorSelection, Prec } from '@codemirror/state'
import { keymap, type Command } from '@codemirror/view'

/** Wraps each selection in `mark` (or removes it when already wrapped); an empty selection gets the marks with the cursor between. */
export function toggleWrap(mark: string): Command {
  return (view) => {
    const { state } = view
    view.dispatch(state.changeByRange((range) => {
      const before = state.sliceDoc(range.from - mark.length, range.from)
      const after = state.sliceDoc(range.to, range.to + mark.length)
      if (before === mark && after === mark) {
        return { changes: [{ from: range.from - mark.length, to: range.from }, { from: range.to, to: range.to + mark.length }], range: EditorSelection.range(range.from - mark.length, range.to - mark.length) }
      }
      return { changes: [{ from: range.from, insert: mark }, { from: range.to, insert: mark }], range: EditorSelection.range(range.from + mark.length, range.to + mark.length) }
    }), { scrollIntoView: true, userEvent: 'input.format' })
    return true
  }
}

/** Turns the selection into `[text](url)` with `url` selected, ready to type or paste. */
export const insertLink: Command = (view) => {
  const { state } = view
  view.dispatch(state.changeByRange((range) => {
    const text = state.sliceDoc(range.from, range.to)
    const isUrl = /^https?:\/\/\S+$/.test(text)
    const insert = isUrl ? `[](${text})` : `[${text}](url)`
    const cursor = isUrl ? range.from + 1 : range.from + text.length + 3
    return { changes: { from: range.from, to: range.to, insert }, range: isUrl ? EditorSelection.cursor(cursor) : EditorSelection.range(cursor, cursor + 3) }
  }), { scrollIntoView: true, userEvent: 'input.format' })
  return true
}

/** Makes every selected line a heading of `level` (or plain text when it already is one of that level). */
export function setHeading(level: number): Command {
  return (view) => {
    const { state } = view
    const changes: Array<{ from: number; to: number; insert: string }> = []
    const seen = new Set<number>()
    for (const range of state.selection.ranges) {
      for (let pos = range.from; pos <= range.to;) {
        const line = state.doc.lineAt(pos)
        if (!seen.has(line.number)) {
          seen.add(line.number)
          const m = /^(#{1,6})[ \t]+/.exec(line.text)
          const prefix = '#'.repeat(level) + ' '
          if (m && m[1].length === level) changes.push({ from: line.from, to: line.from + m[0].length, insert: '' })
          else changes.push({ from: line.from, to: line.from + (m ? m[0].length : 0), insert: prefix })
        }
        pos = line.to + 1
      }
    }
    view.dispatch({ changes, userEvent: 'input.format', scrollIntoView: true })
    return true
  }
}

/** Callbacks the shortcuts need from the window. */
export interface ShortcutHandlers {
  /** Mod-s: save now. */
  save: () => void
}

/** Writer shortcuts: Mod-s save, Mod-b bold, Mod-i italic, Mod-k link, Mod-1…6 (or Mod-Alt-1…6) heading levels; the same level again makes the line plain. */
export function markdownShortcuts(handlers: ShortcutHandlers): Extension {
  const bindings = [
    { key: 'Mod-s', run: () => { handlers.save(); return true }, preventDefault: true },
    { key: 'Mod-b', run: toggleWrap('**') },
    { key: 'Mod-i', run: toggleWrap('*') },
    { key: 'Mod-k', run: insertLink, preventDefault: true },
    ...[1, 2, 3, 4, 5, 6].map((level) => ({ key: `Mod-${level}`, run: setHeading(level), preventDefault: true })),
    // browsers keep Ctrl+1…8 for switching tabs, so browser mode also gets Ctrl+Alt+1…6
    ...[1, 2, 3, 4, 5, 6].map((level) => ({ key: `Mod-Alt-${level}`, run: setHeading(level), preventDefault: true })),
  ]
  return Prec.high(keymap.of(bindings))
}
