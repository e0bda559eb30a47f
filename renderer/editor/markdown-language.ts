import type { Extension } from '@codemirror/state'
import { markdown, markdownLanguage as gfmMarkdown } from '@codemirror/lang-markdown'
import { yaml, yamlFrontmatter } from '@codemirror/lang-yaml'
import { LanguageDescription } from '@codemirror/language'
import { languages } from '@codemirror/language-data'
import { mdcGrammar } from './mdc-grammar'
import { longParagraphAsText } from './long-paragraph-text'

/** Fence languages: YAML at once (frontmatter uses it), every other language of CodeMirror's language data loaded on first use. */
const codeLanguages = [
  LanguageDescription.of({ name: 'YAML', alias: ['yml', 'yaml'], support: yaml() }),
  ...languages.filter((lang) => lang.name !== 'YAML'),
]

/**
 * The editor's language: GFM markdown plus MDC syntax (block/inline components, slots, attribute
 * lists), with the leading `---` frontmatter parsed and highlighted as YAML, and code fences
 * highlighted by their language (```ts, ```python, … — loaded when a fence first uses it); a
 * paragraph of 20,000 characters or more is plain text ({@link longParagraphAsText}).
 */
export function markdownWithMdc(): Extension {
  const md = markdown({ base: gfmMarkdown, extensions: [longParagraphAsText, mdcGrammar], codeLanguages, addKeymap: true, completeHTMLTags: false })
  return yamlFrontmatter({ content: md })
}
