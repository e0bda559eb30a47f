import { useMemo, useState } from 'react'
import { fuzzyMatch } from '../text/fuzzy-match'
import type { AppCommand } from './app-commands'
import { Highlighted, PaletteDialog } from './palette-dialog'

/** The commands matching `query` by title (or group), best first; all of them, in registry order, for an empty query. */
export function rankCommands(commands: readonly AppCommand[], query: string): Array<{ command: AppCommand; hits: number[] }> {
  if (!query.trim()) return commands.map((command) => ({ command, hits: [] }))
  return commands
    .map((command) => {
      const title = fuzzyMatch(query, command.title)
      const group = title ? null : fuzzyMatch(query, `${command.group} ${command.title}`)
      const score = title ? title.score + (command.run ? 1 : 0) : group ? group.score / 2 : null
      return score === null ? null : { command, hits: title?.indices ?? [], score }
    })
    .filter((r): r is { command: AppCommand; hits: number[]; score: number } => r !== null)
    .sort((a, b) => b.score - a.score)
}

/** Props of the command palette. */
export interface CommandPaletteProps {
  commands: readonly AppCommand[]
  /** Runs the chosen command (the palette is closed first). */
  onRun: (command: AppCommand) => void
  onClose: () => void
  restoreFocus?: () => void
}

/** Ctrl/Cmd+Shift+P: every command of the window with its shortcut; Enter runs the chosen one. */
export function CommandPalette({ commands, onRun, onClose, restoreFocus }: CommandPaletteProps) {
  const [query, setQuery] = useState('')
  const results = useMemo(() => rankCommands(commands, query), [commands, query])
  return (
    <PaletteDialog
      testId="command-palette"
      label="Commands"
      placeholder="Type a command…"
      query={query}
      onQuery={setQuery}
      items={results}
      itemKey={(r) => r.command.id}
      isDisabled={(r) => !r.command.run}
      onPick={(r) => onRun(r.command)}
      onClose={onClose}
      restoreFocus={restoreFocus}
      hint="run"
      emptyText={`No command matches “${query}”.`}
      renderItem={(r, i) => (
        <span className="palette__command" data-command={r.command.id} title={r.command.run ? undefined : 'Not available now (open a post first)'}>
          {/* the group is named once, on the first command of each group */}
          <span className="palette__group">{i === 0 || results[i - 1].command.group !== r.command.group ? r.command.group : ''}</span>
          <span className="palette__title"><Highlighted text={r.command.title} indices={r.hits} /></span>
          {r.command.keys ? <kbd className="palette__keys" data-testid="command-shortcut">{r.command.keys}</kbd> : null}
        </span>
      )}
    />
  )
}
