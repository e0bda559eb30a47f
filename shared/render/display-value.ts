/**
 * A frontmatter value as text for the window (preview, library, form): strings as they are,
 * numbers and booleans as written, dates as YYYY-MM-DD, arrays and objects as compact JSON — so a
 * `title: {a: 1}` shows as `{"a":1}` instead of "[object Object]" or crashing a React render.
 */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10)
  try {
    return JSON.stringify(value) ?? ''
  } catch {
    return ''
  }
}
