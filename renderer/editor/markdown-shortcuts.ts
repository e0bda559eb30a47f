import type { EditorState, Extension, SelectionRange } from '@codemirror/state'
import { EditorSelection, Prec } from '@codemirror/state'
import { keymap, type Command, type EditorView } from '@codemirror/view'

/** An inline mark the shortcuts toggle: what they write, and the equivalent spellings they also remove. */
export interface InlineMark {
  /** Written around new text, e.g. `**`. */
  mark: string
  /** Other spellings unmarked as well (italic: `_` besides `*`). */
  also?: string[]
}

/** Bold, italic, inline code and strikethrough as the shortcuts write them. */
export const BOLD: InlineMark = { mark: '**' }
/** Italic is written `*`; an existing `_word_` is unmarked too. */
export const ITALIC: InlineMark = { mark: '*', also: ['_'] }
/** Inline code. */
export const INLINE_CODE: InlineMark = { mark: '`' }
/** GFM strikethrough. */
export const STRIKETHROUGH: InlineMark = { mark: '~~' }

/** True when a run of `run` marker characters carries `mark` (a run of 2 asterisks is bold, not italic; 3 is both). */
function runCarries(run: number, mark: string): boolean {
  if (run < mark.length) return false
  if (mark === '*' || mark === '_') return run % 2 === 1
  if (mark === '**' || mark === '__') return run >= 2
  return true
}

/** Length of the run of `char` ending at `pos` (going left) or starting at `pos` (going right), within `text`. */
function runAt(text: string, pos: number, char: string, dir: -1 | 1): number {
  let n = 0
  if (dir < 0) while (pos - n - 1 >= 0 && text[pos - n - 1] === char) n++
  else while (pos + n < text.length && text[pos + n] === char) n++
  return n
}

/** True when `text` holds a run of marker characters that carries `mark` (then it is not one marked span). */
function hasRunCarrying(text: string, mark: string): boolean {
  for (let i = 0; i < text.length;) {
    if (text[i] !== mark[0]) { i++; continue }
    const n = runAt(text, i, mark[0], 1)
    if (runCarries(n, mark)) return true
    i += n
  }
  return false
}

/** A marked span on one line: the content is `line.slice(from, to)`, the markers sit just outside. */
interface MarkedSpan { from: number; to: number; mark: string }

/**
 * The spans of one line marked with `mark`: maximal runs of its character that carry it are paired
 * in order, an opener not followed by a space and a closer not preceded by one (as CommonMark's
 * flanking rules roughly say). Code spans are not looked into.
 */
function markedSpans(line: string, mark: string): MarkedSpan[] {
  const char = mark[0]
  const runs: Array<{ from: number; to: number }> = []
  for (let i = 0; i < line.length;) {
    if (line[i] !== char) { i++; continue }
    const n = runAt(line, i, char, 1)
    if (runCarries(n, mark)) runs.push({ from: i, to: i + n })
    i += n
  }
  const spans: MarkedSpan[] = []
  let open: { from: number; to: number } | null = null
  for (const run of runs) {
    const after = line[run.to] ?? ' '
    const before = line[run.from - 1] ?? ' '
    if (open && !/\s/.test(before)) { spans.push({ from: open.to, to: run.from, mark }); open = null }
    else if (!/\s/.test(after)) open = run
  }
  return spans
}

type RangeEdit = { changes: Array<{ from: number; to: number; insert?: string }>; range: SelectionRange }

/** Removes `mark` just outside `[from, to]`, keeping the selection on the same text. */
function unwrap(range: SelectionRange, from: number, to: number, mark: string): RangeEdit {
  const n = mark.length
  const map = (pos: number) => (pos < from - n ? pos : pos <= from ? from - n : pos <= to ? pos - n : Math.max(to - n, pos - 2 * n))
  return {
    changes: [{ from: from - n, to: from }, { from: to, to: to + n }],
    range: EditorSelection.range(map(range.anchor), map(range.head)),
  }
}

