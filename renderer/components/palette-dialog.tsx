import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'

/** Props of a palette: a search field over a list of choices. */
export interface PaletteDialogProps<T> {
  testId: string
  /** The dialog's accessible name, e.g. "Go to post". */
  label: string
  placeholder: string
  query: string
  onQuery: (query: string) => void
  /** The choices for the current query, best first. */
  items: readonly T[]
  itemKey: (item: T) => string
  renderItem: (item: T, index: number) => ReactNode
  /** A choice that cannot be picked now (shown dimmed). */
  isDisabled?: (item: T) => boolean
  onPick: (item: T) => void
  onClose: () => void
  /** Shown when nothing matches. */
  emptyText: string
  /** Where focus goes back when the palette closes and the element focused before is gone (the editor). */
  restoreFocus?: () => void
  /** What Enter does, for the key hint at the bottom ("open", "run"). */
  hint: string
}

/**
 * A keyboard-first palette (the quick switcher and the command palette): a modal dialog with a
 * combobox field and a listbox of options; arrows, Page Up/Down, Home/End move, Enter picks, Escape
 * or a click outside closes, Tab stays inside, and focus returns to where it was (the editor).
 */
export function PaletteDialog<T>({ testId, label, placeholder, query, onQuery, items, itemKey, renderItem, isDisabled, onPick, onClose, emptyText, restoreFocus, hint }: PaletteDialogProps<T>) {
  const [active, setActive] = useState(0)
  const listId = useId()
  const list = useRef<HTMLUListElement>(null)
  const input = useRef<HTMLInputElement>(null)
  const returnTo = useRef<Element | null>(null)
  const restore = useRef(restoreFocus)
  restore.current = restoreFocus

  useEffect(() => {
    returnTo.current = document.activeElement
    input.current?.focus()
    return () => {
      const back = returnTo.current
      if (back instanceof HTMLElement && back.isConnected && back !== document.body) back.focus({ preventScroll: true })
      else restore.current?.()
    }
  }, [])
  useEffect(() => setActive(0), [query])
  const current = Math.min(active, Math.max(0, items.length - 1))
  useLayoutEffect(() => {
    list.current?.querySelector<HTMLElement>(`[data-index="${current}"]`)?.scrollIntoView({ block: 'nearest' })
  }, [current, items])

  const pick = (item: T | undefined) => { if (item !== undefined && !isDisabled?.(item)) onPick(item) }
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.nativeEvent.isComposing) return
    const page = 8
    const move = (to: number) => { event.preventDefault(); setActive(Math.max(0, Math.min(items.length - 1, to))) }
    switch (event.key) {
      case 'ArrowDown': return move(current + 1 >= items.length ? 0 : current + 1)
      case 'ArrowUp': return move(current - 1 < 0 ? items.length - 1 : current - 1)
      case 'PageDown': return move(current + page)
      case 'PageUp': return move(current - page)
      case 'Enter': event.preventDefault(); return pick(items[current])
      case 'Escape': event.preventDefault(); event.stopPropagation(); return onClose()
      case 'Tab': event.preventDefault(); return // the field is the dialog's one stop: focus stays inside
    }
  }
  const optionId = (i: number) => `${listId}-${i}`
  return (
    <div className="modal-backdrop palette-backdrop" onMouseDown={(e) => { if (e.target === e.currentTarget) onClose() }}>
      <div className="palette" role="dialog" aria-modal="true" aria-label={label} data-testid={testId} onKeyDown={onKeyDown}>
        <input
          ref={input}
          className="palette__input"
          data-testid={`${testId}-input`}
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={items.length ? optionId(current) : undefined}
          aria-label={label}
          placeholder={placeholder}
          value={query}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => onQuery(e.target.value)}
        />
        <ul ref={list} className="palette__list" id={listId} role="listbox" aria-label={label}>
          {items.map((item, i) => {
            const disabled = isDisabled?.(item) ?? false
            return (
              <li
                key={itemKey(item)}
                id={optionId(i)}
                data-index={i}
                role="option"
                aria-selected={i === current}
                aria-disabled={disabled || undefined}
                className={`palette__option${i === current ? ' is-active' : ''}${disabled ? ' is-disabled' : ''}`}
                data-testid={`${testId}-option`}
                onMouseMove={() => { if (i !== current) setActive(i) }}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(item)}
              >
                {renderItem(item, i)}
              </li>
            )
          })}
        </ul>
        {items.length === 0 ? <div className="palette__empty" role="status">{emptyText}</div> : null}
        <div className="palette__hint" aria-hidden="true"><kbd>↑</kbd><kbd>↓</kbd> move · <kbd>Enter</kbd> {hint} · <kbd>Esc</kbd> close</div>
      </div>
    </div>
  )
}

/** `text` with the characters at `indices` wrapped in `<mark>` (a fuzzy match's hits). */
export function Highlighted({ text, indices }: { text: string; indices: readonly number[] }) {
  if (!indices.length) return <>{text}</>
  const hits = new Set(indices)
  const parts: ReactNode[] = []
  let i = 0
  while (i < text.length) {
    const hit = hits.has(i)
    let j = i
    while (j < text.length && hits.has(j) === hit) j++
    parts.push(hit ? <mark key={i}>{text.slice(i, j)}</mark> : text.slice(i, j))
    i = j
  }
  return <>{parts}</>
}
