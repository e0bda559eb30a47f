/**
 * A frontmatter `date` as the library shows and sorts it: `YYYY-MM-DD` for a date at midnight UTC
 * (what YAML makes of `date: 2024-01-16`), the ISO time for other dates, the text for anything
 * else; null when unset, empty or an invalid date. Used by the library service's saved rows and
 * by the live rows of open posts, so both read a post the same way.
 */
export function libraryDate(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null
    const iso = value.toISOString()
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso
  }
  return typeof value === 'string' ? value : String(value)
}

/** A frontmatter `tags` as the library lists them: a list's strings and numbers, or one tag; [] otherwise. */
export function libraryTags(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((t) => typeof t === 'string' || typeof t === 'number').map(String)
  if (typeof value === 'string' && value) return [value]
  return []
}
