import type { Extension } from '@codemirror/state'
import { markdown, markdownLanguage as gfmMarkdown } from '@codemirror/lang-markdown'
import { yaml, yamlFrontmatter } from '@codemirror/lang-yaml'
import { LanguageDescription } from '@codemirror/language'
import { mdcGrammar } from './mdc-grammar'

const codeLanguages = [
  LanguageDescription.of({ name: 'YAML', alias: ['yml', 'yaml'], support: yaml() }),
]

/**
 * The editor's language: GFM markdown plus MDC syntax (block/inline components, slots, attribute
 * lists), with the leading `---` frontmatter parsed and highlighted as YAML, and YAML fences too.
 */
export function markdownWithMdc(): Extension {
  const md = markdown({ base: gfmMarkdown, extensions: [mdcGrammar], codeLanguages, addKeymap: true, completeHTMLTags: false })
  return yamlFrontmatter({ content: md })
}
