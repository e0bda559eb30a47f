import { parseDocument } from 'yaml'
import { lineColumnAt } from '../parser/source-position'
import { yamlAliasBomb } from '../parser/yaml-alias-guard'
import type { PostParseError213 } from './parse-types-213'

/**
 * The frontmatter block the way remark-mdc 3 finds it (text with `\n` line ends): a leading `---`,
 * up to the first `\n---`, never empty. Null when the post has none.
 */
export function frontmatterBlock213(text: string): { yaml: string; offset: number } | null {
  if (!text.startsWith('---')) return null
  const end = text.indexOf('\n---')
  if (end === -1 || end <= 4) return null
  return { yaml: text.slice(4, end), offset: 4 }
}

/**
 * Why a post's frontmatter is not valid YAML key/value pairs, positioned in the file — or undefined.
 * A 2.13 site does not fail on it: its YAML reader (`yaml`) recovers and the post is stored with what
 * it recovered (a plain string is even spread into one key per character), so this is what to warn
 * about, not a reason the site would reject the post.
 */
export function frontmatterError213(text: string): PostParseError213 | undefined {
  const block = frontmatterBlock213(text)
  if (!block) return undefined
  const bomb = yamlAliasBomb(block.yaml, (offset) => { const at = lineColumnAt(text, block.offset + offset); return `line ${at.line}, column ${at.column}` })
  if (bomb) return { kind: 'frontmatter', message: bomb.message, ...lineColumnAt(text, block.offset + bomb.offset) }
  const document = parseDocument(block.yaml)
  const [first] = document.errors
  if (first) {
    const where = lineColumnAt(text, block.offset + (first.pos?.[0] ?? 0))
    const reason = first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')
    return { kind: 'frontmatter', message: `Invalid YAML frontmatter: ${reason} (line ${where.line}, column ${where.column})`, ...where }
  }
  const value: unknown = document.toJS()
  if (value !== null && value !== undefined && (typeof value !== 'object' || Array.isArray(value))) {
    const where = lineColumnAt(text, block.offset)
    const got = Array.isArray(value) ? 'a list' : `a plain ${typeof value}`
    return { kind: 'frontmatter', message: `Invalid frontmatter: expected YAML key/value pairs, got ${got} (line ${where.line}, column ${where.column})`, ...where }
  }
  return undefined
}
