import type { Extension } from '@codemirror/state'
import { EditorView } from '@codemirror/view'
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint'
import type { Finding } from '../../shared/checks/finding'

/** Rules whose place the editor already marks another way (broken images get their own mark from the disk check). */
const MARKED_ELSEWHERE = new Set(['missing-image'])

/**
 * The pre-publish findings as CodeMirror diagnostics: a squiggle under the problem with its message
 * on hover, and a mark in the gutter — a broken link is seen while writing, not only in the panel.
 * Findings without a place in the text, or past its end (the text moved on), are left out.
 */
export function findingDiagnostics(findings: Finding[], docLength: number): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const f of findings) {
    if (MARKED_ELSEWHERE.has(f.rule) || f.from === undefined) continue
    const from = Math.min(Math.max(0, f.from), docLength)
    const to = Math.min(Math.max(from, f.to ?? from), docLength)
    out.push({ from, to, severity: f.severity, message: f.message, source: f.rule })
  }
  return out
}

/** Shows `findings` in `view` (replacing the previous ones). */
export function showFindings(view: EditorView, findings: Finding[]): void {
  view.dispatch(setDiagnostics(view.state, findingDiagnostics(findings, view.state.doc.length)))
}

/** The editor side of the pre-publish checks: lint squiggles and gutter marks for the open post's findings. */
export function problemMarks(): Extension {
  return [lintGutter()]
}
