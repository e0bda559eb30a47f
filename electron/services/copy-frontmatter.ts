// What `post.duplicate` changes in the copy's bytes: the frontmatter `title:` value gets a
// " (copy)" suffix so the library shows two different rows, and a `draft: false` becomes
// `draft: true` so a copy of a published post is not published by the next deploy. Nothing else
// changes: the edit is textual, inside those one or two lines, so comments, key order, quoting
// style, line endings and a BOM all survive. Whenever the edit cannot be made safely (no title,
// a multi-line or block title, invalid YAML, not UTF-8 …) the copy keeps the original bytes.
import { isDeepStrictEqual } from 'node:util'
import { splitFrontmatter } from '../../shared/parser/split-frontmatter'

/**
 * The title suffix of the `n`-th copy (1-based), matching the file name it is written to:
 * `-copy.md` gets " (copy)", `-copy-2.md` gets " (copy 2)", and so on, so copies stay distinct.
 */
export function copyTitleSuffix(n: number): string {
  return n === 1 ? ' (copy)' : ` (copy ${n})`
}

/** The frontmatter data the site would see for `text`, or null when there is none or it is invalid. */
function frontmatterData(text: string): Record<string, unknown> | null {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  if (!normalised.startsWith('---')) return null
  try {
    const data = splitFrontmatter(normalised).data
    return data && typeof data === 'object' && !Array.isArray(data) ? data : null
  } catch {
    return null
  }
}

