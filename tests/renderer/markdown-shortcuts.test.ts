import { describe, expect, it } from 'vitest'
import { EditorSelection, EditorState, type TransactionSpec } from '@codemirror/state'
import type { EditorView } from '@codemirror/view'
import { insertLink, setHeading, toggleWrap } from '../../renderer/editor/markdown-shortcuts'

/** Runs a command against a minimal view stand-in (state + dispatch), returning the new text and selection. */
function run(command: (view: EditorView) => boolean, doc: string, from: number, to = from) {
  let state = EditorState.create({ doc, selection: EditorSelection.range(from, to), extensions: EditorState.allowMultipleSelections.of(true) })
  const view = { get state() { return state }, dispatch: (...specs: TransactionSpec[]) => { state = state.update(...specs).state } } as unknown as EditorView
  expect(command(view)).toBe(true)
  const sel = state.selection.main
  return { text: state.doc.toString(), selected: state.sliceDoc(sel.from, sel.to), from: sel.from }
}

describe('markdown shortcuts', () => {
  it('Mod-b / Mod-i wrap the selection and unwrap it again', () => {
    expect(run(toggleWrap('**'), 'make bold now', 5, 9)).toEqual({ text: 'make **bold** now', selected: 'bold', from: 7 })
    expect(run(toggleWrap('**'), 'make **bold** now', 7, 11)).toEqual({ text: 'make bold now', selected: 'bold', from: 5 })
    expect(run(toggleWrap('*'), '기울임', 0, 3).text).toBe('*기울임*')
  })
  it('Mod-k makes a link with the url placeholder selected, or wraps a selected URL', () => {
    expect(run(insertLink, 'see docs', 4, 8)).toEqual({ text: 'see [docs](url)', selected: 'url', from: 11 })
    expect(run(insertLink, 'https://nuxt.com', 0, 16)).toEqual({ text: '[](https://nuxt.com)', selected: '', from: 1 })
  })
  it('Mod-1…6 set the heading level of the line, and the same level again removes it', () => {
    expect(run(setHeading(2), 'Title', 2).text).toBe('## Title')
    expect(run(setHeading(3), '## Title', 4).text).toBe('### Title')
    expect(run(setHeading(2), '## Title', 4).text).toBe('Title')
    expect(run(setHeading(1), 'a\nb', 0, 3).text).toBe('# a\n# b')
  })
})
