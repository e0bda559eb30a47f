import { frontmatterBounds } from '../../shared/parser/split-frontmatter'
import { lineColumnAt } from '../../shared/parser/source-position'
import { Document, isMap, isPair, isScalar, isSeq, parseDocument, Scalar, type Node as YamlNode, type Pair } from 'yaml'

/** Where the YAML frontmatter sits in a post: `yaml` is `text.slice(yamlFrom, yamlTo)`. */
export interface FrontmatterSpan {
  yaml: string
  /** Offset of the first YAML character (after `---\n`). */
  yamlFrom: number
  /** Offset just after the last YAML character (before `\n---`). */
  yamlTo: number
  /** Offset where the markdown body starts (after the closing `---` line). */
  bodyFrom: number
}

const EMPTY_BLOCK = /^---[ \t]*\n---[ \t]*(?:\n|$)/

/**
 * Finds the frontmatter block by the site's rule ({@link frontmatterBounds}), or null. The span
 * ends after the closing fence's line break. One deliberate extra: an empty `---`/`---` pair, which
 * the site reads as body, is returned as an empty frontmatter so the form can fill it in.
 */
export function findFrontmatter(text: string): FrontmatterSpan | null {
  const bounds = frontmatterBounds(text)
  if (bounds) {
    const lineEnd = text.indexOf('\n', bounds.bodyFrom)
    return { yaml: text.slice(bounds.yamlFrom, bounds.yamlTo), yamlFrom: bounds.yamlFrom, yamlTo: bounds.yamlTo, bodyFrom: lineEnd === -1 ? text.length : lineEnd + 1 }
  }
  const empty = EMPTY_BLOCK.exec(text)
  if (!empty) return null
  const yamlFrom = text.indexOf('\n') + 1
  return { yaml: '', yamlFrom, yamlTo: yamlFrom, bodyFrom: empty[0].length }
}

/** The keys the form edits with dedicated inputs; every other key is shown as raw YAML. */
export const FORM_KEYS = ['title', 'description', 'date', 'tags', 'draft', 'summary'] as const

/** One of the form's keys. */
export type FormKey = (typeof FORM_KEYS)[number]

/** Values of the form, read from the YAML. */
export interface FrontmatterFields {
  title: string
  description: string
  date: string
  tags: string[]
  draft: boolean
  summary: string
  /** The other top-level keys, as their exact source text (comments included). */
  raw: string
}

/** Result of reading the YAML: the fields, or why the YAML cannot be edited by the form. */
export type FrontmatterRead = { ok: true; fields: FrontmatterFields } | { ok: false; message: string; /** Where in the YAML the error is (a character offset), when known. */ offset?: number }

interface PairSpan {
  key: string
  pair: Pair
  /** Start of the key's line. */
  from: number
  /** End of the line where the value ends, including its newline. */
  to: number
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1
}

function lineEndInclusive(text: string, offset: number): number {
  const nl = text.indexOf('\n', Math.max(offset, 0))
  return nl < 0 ? text.length : nl + 1
}

function parseMap(yaml: string): { doc: Document; spans: PairSpan[] } | { error: string; offset?: number } {
  const doc = parseDocument(yaml, { keepSourceTokens: false })
  if (doc.errors.length) return { error: doc.errors[0].message, offset: doc.errors[0].pos?.[0] }
  if (doc.contents === null) return { doc, spans: [] }
  if (!isMap(doc.contents)) return { error: 'The frontmatter is not a map of keys.', offset: 0 }
  const spans: PairSpan[] = []
  for (const item of doc.contents.items) {
    if (!isPair(item) || !isScalar(item.key) || !item.key.range) continue
    const keyNode = item.key as Scalar
    const valueNode = item.value as YamlNode | null
    const end = valueNode?.range ? Math.max(valueNode.range[1] - 1, keyNode.range![1]) : keyNode.range![1]
    spans.push({ key: String(keyNode.value), pair: item, from: lineStart(yaml, keyNode.range![0]), to: lineEndInclusive(yaml, end) })
  }
  return { doc, spans }
}

function asText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  return typeof value === 'string' ? value : String(value)
}