/** What one press of a mark shortcut does to one selection range. */
function toggleRange(state: EditorState, range: SelectionRange, inline: InlineMark): RangeEdit {
  const marks = [inline.mark, ...(inline.also ?? [])]
  const line = state.doc.lineAt(range.from)
  const sameLine = range.to <= line.to
  const text = line.text
  const from = range.from - line.from
  const to = range.to - line.from
  for (const mark of marks) {
    const char = mark[0]
    const left = runAt(text, from, char, -1)
    const right = sameLine ? runAt(text, to, char, 1) : runAt(state.doc.lineAt(range.to).text, range.to - state.doc.lineAt(range.to).from, char, 1)
    // an empty pair (`**|**`): the second press removes it again
    if (range.empty && runCarries(Math.min(left, right), mark) && left === right) return unwrap(range, range.from, range.to, mark)
    if (!range.empty) {
      const selected = state.sliceDoc(range.from, range.to)
      const inner = Math.min(runAt(selected, 0, char, 1), runAt(selected, selected.length, char, -1))
      // the selection includes the markers: `[**word**]`
      const spans = markedSpans(selected, mark)
      if (runCarries(inner, mark) && spans.length === 1 && spans[0].from === inner && spans[0].to === selected.length - inner) {
        return { changes: [{ from: range.from + inner - mark.length, to: range.from + inner }, { from: range.to - inner, to: range.to - inner + mark.length }], range: EditorSelection.range(range.from, range.to - 2 * mark.length) }
      }
      // the selection sits just inside the markers: `**[word]**`
      if (runCarries(Math.min(left, right), mark) && !hasRunCarrying(selected, mark)) return unwrap(range, range.from, range.to, mark)
    }
    // the caret or selection is inside a marked span of this line: unmark that span
    if (sameLine) {
      const span = markedSpans(text, mark).find((s) => s.from <= from && to <= s.to && s.to > s.from)
      if (span) return unwrap(range, line.from + span.from, line.from + span.to, mark)
    }
  }
  const mark = inline.mark
  if (range.empty) return { changes: [{ from: range.from, to: range.from, insert: mark + mark }], range: EditorSelection.cursor(range.from + mark.length) }
  // wrap what is selected, leaving surrounding spaces outside the markers (`** word**` is not bold)
  const selected = state.sliceDoc(range.from, range.to)
  const start = range.from + (selected.length - selected.trimStart().length)
  const end = Math.max(start, range.to - (selected.length - selected.trimEnd().length))
  return { changes: [{ from: start, to: start, insert: mark }, { from: end, to: end, insert: mark }], range: EditorSelection.range(start + mark.length, end + mark.length) }
}

/**
 * Toggles an inline mark on each selection, the way writing apps do: a caret gets an empty pair with
 * the caret inside, and a second press removes that empty pair; a caret or selection inside a marked
 * span unmarks the span; a selection is wrapped, or unwrapped when it holds or sits just inside the
 * markers. One transaction, so one undo step.
 */
export function toggleMark(inline: InlineMark): Command {
  return (view) => {
    const { state } = view
    view.dispatch(state.changeByRange((range) => toggleRange(state, range, inline)), { scrollIntoView: true, userEvent: 'input.format' })
    return true
  }
}

/** Wraps each selection in `mark` (or removes it when already marked); kept for callers that name the mark text. */
export function toggleWrap(mark: string): Command {
  return toggleMark(mark === '*' ? ITALIC : { mark })
}

const URL_TEXT = /^(?:https?:\/\/|mailto:)\S+$/

/**
 * Makes a link of each selection: without a selection `[text](url)` with "text" selected; with one,
 * the selection becomes the link text and "url" is selected. A `url` given (from the clipboard) is
 * written instead of the placeholder, and the caret goes after the link when nothing is left to fill.
 * A selected URL becomes the link target with the caret in the empty text.
 */
