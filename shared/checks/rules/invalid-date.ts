import { findingAt, type CheckRule } from '../check-input'
import { postSource } from '../post-source'

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?[ \t]*(?:[Zz]|[+-]\d{1,2}(?::?\d{2})?)?)?$/
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** Why `written` is not a real calendar date (or date-time), or null when it is one. */
function dateProblem(written: string): string | null {
  const match = ISO.exec(written.trim())
  if (!match) return 'it is not a date in the form YYYY-MM-DD'
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (month < 1 || month > 12) return `there is no month ${month}`
  if (day < 1 || day > daysIn(year, month)) return `${MONTHS[month - 1]} ${year} has ${daysIn(year, month)} days`
  if (match[4] !== undefined && (Number(match[4]) > 23 || Number(match[5]) > 59 || Number(match[6] ?? 0) > 59)) return 'the time of day is not valid'
  return null
}

function shown(value: unknown): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString().slice(0, 10)
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value)
}

/**
 * A frontmatter `date` that is not a real calendar date (`2024-02-30`, `yesterday`, `2024-13-01`):
 * the site shows and sorts posts by it, and YAML silently turns `2024-02-30` into March 1st. The
 * text as written is checked, since the parsed value already hides the rollover.
 */
export const invalidDate: CheckRule = {
  id: 'invalid-date',
  run(input) {
    const { frontmatter } = postSource(input)
    const data = frontmatter.data
    if (!data || !Object.prototype.hasOwnProperty.call(data, 'date')) return []
    const value = data.date
    const key = frontmatter.keys.get('date')
    const written = key && key.value !== '' ? key.value : value === null || value === undefined ? '' : shown(value)
    let problem: string | null
    if (written === '') problem = 'it is empty'
    else if (value instanceof Date && Number.isNaN(value.getTime())) problem = 'it is not a valid date'
    else if (typeof value === 'string' || value instanceof Date) problem = dateProblem(written)
    else problem = 'it is not a date in the form YYYY-MM-DD'
    if (!problem) return []
    const rolled = value instanceof Date && !Number.isNaN(value.getTime()) && dateProblem(written) !== null ? ` (YAML reads it as ${shown(value)})` : ''
    return [findingAt(input, 'invalid-date', {
      severity: 'error',
      message: `The date "${written}" is not a real calendar date: ${problem}${rolled}. The site shows and sorts posts by date; write a real date as YYYY-MM-DD, e.g. date: '2024-01-16'.`,
      from: key ? (key.value !== '' ? key.valueFrom : key.from) : 0,
      to: key ? (key.value !== '' ? key.valueTo : key.lineTo) : 0,
    })]
  },
}
