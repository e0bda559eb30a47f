import { memo } from 'react'
import type { Finding, QuickFix } from '../../shared/checks/finding'

/** Props of the problems panel. */
export interface ProblemsPanelProps {
  /** The open post's findings (null while the checks have not run yet). */
  findings: Finding[] | null
  /** Puts the editor on the finding's place. */
  onJump: (finding: Finding) => void
  /** Applies a finding's quick fix. */
  onFix: (finding: Finding, fix: QuickFix) => void
  onClose: () => void
}

/** Errors and warnings counted, for the status bar and the panel's title. */
export function countFindings(findings: Finding[] | null): { errors: number; warnings: number } {
  let errors = 0
  let warnings = 0
  for (const f of findings ?? []) { if (f.severity === 'error') errors++; else warnings++ }
  return { errors, warnings }
}

/**
 * The pre-publish checks of the open post, updated while typing (they run in the parse worker):
 * every error and warning with its place; a click puts the editor there, a quick fix applies.
 */
export const ProblemsPanel = memo(function ProblemsPanel({ findings, onJump, onFix, onClose }: ProblemsPanelProps) {
  const { errors, warnings } = countFindings(findings)
  return (
    <section className="problems" data-testid="problems-panel" aria-label="Problems">
      <header className="problems__header">
        <strong>Problems</strong>
        <span className="muted" data-testid="problems-summary">{findings === null ? 'checking…' : errors + warnings === 0 ? 'ready to publish — nothing found' : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`}</span>
        <button type="button" className="small problems__close" onClick={onClose} aria-label="Close the problems panel">×</button>
      </header>
      <ul className="problems__list">
        {(findings ?? []).map((finding, index) => (
          <li key={`${finding.rule}:${finding.line}:${finding.column}:${index}`} className={`problem problem--${finding.severity}`} data-testid="problem" data-rule={finding.rule} data-severity={finding.severity}>
            <button type="button" className="problem__jump" onClick={() => onJump(finding)} title={`Go to line ${finding.line}, column ${finding.column}`}>
              <span className="problem__icon" aria-label={finding.severity}>{finding.severity === 'error' ? '✖' : '⚠'}</span>
              <span className="problem__message">{finding.message}</span>
              <span className="problem__where">{finding.rule} · Ln {finding.line}, Col {finding.column}</span>
            </button>
            {finding.fix ? <button type="button" className="small problem__fix" data-testid="problem-fix" onClick={() => onFix(finding, finding.fix!)}>{finding.fix.label}</button> : null}
          </li>
        ))}
      </ul>
    </section>
  )
})
