import { parseDocument, visit } from 'yaml'

/**
 * Most alias expansion a post's frontmatter may ask for — the `yaml` package's own default, which a
 * Nuxt Content 2.13 site also enforces. Real frontmatter uses a handful of aliases, if any.
 */
export const MAX_YAML_ALIAS_COUNT = 100

/** An alias-bomb finding: where the first alias is (offset into the YAML text) and the message to show. */
export interface YamlAliasBomb {
  offset: number
  message: string
}

/**
 * Detects frontmatter whose aliases would expand past {@link MAX_YAML_ALIAS_COUNT} values (a
 * "billion laughs" bomb: 300 bytes that expand to 10⁶ values, which freezes js-yaml users such as
 * remark-mdc for seconds and eats hundreds of MB). A pre-pass before the real YAML reader: it is
 * skipped when the text has no `*name` at all, and otherwise uses `yaml`'s bounded alias counting,
 * so it fails fast instead of expanding. `positionOf` turns an offset into `line L, column C` for
 * the message. Null when the frontmatter is fine (the real reader then runs unchanged).
 */
export function yamlAliasBomb(yamlText: string, positionOf: (offset: number) => string): YamlAliasBomb | null {
  if (!/\*[^\s,[\]{}]/.test(yamlText)) return null
  let first = -1
  let aliases = 0
  let document: ReturnType<typeof parseDocument>
  try {
    document = parseDocument(yamlText, { uniqueKeys: false })
    visit(document, {
      Alias(_key, node) {
        aliases++
        if (first === -1) first = node.range?.[0] ?? 0
      },
    })
  } catch {
    return null
  }
  if (first === -1) return null
  try {
    document.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT })
    return null
  } catch (error) {
    if (!(error instanceof Error) || !/excessive alias count/i.test(error.message)) return null
  }
  return {
    offset: first,
    message: `The frontmatter uses too many YAML aliases (${aliases} aliases that would expand past ${MAX_YAML_ALIAS_COUNT} values; the first is at ${positionOf(first)}). Write the values out instead of repeating *aliases.`,
  }
}
