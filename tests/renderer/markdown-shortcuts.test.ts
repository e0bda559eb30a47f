import { describe, expect, it } from 'vitest'
import { EditorSelection, EditorState, type TransactionSpec } from '@codemirror/state'
import { history, undo } from '@codemirror/commands'
import type { EditorView } from '@codemirror/view'
import { BOLD, INLINE_CODE, ITALIC, STRIKETHROUGH, insertLink, insertLinkWith, linkFromClipboard, setHeading, toggleMark, toggleWrap } from '../../renderer/editor/markdown-shortcuts'

/** A minimal view stand-in (state + dispatch) with undo history. */
function viewOf(doc: string, from: number, to = from) {
  let state = EditorState.create({ doc, selection: EditorSelection.range(from, to), extensions: [EditorState.allowMultipleSelections.of(true), history()] })
  const view = { get state() { return state }, dispatch: (...specs: TransactionSpec[]) => { state = state.update(...specs).state } } as unknown as EditorView
  return view
}

/** What the view shows: the text, the selected text and where the selection starts. */
function shown(view: EditorView) {
  const sel = view.state.selection.main
  return { text: view.state.doc.toString(), selected: view.state.sliceDoc(sel.from, sel.to), from: sel.from }
}

/** Runs a command once against `doc` with the selection `from`–`to`. */
function run(command: (view: EditorView) => boolean, doc: string, from: number, to = from) {
  const view = viewOf(doc, from, to)
  expect(command(view)).toBe(true)
  return shown(view)
}

/** Text with `|` as the caret, or `[` `]` around the selection, turned into doc + selection. */
function at(marked: string): [string, number, number] {
  const caret = marked.indexOf('|')
  if (caret >= 0) return [marked.replace('|', ''), caret, caret]
  const from = marked.indexOf('[')
  const to = marked.indexOf(']') - 1
  return [marked.replace('[', '').replace(']', ''), from, to]
}

/** Runs `command` on a `|` / `[…]` marked text and returns the result marked the same way. */
function press(command: (view: EditorView) => boolean, marked: string, times = 1): string {
  const view = viewOf(...at(marked))
  for (let i = 0; i < times; i++) command(view)
  const { text } = shown(view)
  const sel = view.state.selection.main
  if (sel.empty) return text.slice(0, sel.from) + '|' + text.slice(sel.from)
  return text.slice(0, sel.from) + '[' + text.slice(sel.from, sel.to) + ']' + text.slice(sel.to)
}

const bold = toggleMark(BOLD)
const italic = toggleMark(ITALIC)

