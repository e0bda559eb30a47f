import type { CompiledBlock, TrackedHeading } from './compile-minimark'

/**
 * Where the parsed body's parts are in the post's file — the side table the parser returns next to
 * the Nuxt JSON (which stays byte-identical and carries no positions). Scroll sync, outline clicks,
 * the assets panel and the problems list use it instead of re-deriving lines from the text.
 * Offsets are UTF-16 offsets into the whole file (frontmatter included, line ends as in the file).
 */
export interface PostPositions {
  /** The offset where each top-level child of `body.children` starts (same length and order). */
  blocks: number[]
  /** Every heading of the body in document order: its final id, level, and its own offset (or its block's). */
  headings: Array<{ id: string; depth: number; from: number }>
}

/** A top-level hast node before rehype-raw: a markdown block (with its position object) or a raw HTML block. */
export interface TopLevelEntry {
  position: unknown
  offset: number | undefined
  raw: boolean
}

/**
 * Start offsets (relative to the parsed text) of the compiled top-level blocks. Blocks compiled
 * from markdown keep their hast `position` (rehype-raw passes such elements through), matched by
 * identity to the entries recorded before rehype-raw; blocks the HTML parser made from a raw HTML
 * block have none and get the offset of a raw block between their positioned neighbours (in order
 * when the counts match, else the first). A block with nothing to go by takes the previous offset,
 * and offsets never go back (a block starts at or after the one above it).
 */
export function blockOffsets(blocks: readonly CompiledBlock[], entries: readonly TopLevelEntry[]): number[] {
  const offsets: number[] = new Array(blocks.length)
  let cursor = 0
  let previous = 0
  let i = 0
  while (i < blocks.length) {
    const position = blocks[i].source.position
    if (position) {
      let j = cursor
      while (j < entries.length && entries[j].position !== position) j++
      const offset = (position as { start?: { offset?: number } }).start?.offset
      const matched = j < entries.length
      if (matched) cursor = j + 1
      // a block the HTML parser built around inline raw HTML carries that HTML's position, which in a
      // sectioned parse is relative to its section: only a recorded top-level offset is taken as is,
      // any other is kept from going back before the block above it
      offsets[i] = matched ? offset ?? previous : Math.max(offset ?? previous, previous)
      previous = offsets[i]
      i++
      continue
    }
    // a run of blocks from raw HTML, up to the next positioned block
    let end = i
    while (end < blocks.length && !blocks[end].source.position) end++
    let stop = cursor
    while (stop < entries.length && entries[stop].raw) stop++
    // only raw blocks after the block above can be these (an unmatched block above may have left the cursor behind)
    const raws = entries.slice(cursor, stop).filter((e) => e.offset !== undefined && e.offset >= previous)
    for (let k = i; k < end; k++) {
      const entry = raws.length === end - i ? raws[k - i] : raws[0]
      offsets[k] = entry?.offset ?? previous
      previous = offsets[k]
    }
    cursor = stop
    i = end
  }
  return offsets
}

/** The heading rows of {@link PostPositions}, with `base` added to every offset. */
export function headingRows(headings: readonly TrackedHeading[], blockStarts: readonly number[], base: number): PostPositions['headings'] {
  return headings.map((h) => ({
    id: String(h.node.props?.id ?? ''),
    depth: Number(h.node.tag.charAt(1)),
    from: base + (h.offset ?? blockStarts[h.block] ?? 0),
  }))
}
