/** A markdown tree as remark-parse returns it (only what sectioning looks at). */
interface MdastNode {
  type: string
  children?: MdastNode[]
  position?: { start?: { offset?: number }; end?: { offset?: number } }
}

/** Sections shorter than this are joined with the next one (each parse has a fixed setup cost). */
export const MIN_SECTION_CHARS = 4096

// Constructs whose meaning reaches across the whole document (link/footnote definitions, MDC
// block components that can hold headings): a post using them is parsed in one piece.
const DOCUMENT_WIDE = /\]:|\[\^|^[\t >*+\-0-9.)]*::/m
// HTML blocks of CommonMark kinds 1–5 run until an end marker, across blank lines: allowed only
// when every such opener is closed on its own line.
const LONG_HTML_OPENER = /<(?:!--|\?|!\[CDATA\[|![A-Za-z]|(pre|script|style|textarea)(?=[\s/>]|$))/gim
const LONG_HTML_FENCE = /^ {0,3}(?:<(?:!|\?|(?:pre|script|style|textarea)(?=[\s/>]|$)))/i
const FENCE_OPENER = /^[ \t]*(`{3,}|~{3,})/

function longHtmlClosedOnItsLine(markdown: string): boolean {
  LONG_HTML_OPENER.lastIndex = 0
  for (let match = LONG_HTML_OPENER.exec(markdown); match; match = LONG_HTML_OPENER.exec(markdown)) {
    let lineEnd = markdown.indexOf('\n', match.index)
    if (lineEnd === -1) lineEnd = markdown.length
    const rest = markdown.slice(match.index + match[0].length, lineEnd)
    const opener = match[0]
    const closed = opener === '<!--' ? rest.includes('-->')
      : opener === '<?' ? rest.includes('?>')
        : opener === '<![CDATA[' ? rest.includes(']]>')
          : match[1] ? rest.toLowerCase().includes(`</${match[1].toLowerCase()}>`)
            : rest.includes('>')
    if (!closed) return false
  }
  return true
}

/** The text up to the end of its last line that is not blank (spaces and tabs only). */
function withoutTrailingBlankLines(text: string): string {
  let end = text.length
  for (let i = text.length - 1; i >= 0; i--) {
    const code = text.charCodeAt(i)
    if (code === 10) end = i
    else if (code !== 32 && code !== 9) break
  }
  return text.slice(0, end)
}

/**
 * Offsets where the markdown may be cut into independently parsed sections: the start of an ATX
 * heading line (`#` in column 1) that follows a blank line. Nothing open at top level survives a
 * blank line followed by such a line (paragraphs, tables, HTML blocks of kinds 6–7 end at the
 * blank line; lists, block quotes and indented code end at the unindented heading) except a
 * fenced code block or an MDC component, checked by {@link parseInSections} and ruled out here.
 * Empty when the document uses anything document-wide.
 */
export function sectionBreaks(markdown: string): number[] {
  if (markdown.length < 2 * MIN_SECTION_CHARS || DOCUMENT_WIDE.test(markdown) || !longHtmlClosedOnItsLine(markdown)) return []
  const breaks: number[] = []
  let from = markdown.indexOf('\n\n#')
  while (from !== -1) {
    const at = from + 2
    let hashes = 1
    while (hashes < 7 && markdown.charCodeAt(at + hashes) === 35) hashes++
    const next = markdown.charCodeAt(at + hashes) // after `#`…`######`: space, tab, line end or the end
    if (hashes <= 6 && (Number.isNaN(next) || next === 32 || next === 9 || next === 10)) breaks.push(at)
    from = markdown.indexOf('\n\n#', at)
  }
  return breaks
}

/** Whether a section's last top-level block could go on into the next section in a whole parse. */
function mayContinue(markdown: string, section: MdastNode): boolean {
  const last = section.children?.[section.children.length - 1]
  if (!last) return false
  const start = last.position?.start?.offset
  const end = last.position?.end?.offset
  if (start === undefined || end === undefined) return true
  const source = markdown.slice(start, end)
  if (last.type === 'html') return LONG_HTML_FENCE.test(source)
  if (last.type !== 'code') return last.type !== 'paragraph' && last.type !== 'heading' && last.type !== 'list' &&
    last.type !== 'blockquote' && last.type !== 'table' && last.type !== 'thematicBreak' && last.type !== 'image'
  const opener = FENCE_OPENER.exec(source)
  if (!opener) return false // indented code ends at an unindented line
  const lines = source.split('\n')
  if (lines.length < 2) return true
  const closer = lines[lines.length - 1]
  const fence = opener[1]
  const run = /^ {0,3}(`+|~+)[ \t]*$/.exec(closer)
  return !(run && run[1][0] === fence[0] && run[1].length >= fence.length)
}

/**
 * Cuts the markdown at `breaks` (see {@link sectionBreaks}) the way {@link parseInSections} does
 * and hands each section to `take`: sections shorter than {@link MIN_SECTION_CHARS} are joined with
 * the next one, a section's trailing blank lines are left out (in the whole text they belong to no
 * block), and when `take` says the section's last block could go on past the break, the text from
 * that section's start to the end is taken as one last section instead. `start` is the section's
 * offset in the markdown.
 */
export function forEachSection(markdown: string, breaks: readonly number[], take: (text: string, start: number, last: boolean) => { continues: boolean }): void {
  let start = 0
  for (let i = 0; i <= breaks.length; i++) {
    const last = i === breaks.length
    const end = last ? markdown.length : breaks[i]
    if (end - start < MIN_SECTION_CHARS && !last) continue
    const text = last ? markdown.slice(start, end) : withoutTrailingBlankLines(markdown.slice(start, end))
    if (take(text, start, last).continues && !last) {
      // Parse it with everything after it, in one piece (never more than twice the text in all).
      i = breaks.length - 1
      continue
    }
    start = end
  }
}

/** Whether a parsed section's last top-level block could go on into the next section in a whole parse. */
export function sectionMayContinue(text: string, tree: unknown): boolean {
  return mayContinue(text, tree as MdastNode)
}

/**
 * remark-parse on a long post, section by section: micromark and mdast-util-from-markdown have
 * steps whose cost grows with the length of the whole token list (list preparation splices it),
 * so a long post parses faster in pieces. The sections' top-level nodes are joined into one root,
 * giving the same tree as one parse except for positions: those of the top-level nodes' offsets are
 * moved to whole-text offsets, everything else stays relative to its section (callers that need
 * exact positions, e.g. for errors, parse the whole text again). A section whose last block could
 * go on past the break (an unclosed fence) is parsed together with the rest of the text. Returns
 * undefined when the post has no safe break (see {@link sectionBreaks}).
 */
export function parseInSections(parse: (markdown: string) => unknown, markdown: string): MdastNode | undefined {
  const breaks = sectionBreaks(markdown)
  if (breaks.length === 0) return undefined
  const children: MdastNode[] = []
  forEachSection(markdown, breaks, (text, start, last) => {
    const tree = parse(text) as MdastNode
    if (!last && mayContinue(text, tree)) return { continues: true }
    for (const child of tree.children ?? []) {
      const position = child.position
      if (start && position?.start?.offset !== undefined) position.start.offset += start
      if (start && position?.end?.offset !== undefined) position.end.offset += start
      children.push(child)
    }
    return { continues: false }
  })
  return { type: 'root', children }
}