/** Reads the form fields from frontmatter YAML; the raw part keeps the other keys' exact text. */
export function readFrontmatter(yaml: string): FrontmatterRead {
  const parsed = parseMap(yaml)
  if ('error' in parsed) return { ok: false, message: parsed.error, offset: parsed.offset }
  const data = (parsed.doc.toJS() ?? {}) as Record<string, unknown>
  const tags = Array.isArray(data.tags) ? data.tags.map(asText) : typeof data.tags === 'string' && data.tags ? data.tags.split(',').map((t) => t.trim()).filter(Boolean) : []
  const raw = parsed.spans.filter((s) => !(FORM_KEYS as readonly string[]).includes(s.key)).map((s) => yaml.slice(s.from, s.to)).join('')
  return {
    ok: true,
    fields: { title: asText(data.title), description: asText(data.description), date: asText(data.date), tags, draft: data.draft === true, summary: asText(data.summary), raw: raw.replace(/\n$/, '') },
  }
}

/** Why a date is not acceptable, or null: the site expects `YYYY-MM-DD`, a real calendar day. */
export function validateDate(date: string): string | null {
  if (date === '') return null
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!m) return 'Use the form YYYY-MM-DD.'
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]))
  if (d.getUTCFullYear() !== +m[1] || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) return 'Not a real calendar date.'
  return null
}

/** Why a tag list is not acceptable, or null: tags are non-empty, unique, single-line. */
export function validateTags(tags: string[]): string | null {
  const seen = new Set<string>()
  for (const tag of tags) {
    if (tag.trim() === '') return 'Tags cannot be empty.'
    if (/[\n\r]/.test(tag)) return 'Tags must be on one line.'
    if (seen.has(tag.toLowerCase())) return `Duplicate tag: ${tag}`
    seen.add(tag.toLowerCase())
  }
  return null
}

function stringifyNode(node: unknown): string {
  const doc = new Document()
  doc.contents = node as YamlNode
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false }).replace(/\n$/, '')
}

function scalarText(value: string | boolean, original: YamlNode | null, forceQuote: boolean): string {
  const scalar = new Scalar(value)
  if (typeof value === 'string') {
    if (isScalar(original) && (original.type === 'QUOTE_SINGLE' || original.type === 'QUOTE_DOUBLE' || original.type === 'PLAIN')) scalar.type = original.type
    else if (forceQuote) scalar.type = 'QUOTE_SINGLE'
  }
  return stringifyNode(scalar)
}

function tagsText(tags: string[], original: YamlNode | null, yaml: string): string {
  const items = tags.map((tag) => {
    const first = isSeq(original) ? original.items.find((i) => isScalar(i) && i.value === tag) : undefined
    return scalarText(tag, (first as YamlNode | undefined) ?? null, false)
  })
  if (isSeq(original) && !original.flow && original.range && tags.length) {
    const indent = ' '.repeat(original.range[0] - lineStart(yaml, original.range[0]))
    return items.map((item, i) => (i === 0 ? '' : indent) + '- ' + item).join('\n')
  }
  return `[${items.join(', ')}]`
}

function isEmptyValue(value: string | boolean | string[]): boolean {
  return value === '' || (Array.isArray(value) && value.length === 0)
}

/**
 * Sets one form key in frontmatter YAML in place: only the value's own characters change (quote
 * style, flow/block list style, comments, key order and the rest of the text stay byte-identical);
 * a missing key is appended; an empty value removes the key. Throws when the YAML cannot be parsed.
 */
export function setFrontmatterField(yaml: string, key: FormKey, value: string | boolean | string[]): string {
  const parsed = parseMap(yaml)
  if ('error' in parsed) throw new Error(parsed.error)
  const span = parsed.spans.find((s) => s.key === key)
  if (isEmptyValue(value)) return span ? yaml.slice(0, span.from) + yaml.slice(span.to) : yaml
  const original = (span?.pair.value ?? null) as YamlNode | null
  const text = Array.isArray(value) ? tagsText(value, original, yaml) : scalarText(value, original, key === 'date')
  if (span && original?.range) {
    const [start, valueEnd] = original.range
    const trailing = /\s*$/.exec(yaml.slice(start, valueEnd))![0]
    return yaml.slice(0, start) + text + trailing + yaml.slice(valueEnd)
  }
  if (span) {
    // key with an empty value (`title:`): write the value after the colon
    const keyEnd = (span.pair.key as Scalar).range![1]
    const colon = yaml.indexOf(':', keyEnd)
    return yaml.slice(0, colon + 1) + ' ' + text + yaml.slice(colon + 1).replace(/^[ \t]*/, '')
  }
  const sep = yaml === '' || yaml.endsWith('\n') ? '' : '\n'
  return `${yaml}${sep}${key}: ${text}` + (yaml === '' || yaml.endsWith('\n') ? '\n' : '')
}

