/** A 1-based line/column pair. */
export interface LineColumn {
  line: number
  column: number
}

/** 1-based line and column of a character offset in `text` (lines end at `\n`). */
export function lineColumnAt(text: string, offset: number): LineColumn {
  let line = 1
  let lineStart = 0
  const end = Math.min(Math.max(offset, 0), text.length)
  let next = text.indexOf('\n')
  while (next !== -1 && next < end) {
    line++
    lineStart = next + 1
    next = text.indexOf('\n', lineStart)
  }
  return { line, column: end - lineStart + 1 }
}

/**
 * Maps positions inside the markdown body (which starts `bodyOffset` characters into the file,
 * after the frontmatter) back to positions in the whole file.
 */
export class BodyPositionMapper {
  private readonly start: LineColumn

  constructor(fileText: string, bodyOffset: number) {
    this.start = lineColumnAt(fileText, bodyOffset)
  }

  /** Converts a 1-based body position to a 1-based file position. */
  toFile(pos: LineColumn): LineColumn {
    if (pos.line <= 1) return { line: this.start.line, column: this.start.column + pos.column - 1 }
    return { line: this.start.line + pos.line - 1, column: pos.column }
  }
}
