import { RangeSetBuilder, StateEffect, StateField, type Extension } from '@codemirror/state'
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view'

/** One image reference the editor marks as broken: its URL's range in the text and why. */
export interface BrokenImageMark {
  from: number
  to: number
  /** Shown as the mark's tooltip, e.g. "Image not found: public/images/x.png". */
  message: string
}

/** Replaces the set of broken-image marks (computed by the window from the parse and the host's answer). */
export const setBrokenImages = StateEffect.define<BrokenImageMark[]>()

const brokenField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(set, tr) {
    set = set.map(tr.changes)
    for (const effect of tr.effects) {
      if (!effect.is(setBrokenImages)) continue
      const builder = new RangeSetBuilder<Decoration>()
      const marks = [...effect.value].filter((m) => m.to > m.from && m.to <= tr.state.doc.length).sort((a, b) => a.from - b.from || a.to - b.to)
      const lines = new Set<number>()
      const ranges: Array<{ from: number; to: number; deco: Decoration }> = []
      for (const mark of marks) {
        const line = tr.state.doc.lineAt(mark.from)
        if (!lines.has(line.from)) {
          lines.add(line.from)
          ranges.push({ from: line.from, to: line.from, deco: Decoration.line({ class: 'cm-broken-image-line', attributes: { 'data-testid': 'broken-image-line' } }) })
        }
        ranges.push({ from: mark.from, to: mark.to, deco: Decoration.mark({ class: 'cm-broken-image', attributes: { title: mark.message, 'data-testid': 'broken-image' } }) })
      }
      ranges.sort((a, b) => a.from - b.from || (a.from === a.to ? -1 : 0) - (b.from === b.to ? -1 : 0))
      for (const r of ranges) builder.add(r.from, r.to, r.deco)
      set = builder.finish()
    }
    return set
  },
  provide: (field) => EditorView.decorations.from(field),
})

/**
 * Marks image references whose file is missing (or not served from `public/`) right in the text:
 * a wavy underline on the URL with the reason as its tooltip, and a mark in the line's margin, so a
 * broken figure is seen while writing, not only as a broken-image icon in the preview.
 */
export function brokenImageMarks(): Extension {
  return [
    brokenField,
    EditorView.baseTheme({
      '.cm-broken-image': { textDecoration: 'underline wavy #d93025', textUnderlineOffset: '3px' },
      '.cm-broken-image-line': { boxShadow: 'inset 3px 0 0 #d93025' },
    }),
  ]
}
