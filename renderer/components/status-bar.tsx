import { memo } from 'react'
import type { SaveState } from '../state/workspace-store'
import type { TextStats } from '../text/text-stats'

/** Cursor position shown in the status bar. */
export interface CursorInfo {
  line: number
  column: number
  selected: number
}

/** Props of the status bar. */
export interface StatusBarProps {
  file: string | null
  saveState: SaveState
  saveError: string | null
  stats: TextStats | null
  cursor: CursorInfo | null
  onSaveClick: () => void
  onConflictClick: () => void
  /** The open post's pre-publish findings counted (null: not checked yet). */
  problems?: { errors: number; warnings: number } | null
  onProblemsClick?: () => void
  /** The frontmatter YAML does not parse: saved is not "fine", the site build will fail. */
  frontmatterInvalid?: boolean
  /** What the preview reproduces, e.g. "Nuxt Content 2.13.4 · highlight github-dark · toc depth 3". */
  target?: string
  /** What the writer should know about that (a config that failed, a plugin left out). */
  targetNotices?: string[]
}

const LABEL: Record<SaveState, string> = { saved: 'Saved', dirty: 'Unsaved changes', saving: 'Saving…', conflict: 'Conflict — changed on disk', orphaned: 'Deleted on disk — save to create it again', error: 'Save failed' }

/** Save state, word/character counts (Korean counted by characters), reading time and cursor position. */
export const StatusBar = memo(function StatusBar({ file, saveState, saveError, stats, cursor, onSaveClick, onConflictClick, problems, onProblemsClick, frontmatterInvalid, target, targetNotices }: StatusBarProps) {
  const n = (value: number) => value.toLocaleString('en-US')
  const invalid = saveState === 'saved' && frontmatterInvalid === true
  return (
    <footer className="status-bar" aria-label="Status">
      <button
        type="button"
        className={`status-save status-save--${saveState}${invalid ? ' status-save--invalid' : ''}`}
        data-testid="status-save"
        data-state={saveState}
        data-invalid={invalid ? 'true' : undefined}
        title={saveError ?? (saveState === 'dirty' ? 'Save now (Ctrl+S)' : undefined)}
        onClick={saveState === 'conflict' ? onConflictClick : onSaveClick}
        disabled={!file}
      >
        <span className="status-dot" aria-hidden="true" />
        {file ? (invalid ? 'Saved — frontmatter invalid, the site build will fail' : LABEL[saveState]) : 'No post open'}
      </button>
      {file && problems ? (
        <button type="button" className={`status-problems${problems.errors ? ' status-problems--errors' : ''}`} data-testid="status-problems" onClick={onProblemsClick} title="Pre-publish checks: show the problems panel">
          {problems.errors ? `✖ ${problems.errors}` : '✖ 0'} {problems.warnings ? `⚠ ${problems.warnings}` : '⚠ 0'}
        </button>
      ) : null}
      <span className="status-spacer" />
      {target ? (
        <span className={`status-target${targetNotices?.length ? ' status-target--notice' : ''}`} data-testid="status-target" title={targetNotices?.length ? targetNotices.join('\n') : 'The Nuxt Content version and options the preview reproduces'}>
          {target}{targetNotices?.length ? ` · ⚠ ${targetNotices.length}` : ''}
        </span>
      ) : null}
      <span data-testid="status-words" title="Whitespace-separated words (a Korean eojeol counts as one)">{n(stats?.words ?? 0)} words</span>
      <span data-testid="status-chars" title="Characters without spaces (each Hangul syllable is one)">{n(stats?.characters ?? 0)} chars</span>
      <span data-testid="status-reading" title="Korean 500 characters/min, other text 230 words/min">{stats?.readingMinutes ?? 0} min read</span>
      <span data-testid="status-cursor">{cursor ? `Ln ${cursor.line}, Col ${cursor.column}${cursor.selected ? ` (${n(cursor.selected)} selected)` : ''}` : 'Ln –, Col –'}</span>
    </footer>
  )
})