/**
 * Replaces the non-form keys with the ones in `raw` (YAML text of a map), key by key: unchanged keys
 * keep their text and position, edited keys are replaced where they are, removed keys disappear, new
 * keys are appended. Throws with the YAML error when `raw` does not parse or is not a map.
 */
export function setFrontmatterRaw(yaml: string, raw: string): string {
  const target = parseMap(raw)
  if ('error' in target) throw new Error(target.error)
  for (const s of target.spans) {
    if ((FORM_KEYS as readonly string[]).includes(s.key)) throw new Error(`"${s.key}" has its own field in the form above.`)
  }
  const current = parseMap(yaml)
  if ('error' in current) throw new Error(current.error)
  const wanted = new Map(target.spans.map((s) => [s.key, raw.slice(s.from, s.to).replace(/\n?$/, '\n')]))
  let out = yaml
  const others = current.spans.filter((s) => !(FORM_KEYS as readonly string[]).includes(s.key))
  for (const span of [...others].reverse()) {
    const now = out.slice(span.from, span.to)
    const next = wanted.get(span.key)
    if (next === undefined) out = out.slice(0, span.from) + out.slice(span.to)
    else if (now.replace(/\n?$/, '\n') !== next) out = out.slice(0, span.from) + (now.endsWith('\n') ? next : next.replace(/\n$/, '')) + out.slice(span.to)
    wanted.delete(span.key)
  }
  for (const text of wanted.values()) out += (out === '' || out.endsWith('\n') ? '' : '\n') + text
  return out
}

/** A frontmatter YAML error as the writer sees it: why, and where in the whole post (1-based). */
export interface FrontmatterErrorPlace {
  reason: string
  line: number
  column: number
}

/** The reason of a parser message without its `Invalid YAML frontmatter:` prefix and `(line, column)` / `at line…` suffix. */
export function yamlErrorReason(message: string): string {
  return message.split('\n')[0]
    .replace(/^Invalid YAML frontmatter:\s*/i, '')
    .replace(/\s*\(line \d+, column \d+\)\s*$/, '')
    .replace(/ at line \d+, column \d+:?$/, '')
}

/**
 * Where the frontmatter's YAML error is, in the same terms as the banner above the editor: the
 * parser's own error (what the site will report, from the preview worker) when there is one, else
 * the form's YAML error placed in the whole post (the fence line counted), never YAML-relative.
 * Null when neither finds an error.
 */
export function frontmatterErrorPlace(text: string, read: FrontmatterRead, parserError?: { message: string; line?: number; column?: number } | null): FrontmatterErrorPlace | null {
  if (parserError?.line) return { reason: yamlErrorReason(parserError.message), line: parserError.line, column: parserError.column ?? 1 }
  if (read.ok) return null
  const span = findFrontmatter(text)
  const where = lineColumnAt(text, (span?.yamlFrom ?? 0) + (read.offset ?? 0))
  return { reason: yamlErrorReason(read.message), ...where }
}

/**
 * Splits what is typed in the tag field at commas (ASCII or full-width): the parts before the last
 * comma are finished tags (trimmed, empty ones dropped), the rest stays in the field.
 */
export function splitTagInput(input: string): { tags: string[]; rest: string } {
  const parts = input.split(/[,，、]/)
  const rest = parts.pop() ?? ''
  return { tags: parts.map((t) => t.trim()).filter(Boolean), rest }
}

/** The tag list with `typed` appended, or why it cannot be (a duplicate, an empty tag). */
export function addTags(current: string[], typed: string[]): { tags: string[] } | { error: string } {
  const next = [...current, ...typed.map((t) => t.trim())]
  const problem = validateTags(next)
  return problem ? { error: problem } : { tags: next }
}

/**
 * The error to show under the date field: only for a typed date that is not (yet) in the YAML and
 * is not valid; so it clears the moment the date becomes valid (and is written) or the YAML's own
 * date is shown again. A date written in the YAML by hand is the site's business, not the form's.
 */
export function dateFieldError(typed: string, stored: string): string | null {
  const value = typed.trim()
  return value === stored ? null : validateDate(value)
}

/** The site's tags not yet on the post, most used first: the suggestions of the tag field. */
export function tagSuggestions(siteTags: ReadonlyArray<{ tag: string; count: number }>, current: string[]): string[] {
  const have = new Set(current.map((t) => t.toLowerCase()))
  return [...siteTags].filter((t) => !have.has(t.tag.toLowerCase())).sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag)).map((t) => t.tag)
}
