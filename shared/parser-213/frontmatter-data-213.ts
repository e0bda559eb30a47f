import { parseDocument } from 'yaml'
import { frontmatterBlock213, frontmatterError213 } from './frontmatter-error-213'

/**
 * The frontmatter data a 2.13 site reads from a post (text with `\n` line ends) — the `yaml`
 * document of {@link frontmatterBlock213} as JSON — and the body after it. Null when the YAML is
 * invalid or not key/value pairs (only the full parse knows what the site recovers then).
 */
export function frontmatterData213(text: string): { data: Record<string, unknown>; body: string } | null {
  if (frontmatterError213(text)) return null
  const block = frontmatterBlock213(text)
  if (!block) return { data: {}, body: text }
  const data: unknown = parseDocument(block.yaml).toJSON()
  const body = text.slice(block.offset + block.yaml.length + 4)
  return { data: data && typeof data === 'object' ? (data as Record<string, unknown>) : {}, body }
}
