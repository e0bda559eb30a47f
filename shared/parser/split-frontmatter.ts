import { parseFrontMatter } from 'remark-mdc'
import { PostParseFailure } from './post-parse-failure'
import { lineColumnAt } from './source-position'
import { yamlAliasBomb } from './yaml-alias-guard'

/** The frontmatter and body of a post, split the way Nuxt Content 2.7 (remark-mdc) splits them. */
export interface FrontmatterSplit {
  /** The markdown after the frontmatter block (the whole text when there is none). */
  body: string
  /** Character offset of `body` in the file text. */
  bodyOffset: number
  /** The frontmatter data: normally an object; YAML can also yield an array, a number or a boolean (spread like the site does). */
  data: Record<string, unknown>
}

const DELIMITER = '---'

/**
 * Where remark-mdc would cut the body off: it only looks for the first `\n---` after a leading
 * `---`, and skips an empty block. Returns -1 when there is no frontmatter.
 */
function frontmatterEnd(text: string): number {
  if (!text.startsWith(DELIMITER)) return -1
  const idx = text.indexOf('\n' + DELIMITER)
  if (idx === -1 || text.slice(4, idx) === '') return -1
  return idx
}

/**
 * Splits a post into frontmatter data and body using remark-mdc's own `parseFrontMatter` (js-yaml
 * + key unflattening), so values (dates, numbers, dotted keys) are exactly what the site sees.
 * Invalid YAML (or YAML that is a plain string, which the site also rejects) throws a
 * `frontmatter` {@link PostParseFailure} whose line/column are relative to the whole file and whose
 * `body` is still available via {@link bodyWithoutFrontmatter}.
 */
export function splitFrontmatter(text: string): FrontmatterSplit {
  const end = frontmatterEnd(text)
  if (end !== -1) {
    // refuse an alias bomb before js-yaml and remark-mdc expand it
    const from = DELIMITER.length + 1
    const bomb = yamlAliasBomb(text.slice(from, end), (offset) => { const at = lineColumnAt(text, from + offset); return `line ${at.line}, column ${at.column}` })
    if (bomb) throw new PostParseFailure({ kind: 'frontmatter', message: bomb.message, ...lineColumnAt(text, from + bomb.offset) })
  }
  let parsed: { content: string; data: unknown }
  try {
    parsed = parseFrontMatter(text) as { content: string; data: unknown }
  } catch (error) {
    throw yamlFailure(error, text)
  }
  const data = parsed.data
  if (typeof data === 'string') {
    // The site throws on this (it Object.assign()s parser data onto the string); say why instead.
    const where = lineColumnAt(text, 4)
    throw new PostParseFailure({
      kind: 'frontmatter',
      message: `Invalid frontmatter: expected YAML key/value pairs, got a plain string (line ${where.line}, column ${where.column})`,
      ...where,
    })
  }
  return { body: parsed.content, bodyOffset: end === -1 ? 0 : end + 4, data: data as Record<string, unknown> }
}

/** Where the site (remark-mdc) finds a post's frontmatter: the YAML is `text.slice(yamlFrom, yamlTo)`, the body starts at `bodyFrom`. */
export interface FrontmatterBounds {
  yamlFrom: number
  yamlTo: number
  /** Just after the closing `---` (the site's body begins with the rest of that line). */
  bodyFrom: number
}

/**
 * The frontmatter's place by the site's own rule — a leading `---`, closed by the first `\n---`,
 * never empty — or null when the site sees no frontmatter. The one definition of that rule for the
 * parser, the library and the editor's frontmatter form.
 */
export function frontmatterBounds(text: string): FrontmatterBounds | null {
  const end = frontmatterEnd(text)
  return end === -1 ? null : { yamlFrom: DELIMITER.length + 1, yamlTo: end, bodyFrom: end + 1 + DELIMITER.length }
}

/** The body of a post with its frontmatter block removed (whether or not the YAML is valid). */
export function bodyWithoutFrontmatter(text: string): { body: string; bodyOffset: number } {
  const bounds = frontmatterBounds(text)
  return bounds ? { body: text.slice(bounds.bodyFrom), bodyOffset: bounds.bodyFrom } : { body: text, bodyOffset: 0 }
}

function yamlFailure(error: unknown, text: string): PostParseFailure {
  const e = error as { reason?: string; message?: string; mark?: { position?: number } }
  const offset = 4 + (typeof e.mark?.position === 'number' ? e.mark.position : 0)
  const where = lineColumnAt(text, offset)
  const reason = e.reason ?? String(e.message ?? error).split('\n')[0]
  return new PostParseFailure({
    kind: 'frontmatter',
    message: `Invalid YAML frontmatter: ${reason} (line ${where.line}, column ${where.column})`,
    ...where,
  })
}