describe('mark shortcuts toggle like writing apps', () => {
  it('without a selection: the first press inserts the pair with the caret inside, the second removes the empty pair', () => {
    expect(press(bold, 'a |b')).toBe('a **|**b')
    expect(press(bold, 'a |b', 2)).toBe('a |b')
    expect(press(bold, 'a |b', 3)).toBe('a **|**b')
    expect(press(italic, 'x|', 2)).toBe('x|')
    expect(press(toggleMark(INLINE_CODE), '|', 2)).toBe('|')
    expect(press(toggleMark(STRIKETHROUGH), 'a|', 1)).toBe('a~~|~~')
    expect(press(toggleMark(STRIKETHROUGH), 'a|', 2)).toBe('a|')
  })
  it('a caret inside a marked word unmarks that word', () => {
    expect(press(bold, 'make **bo|ld** now')).toBe('make bo|ld now')
    expect(press(bold, 'make **bold|** now')).toBe('make bold| now')
    expect(press(bold, 'make **|bold** now')).toBe('make |bold now')
    expect(press(bold, '**a** and **b|c**')).toBe('**a** and b|c')
    expect(press(italic, 'an *ita|lic* word')).toBe('an ita|lic word')
    expect(press(italic, 'an _ita|lic_ word'), 'keeps what exists: _ is unmarked too').toBe('an ita|lic word')
    expect(press(toggleMark(INLINE_CODE), 'run `np|m` now')).toBe('run np|m now')
    expect(press(toggleMark(STRIKETHROUGH), 'was ~~ol|d~~')).toBe('was ol|d')
    expect(press(bold, '굵은 **한국|어** 글씨')).toBe('굵은 한국|어 글씨')
  })
  it('bold and italic are told apart by the number of asterisks', () => {
    expect(press(italic, 'a **bo|ld** b'), 'italic inside bold adds italic, it does not eat the bold').toBe('a **bo*|*ld** b')
    expect(press(bold, 'a *ita|lic* b'), 'bold inside italic adds bold').toBe('a *ita**|**lic* b')
    expect(press(bold, '***bo|th***')).toBe('*bo|th*')
    expect(press(italic, '***bo|th***')).toBe('**bo|th**')
  })
  it('with a selection: wraps, and unwraps when the selection holds or sits just inside the markers', () => {
    expect(run(toggleWrap('**'), 'make bold now', 5, 9)).toEqual({ text: 'make **bold** now', selected: 'bold', from: 7 })
    expect(run(toggleWrap('**'), 'make **bold** now', 7, 11)).toEqual({ text: 'make bold now', selected: 'bold', from: 5 })
    expect(run(toggleWrap('*'), '기울임', 0, 3).text).toBe('*기울임*')
    expect(press(bold, 'make [**bold**] now')).toBe('make [bold] now')
    expect(press(bold, 'make **[bold]** now')).toBe('make [bold] now')
    expect(press(bold, 'make **b[ol]d** now'), 'part of a bold word unmarks the word').toBe('make b[ol]d now')
    expect(press(bold, 'make[ bold ]now'), 'spaces stay outside the markers').toBe('make **[bold]** now')
    expect(press(italic, '[_old_]')).toBe('[old]')
    expect(press(bold, '[**a** and **b**]'), 'two bold words selected are wrapped, not broken').toBe('**[**a** and **b**]**')
  })
  it('every cursor of a multi-selection is toggled in the one transaction', () => {
    let state = EditorState.create({ doc: 'a b', selection: EditorSelection.create([EditorSelection.cursor(1), EditorSelection.cursor(3)]), extensions: EditorState.allowMultipleSelections.of(true) })
    const view = { get state() { return state }, dispatch: (...specs: TransactionSpec[]) => { state = state.update(...specs).state } } as unknown as EditorView
    bold(view)
    expect(state.doc.toString()).toBe('a**** b****')
  })
  it('each press is one undo step, separate from typing', () => {
    const view = viewOf('', 0)
    view.dispatch({ changes: { from: 0, insert: 'word' }, selection: EditorSelection.range(0, 4), userEvent: 'input.type' })
    bold(view)
    expect(view.state.doc.toString()).toBe('**word**')
    undo(view)
    expect(view.state.doc.toString()).toBe('word')
    const link = viewOf('see docs', 4, 8)
    insertLinkWith('https://nuxt.com')(link)
    undo(link)
    expect(link.state.doc.toString()).toBe('see docs')
  })
})

describe('Mod-k links', () => {
  it('without a selection inserts [text](url) with "text" selected', () => {
    expect(run(insertLink, 'see ', 4)).toEqual({ text: 'see [text](url)', selected: 'text', from: 5 })
  })
  it('with a selection makes it the link text with the url placeholder selected, or wraps a selected URL', () => {
    expect(run(insertLink, 'see docs', 4, 8)).toEqual({ text: 'see [docs](url)', selected: 'url', from: 11 })
    expect(run(insertLink, 'https://nuxt.com', 0, 16)).toEqual({ text: '[](https://nuxt.com)', selected: '', from: 1 })
  })
  it('uses a URL from the clipboard as the link target', () => {
    expect(run(insertLinkWith('https://content.nuxt.com'), 'see docs', 4, 8)).toEqual({ text: 'see [docs](https://content.nuxt.com)', selected: '', from: 36 })
    expect(run(insertLinkWith('https://content.nuxt.com'), '', 0)).toEqual({ text: '[text](https://content.nuxt.com)', selected: 'text', from: 1 })
  })
  it('reads the clipboard once and applies one edit; a failed read falls back to the placeholder', async () => {
    const view = viewOf('see docs', 4, 8)
    expect(linkFromClipboard(() => Promise.resolve('https://x.dev'))(view)).toBe(true)
    await new Promise((r) => setTimeout(r, 0))
    expect(shown(view).text).toBe('see [docs](https://x.dev)')
    const failing = viewOf('see docs', 4, 8)
    linkFromClipboard(() => Promise.reject(new Error('denied')))(failing)
    await new Promise((r) => setTimeout(r, 0))
    expect(shown(failing)).toEqual({ text: 'see [docs](url)', selected: 'url', from: 11 })
  })
})

describe('headings', () => {
  it('Mod-1…6 set the heading level of the line, and the same level again removes it', () => {
    expect(run(setHeading(2), 'Title', 2).text).toBe('## Title')
    expect(run(setHeading(3), '## Title', 4).text).toBe('### Title')
    expect(run(setHeading(2), '## Title', 4).text).toBe('Title')
    expect(run(setHeading(1), 'a\nb', 0, 3).text).toBe('# a\n# b')
  })
})
