import { frontmatterBounds, splitFrontmatter, type FrontmatterBounds } from '../parser/split-frontmatter'

/** Where one top-level frontmatter key is written. */
export interface FrontmatterKey {
  /** Offset of the key's first character (its line start: top-level keys are not indented). */
  from: number
  /** End of the key's line (the `\n`, or the end of the text). */
  lineTo: number
  /** The value written on the key's line, without quotes or a trailing `# comment`, and its offsets (empty range after the colon when nothing is written there). */
  value: string
  valueFrom: number
  valueTo: number
}

/** A post's frontmatter: where it is, what the site reads from it, and where each top-level key is written. */
export interface FrontmatterFields {
  /** Null when the post has no frontmatter block (by the site's own rule). */
  bounds: FrontmatterBounds | null
  /** The data the site sees (`{}` without frontmatter); null when the YAML is invalid. */
  data: Record<string, unknown> | null
  keys: Map<string, FrontmatterKey>
}

const KEY_LINE = /^(["']?)([^\s"'#:][^"':]*?)\1[ \t]*:(?=[ \t]|$)(.*)$/

function keyOf(text: string, lineFrom: number, line: string): [string, FrontmatterKey] | null {
  const match = KEY_LINE.exec(line)
  if (!match) return null
  const rest = match[3]
  const restFrom = lineFrom + line.length - rest.length
  let value = rest.trim()
  let valueFrom = restFrom + (rest.length - rest.trimStart().length)
  const quote = value[0]
  if ((quote === '"' || quote === "'") && value.length > 1) {
    const close = value.indexOf(quote, 1)
    if (close > 0) {
      value = value.slice(1, close)
      valueFrom += 1
    }
  } else {
    const comment = /(^|[ \t])#/.exec(value)
    if (comment) value = value.slice(0, comment.index).trimEnd()
  }
  if (value === '') valueFrom = restFrom + (rest.length - rest.trimStart().length)
  return [match[2], { from: lineFrom, lineTo: lineFrom + line.length, value, valueFrom, valueTo: valueFrom + value.length }]
}

/**
 * Reads a post's frontmatter the way the site does (the parser's own split: js-yaml through
 * remark-mdc) and locates every top-level `key:` line in it, so rules can point at — and fix — the
 * exact value (`date: 2024-02-30` is a valid YAML timestamp the site rolls over to March 1st, so
 * the written text matters, not just the parsed value).
 */
export function frontmatterFields(text: string): FrontmatterFields {
  const bounds = frontmatterBounds(text)
  const keys = new Map<string, FrontmatterKey>()
  let data: Record<string, unknown> | null
  try {
    const read: unknown = splitFrontmatter(text).data
    data = read && typeof read === 'object' && !Array.isArray(read) && !(read instanceof Date) ? (read as Record<string, unknown>) : {}
  } catch {
    data = null
  }
  if (bounds) {
    let at = bounds.yamlFrom
    while (at <= bounds.yamlTo) {
      const end = text.indexOf('\n', at)
      const lineTo = end === -1 || end > bounds.yamlTo ? bounds.yamlTo : end
      const found = keyOf(text, at, text.slice(at, lineTo))
      if (found && !keys.has(found[0])) keys.set(found[0], found[1])
      if (end === -1 || end >= bounds.yamlTo) break
      at = end + 1
    }
  }
  return { bounds, data, keys }
}

/** Whether the frontmatter data has `key` set to something (not missing, null or a blank string). */
export function hasValue(data: Record<string, unknown> | null, key: string): boolean {
  if (!data || !Object.prototype.hasOwnProperty.call(data, key)) return false
  const value = data[key]
  return value !== null && value !== undefined && !(typeof value === 'string' && value.trim() === '')
}

/** A YAML scalar in single quotes (always valid, whatever the text holds). */
export function yamlQuoted(value: string): string {
  return `'${value.replace(/'/g, "''")}'`
}