export function insertLinkWith(url: string | null): Command {
  return (view) => {
    const { state } = view
    view.dispatch(state.changeByRange((range) => {
      const text = state.sliceDoc(range.from, range.to)
      if (URL_TEXT.test(text)) return { changes: { from: range.from, to: range.to, insert: `[](${text})` }, range: EditorSelection.cursor(range.from + 1) }
      const label = text || 'text'
      const target = url ?? 'url'
      const insert = `[${label}](${target})`
      if (!text) return { changes: { from: range.from, to: range.to, insert }, range: EditorSelection.range(range.from + 1, range.from + 1 + label.length) }
      const urlFrom = range.from + label.length + 3
      return { changes: { from: range.from, to: range.to, insert }, range: url ? EditorSelection.cursor(range.from + insert.length) : EditorSelection.range(urlFrom, urlFrom + target.length) }
    }), { scrollIntoView: true, userEvent: 'input.format' })
    return true
  }
}

/** Turns the selection into a link with the `url` placeholder (no clipboard). */
export const insertLink: Command = insertLinkWith(null)

/**
 * A URL on the clipboard, or null: read only where the page may read it without asking (a
 * permission prompt on every Ctrl+K would be worse than no clipboard), within a short time.
 */
export async function clipboardUrl(): Promise<string | null> {
  try {
    const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard
    if (!clipboard?.readText) return null
    const permission = await navigator.permissions?.query({ name: 'clipboard-read' as PermissionName }).catch(() => null)
    if (permission && permission.state !== 'granted') return null
    const text = await Promise.race([clipboard.readText(), new Promise<string>((resolve) => setTimeout(() => resolve(''), 300))])
    const trimmed = text.trim()
    return URL_TEXT.test(trimmed) && trimmed.length < 2048 ? trimmed : null
  } catch {
    return null
  }
}

/** Mod-k: a link, with the clipboard's URL when there is one; the edit is applied once that is known, as one transaction. */
export function linkFromClipboard(readUrl: () => Promise<string | null> = clipboardUrl): Command {
  return (view: EditorView) => {
    void readUrl().catch(() => null).then((url) => insertLinkWith(url)(view))
    return true
  }
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
  /** Reads a URL from the clipboard for Mod-k (defaults to {@link clipboardUrl}). */
  readClipboardUrl?: () => Promise<string | null>
}

/** The formatting commands by id, shared with the command palette so both do the same thing. */
export const FORMAT_COMMANDS = {
  bold: toggleMark(BOLD),
  italic: toggleMark(ITALIC),
  code: toggleMark(INLINE_CODE),
  strikethrough: toggleMark(STRIKETHROUGH),
}

/**
 * Writer shortcuts: Mod-s save, Mod-b bold, Mod-i italic, Mod-e inline code, Mod-Shift-x
 * strikethrough (all toggles), Mod-k link, Mod-1…6 (or Mod-Alt-1…6) heading levels; the same level
 * again makes the line plain.
 */
export function markdownShortcuts(handlers: ShortcutHandlers): Extension {
  const bindings = [
    { key: 'Mod-s', run: () => { handlers.save(); return true }, preventDefault: true },
    { key: 'Mod-b', run: FORMAT_COMMANDS.bold, preventDefault: true },
    { key: 'Mod-i', run: FORMAT_COMMANDS.italic, preventDefault: true },
    { key: 'Mod-e', run: FORMAT_COMMANDS.code, preventDefault: true },
    { key: 'Mod-Shift-x', run: FORMAT_COMMANDS.strikethrough, preventDefault: true },
    { key: 'Mod-k', run: linkFromClipboard(handlers.readClipboardUrl), preventDefault: true },
    ...[1, 2, 3, 4, 5, 6].map((level) => ({ key: `Mod-${level}`, run: setHeading(level), preventDefault: true })),
    // browsers keep Ctrl+1…8 for switching tabs, so browser mode also gets Ctrl+Alt+1…6
    ...[1, 2, 3, 4, 5, 6].map((level) => ({ key: `Mod-Alt-${level}`, run: setHeading(level), preventDefault: true })),
  ]
  return Prec.high(keymap.of(bindings))
}
