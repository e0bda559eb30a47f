import type { Extension } from '@codemirror/state'
import { EditorView } from '@codemirror/view'
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language'
import { tags as t } from '@lezer/highlight'

const highlight = HighlightStyle.define([
  { tag: t.heading1, fontSize: '1.35em', fontWeight: '700', color: 'var(--ed-heading)' },
  { tag: t.heading2, fontSize: '1.2em', fontWeight: '700', color: 'var(--ed-heading)' },
  { tag: [t.heading3, t.heading4, t.heading5, t.heading6], fontWeight: '700', color: 'var(--ed-heading)' },
  { tag: t.strong, fontWeight: '700' },
  { tag: t.emphasis, fontStyle: 'italic' },
  { tag: t.strikethrough, textDecoration: 'line-through' },
  { tag: [t.link, t.url], color: 'var(--ed-link)' },
  { tag: t.monospace, fontFamily: 'var(--font-mono)', color: 'var(--ed-code)' },
  { tag: [t.processingInstruction, t.contentSeparator], color: 'var(--ed-mark)' },
  { tag: t.quote, color: 'var(--ed-quote)', fontStyle: 'italic' },
  { tag: t.tagName, color: 'var(--ed-component)', fontWeight: '600' },
  { tag: t.attributeName, color: 'var(--ed-attr)' },
  { tag: t.labelName, color: 'var(--ed-slot)', fontWeight: '600' },
  { tag: t.meta, color: 'var(--ed-meta)' },
  { tag: [t.propertyName, t.definition(t.propertyName)], color: 'var(--ed-yaml-key)' },
  { tag: [t.string, t.special(t.string)], color: 'var(--ed-string)' },
  { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--ed-atom)' },
  { tag: [t.comment, t.lineComment], color: 'var(--ed-comment)', fontStyle: 'italic' },
  { tag: [t.keyword, t.operator, t.punctuation], color: 'var(--ed-mark)' },
  { tag: t.angleBracket, color: 'var(--ed-mark)' },
])

/** Look of the editor: theme colours from CSS variables (so it follows light/dark mode) and syntax colours for markdown, MDC and YAML. */
export function editorTheme(): Extension {
  return [
    EditorView.theme({
      '&': { height: '100%', fontSize: 'var(--editor-font-size, 15px)', backgroundColor: 'var(--ed-bg)', color: 'var(--ed-fg)' },
      '.cm-scroller': { fontFamily: 'var(--font-editor)', lineHeight: '1.7' },
      '.cm-content': { padding: '24px 0 40vh', maxWidth: '78ch', margin: '0 auto', caretColor: 'var(--ed-caret)' },
      '.cm-line': { padding: '0 28px' },
      '.cm-gutters': { display: 'none' },
      '&.cm-focused': { outline: 'none' },
      '.cm-activeLine': { backgroundColor: 'var(--ed-active-line)' },
      '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'var(--ed-selection) !important' },
      '.cm-cursor': { borderLeftColor: 'var(--ed-caret)', borderLeftWidth: '2px' },
      '.cm-panels': { backgroundColor: 'var(--chrome-bg)', color: 'var(--fg)', borderColor: 'var(--border)' },
      '.cm-searchMatch': { backgroundColor: 'var(--ed-search)' },
      '.cm-searchMatch.cm-searchMatch-selected': { backgroundColor: 'var(--ed-search-current)' },
      '.cm-textfield, .cm-button': { fontSize: '13px' },
    }),
    syntaxHighlighting(highlight),
  ]
}
