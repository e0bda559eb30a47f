import { frontmatterBounds } from '../../shared/parser/split-frontmatter'

/** A snippet to insert and the part of it to select afterwards (from `ImportedImage`). */
export interface InsertableSnippet {
  snippet: string
  select: { from: number; to: number }
}

/** One change that inserts figures, and the selection to set after it. */
export interface FigureInsertion {
  from: number
  insert: string
  /** Selection in the document after the change (the first figure's caption). */
  selectFrom: number
  selectTo: number
  /** True when the drop point was inside the frontmatter and the figures went just after it instead. */
  movedOutOfFrontmatter: boolean
}

/** True for a markdown image (`![alt](src)`) that sits inside a paragraph, as opposed to a block such as `<figure>`. */
export function isInlineSnippet(snippet: string): boolean {
  return snippet.startsWith('![') && !snippet.includes('\n')
}

function lineStartAt(doc: string, pos: number): number {
  return doc.lastIndexOf('\n', pos - 1) + 1
}

function lineEndAt(doc: string, pos: number): number {
  const end = doc.indexOf('\n', pos)
  return end === -1 ? doc.length : end
}

/**
 * Where and how to insert `snippets` dropped at `pos` of `doc`. Markdown images go exactly at the
 * drop point. Blocks (the `<figure>` template) go at the drop point too, but stand as their own
 * blocks: a blank line before and after, splitting a paragraph when dropped inside one (an HTML
 * block only ends at a blank line, so without it the next paragraph would be swallowed). A drop
 * inside the frontmatter lands just after it. Several snippets are separated by blank lines.
 */
export function figureInsertion(doc: string, dropPos: number, snippets: InsertableSnippet[]): FigureInsertion {
  let pos = Math.max(0, Math.min(dropPos, doc.length))
  const bounds = frontmatterBounds(doc)
  let moved = false
  if (bounds && pos < bounds.bodyFrom) {
    pos = lineEndAt(doc, bounds.bodyFrom)
    moved = true
  }
  const inline = snippets.every((s) => isInlineSnippet(s.snippet))
  if (inline) {
    const insert = snippets.map((s) => s.snippet).join(' ')
    const first = snippets[0]
    return { from: pos, insert, selectFrom: pos + first.select.from, selectTo: pos + first.select.to, movedOutOfFrontmatter: moved }
  }
  const lineStart = lineStartAt(doc, pos)
  const lineEnd = lineEndAt(doc, pos)
  const textBefore = doc.slice(lineStart, pos).trim() !== ''
  const textAfter = doc.slice(pos, lineEnd).trim() !== ''
  const nextLineBlank = lineEnd >= doc.length ? null : doc.slice(lineEnd + 1, lineEndAt(doc, lineEnd + 1)).trim() === ''
  let insertFrom: number
  let prefix: string
  if (textBefore) {
    // inside or at the end of a line of text: end that paragraph here
    insertFrom = pos
    prefix = '\n\n'
  } else {
    // at the start of a line: go before it, after a blank line
    insertFrom = lineStart
    const previousBlank = lineStart === 0 || doc.slice(lineStartAt(doc, lineStart - 1), lineStart - 1).trim() === ''
    prefix = previousBlank ? '' : '\n'
  }
  const suffix = textAfter ? '\n\n' : nextLineBlank === null ? '\n' : nextLineBlank ? '' : '\n'
  const insert = prefix + snippets.map((s) => s.snippet).join('\n\n') + suffix
  const start = insertFrom + prefix.length
  const first = snippets[0]
  return { from: insertFrom, insert, selectFrom: start + first.select.from, selectTo: start + first.select.to, movedOutOfFrontmatter: moved }
}