/** Nothing but optional spaces and an optional `# comment` (which YAML requires to follow a space). */
const TRAILER = /^(?:[ \t]+#.*)?[ \t]*$/

/** Characters a plain (unquoted) YAML scalar cannot start with. */
const PLAIN_START_INDICATORS = new Set(['[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`', ','])

/** Plain scalars YAML reads as null: suffixing them would invent a title. */
const NULL_WORDS = new Set(['~', 'null', 'Null', 'NULL'])

/** Where the scalar value on a `key: value` line ends, so a suffix can be inserted there. */
interface ScalarEnd {
  /** Offset in the line where the suffix goes (before a closing quote, trailing spaces or a comment). */
  insertAt: number
  /** The title the site would see after the edit, given the old parsed value. */
  expected: (old: unknown) => string | null
}

/**
 * Finds the end of a one-line scalar value starting at `from` in `line` (the text after `key:`).
 * Null when the value is empty, a block scalar, a flow collection, an alias, an unclosed (multi-line)
 * quoted scalar, or anything else that is not one plain or quoted scalar on this line.
 */
function oneLineScalarEnd(line: string, from: number, suffix: string): ScalarEnd | null {
  let start = from
  while (line[start] === ' ' || line[start] === '\t') start++
  if (start === line.length) return null
  if (start === from) return null // `title:x` is not a key/value pair
  const quote = line[start]
  if (quote === "'" || quote === '"') {
    let i = start + 1
    for (;;) {
      if (i >= line.length) return null // continues on the next line
      const ch = line[i]
      if (quote === '"' && ch === '\\') { i += 2; continue }
      if (ch === quote) {
        if (quote === "'" && line[i + 1] === "'") { i += 2; continue }
        break
      }
      i++
    }
    if (!TRAILER.test(line.slice(i + 1))) return null
    return { insertAt: i, expected: (old) => (typeof old === 'string' && old !== '' ? old + suffix : null) }
  }
  const first = line[start]
  const second = line[start + 1]
  if (PLAIN_START_INDICATORS.has(first)) return null
  if ((first === '-' || first === '?' || first === ':') && (second === undefined || second === ' ' || second === '\t')) return null
  const comment = /[ \t]#/.exec(line.slice(start))
  const scalar = line.slice(start, comment ? start + comment.index : line.length).replace(/[ \t]+$/, '')
  if (NULL_WORDS.has(scalar) || scalar.endsWith(':') || /:[ \t]/.test(scalar)) return null
  // a plain number, date or boolean title becomes the string the reader saw, plus the suffix
  return { insertAt: start + scalar.length, expected: (old) => (old === null || old === undefined || old === '' || (typeof old === 'object' && !(old instanceof Date)) ? null : scalar + suffix) }
}

/** One line of the frontmatter block: its offset in the text and its content without the line break. */
interface Line {
  offset: number
  text: string
}

/** The lines between the opening `---` and the first `\n---` (where remark-mdc ends the block). */
function frontmatterLines(text: string, from: number): Line[] | null {
  if (!text.startsWith('---', from)) return null
  const firstBreak = text.indexOf('\n', from)
  const end = text.indexOf('\n---', from)
  if (firstBreak === -1 || end === -1 || end < firstBreak) return null
  const lines: Line[] = []
  let offset = firstBreak + 1
  while (offset <= end) {
    const lf = text.indexOf('\n', offset)
    const stop = lf === -1 || lf > end ? end : lf
    lines.push({ offset, text: text.slice(offset, stop).replace(/\r$/, '') })
    if (stop === end) break
    offset = stop + 1
  }
  return lines
}

/** True when the plain scalar on line `index` goes on in the indented lines after it. */
function continuesOnNextLine(lines: Line[], index: number): boolean {
  for (let i = index + 1; i < lines.length; i++) {
    const line = lines[i].text
    if (line.trim() === '') continue
    return /^[ \t]/.test(line) && !line.trim().startsWith('#')
  }
  return false
}

/** The first top-level `key:` line of the block, or -1. */
function findKey(lines: Line[], key: string): number {
  const pattern = new RegExp(`^${key}[ \\t]*:`)
  return lines.findIndex((line) => pattern.test(line.text))
}

/**
 * The bytes of a copy of a post: `title` suffixed with `suffix` (see {@link copyTitleSuffix}) and a
 * plain `draft: false` turned into `draft: true`; a post without a `draft` key gets none (adding a
 * line would change more than the title). Every other byte is the original's. The result is checked
 * by parsing both frontmatters the way the site does: unless the only differences are exactly the
 * new title (and draft), the original bytes are returned unchanged.
 */
export function markAsCopy(bytes: Uint8Array, suffix: string): Uint8Array {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    return bytes // not UTF-8: the copy stays byte-identical
  }
  if (text.includes('\0')) return bytes
  const lines = frontmatterLines(text, text.startsWith('\uFEFF') ? 1 : 0)
  if (!lines) return bytes
  const before = frontmatterData(text)
  if (!before) return bytes

  const titleIndex = findKey(lines, 'title')
  if (titleIndex === -1) return bytes
  const titleLine = lines[titleIndex]
  const colon = titleLine.text.indexOf(':')
  const end = oneLineScalarEnd(titleLine.text, colon + 1, suffix)
  if (!end || continuesOnNextLine(lines, titleIndex)) return bytes
  const expectedTitle = end.expected(before.title)
  if (expectedTitle === null) return bytes

  const edits: { at: number; remove: number; insert: string }[] = [{ at: titleLine.offset + end.insertAt, remove: 0, insert: suffix }]
  const draftIndex = findKey(lines, 'draft')
  const draftMatch = draftIndex === -1 ? null : /^(draft[ \t]*:[ \t]+)(false|False|FALSE)(?:[ \t]+#.*)?[ \t]*$/.exec(lines[draftIndex].text)
  const draftChanged = draftMatch !== null && before.draft === false
  if (draftMatch && draftChanged) edits.push({ at: lines[draftIndex].offset + draftMatch[1].length, remove: draftMatch[2].length, insert: 'true' })

  let edited = text
  for (const edit of edits.sort((a, b) => b.at - a.at)) edited = edited.slice(0, edit.at) + edit.insert + edited.slice(edit.at + edit.remove)

  const after = frontmatterData(edited)
  if (!after || after.title !== expectedTitle) return bytes
  if (draftChanged && after.draft !== true) return bytes
  const rest = (data: Record<string, unknown>) => {
    const copy: Record<string, unknown> = { ...data }
    delete copy.title
    if (draftChanged) delete copy.draft
    return copy
  }
  if (!isDeepStrictEqual(rest(before), rest(after))) return bytes
  return new TextEncoder().encode(edited)
}
