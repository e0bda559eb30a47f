import { dump } from 'js-yaml'
import type { ParsedContent } from '../parser'
import { contentHeading } from '../parser/content-heading'
import { generateTitle, refineUrlPart, splitContentId, withPathMeta } from '../parser/path-meta'

/** Path meta a frontmatter key of the same name overrides (the site spreads the frontmatter over them). */
const OVERRIDABLE_META = ['_path', '_dir', '_draft', '_partial', '_locale'] as const
/** Keys Nuxt Content adds itself (path meta, derived title/description, excerpt, body, type). */
const GENERATED_KEYS = new Set(['_path', '_dir', '_draft', '_partial', '_locale', '_empty', 'title', 'description', 'excerpt', 'body', '_type', '_id', '_source', '_file', '_extension'])
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/** JSON turned a YAML date into an ISO string: give it back as a date, so YAML writes a timestamp. */
function revive(value: unknown): unknown {
  if (typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value) return new Date(value)
  if (value instanceof Date || value === null) return value
  if (Array.isArray(value)) return value.map(revive)
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, revive(inner)]))
  return value
}

/**
 * The frontmatter the writer wrote, as far as the document shows it: every key Nuxt Content does not
 * generate, in document order, plus `title`/`description`/`_draft` only where they differ from what
 * the site would derive (first `<h1>` / file name, first paragraph) and path meta (`_path`, `_draft`, …)
 * only where it differs from what the file's path gives.
 */
export function frontmatterData(parsed: ParsedContent, id: string): Record<string, unknown> {
  const data: Record<string, unknown> = {}
  const heading = contentHeading(parsed.body)
  const { path } = splitContentId(id)
  const segments = path.split('/')
  const derivedTitle = heading.title || generateTitle(refineUrlPart(segments[segments.length - 1]))
  if (parsed.title !== undefined && parsed.title !== derivedTitle) data.title = parsed.title
  if (parsed.description !== undefined && parsed.description !== heading.description) data.description = parsed.description
  const derivedMeta = withPathMeta({}, id)
  for (const key of OVERRIDABLE_META) if (parsed[key] !== undefined && JSON.stringify(parsed[key]) !== JSON.stringify(derivedMeta[key])) data[key] = parsed[key]
  for (const [key, value] of Object.entries(parsed)) if (!GENERATED_KEYS.has(key)) data[key] = revive(value)
  return data
}

/** `---\nyaml\n---\n` for the data (dates at midnight UTC written as `2024-03-02`), or `''` when there is none. */
export function frontmatterYaml(data: Record<string, unknown>): string {
  if (!Object.keys(data).length) return ''
  const yaml = dump(data, { lineWidth: -1 }).replace(/^((?:\s*- |[^\n'"]*?: ))(\d{4}-\d{2}-\d{2})T00:00:00\.000Z$/gm, '$1$2')
  return `---\n${yaml.trimEnd()}\n---\n`
}
