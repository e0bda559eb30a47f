import { splitFrontmatter } from '../../shared/parser/split-frontmatter'
import type { PostSummary } from '../../shared/services/library-service'
import { libraryDate, libraryTags } from '../../shared/services/library-row-fields'

/** The library fields an open post's frontmatter gives as it is being edited. */
export type LiveRow = Partial<Pick<PostSummary, 'title' | 'date' | 'tags' | 'draft'>>

/** Longest text read from the start of a post to find its frontmatter (a frontmatter block is never this long in practice). */
export const LIVE_HEAD_LENGTH = 32 * 1024

/** The frontmatter block at the start of `text` (`---` … `---`), or null when it has none or it is not closed within `text`. */
export function frontmatterBlock(text: string): string | null {
  if (!text.startsWith('---')) return null
  const close = /\n---[ \t]*(?:\r?\n|$)/.exec(text.slice(3))
  return close ? text.slice(0, 3 + close.index + close[0].length) : null
}

/**
 * The library row fields of a post's current text, from its frontmatter only (the body is never
 * parsed, so this is cheap enough for every keystroke), as the library service reads them: a
 * non-empty `title`, `date` (YYYY-MM-DD for a date), `tags` (a list, or one tag), `draft`. Keys the
 * frontmatter does not set are left out (the saved row's value stays); null when there is no
 * frontmatter or its YAML is invalid (the row keeps its last values).
 */
export function liveRowOf(head: string): LiveRow | null {
  const block = frontmatterBlock(head)
  if (block === null) return null
  let data: Record<string, unknown>
  try {
    data = splitFrontmatter(block).data
  } catch {
    return null
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return null
  const row: LiveRow = {}
  if (typeof data.title === 'string' && data.title.trim()) row.title = data.title
  if ('date' in data) row.date = libraryDate(data.date)
  if ('tags' in data) row.tags = libraryTags(data.tags)
  if ('draft' in data) row.draft = data.draft === true
  return row
}

/** `rows` with each open post's live fields laid over its saved row (the same array when nothing differs). */
export function withLiveRows(rows: PostSummary[], live: ReadonlyMap<string, LiveRow>): PostSummary[] {
  if (live.size === 0) return rows
  let changed = false
  const out = rows.map((row) => {
    const fields = live.get(row.file)
    if (!fields) return row
    const same = (Object.keys(fields) as Array<keyof LiveRow>).every((key) => JSON.stringify(fields[key]) === JSON.stringify(row[key]))
    if (same) return row
    changed = true
    return { ...row, ...fields }
  })
  return changed ? out : rows
}
