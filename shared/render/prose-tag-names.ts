import { kebabCase, pascalCase } from 'scule'
import type { ContentFamily } from '../parser/content-options'

/** The tags Nuxt Content 2's module maps to prose components by default (`markdown.tags`, both families). */
const CONTENT_PROSE_TAGS = ['p', 'a', 'blockquote', 'code-inline', 'code', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'img', 'ul', 'ol', 'li', 'strong', 'table', 'thead', 'tbody', 'td', 'th', 'tr']
/** The tags @nuxtjs/mdc's renderer maps to prose components itself (under the site's map) on a 2.13 site. */
const MDC_PROSE_TAGS = ['p', 'a', 'blockquote', 'code', 'pre', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'img', 'ul', 'ol', 'li', 'strong', 'table', 'thead', 'tbody', 'td', 'th', 'tr', 'script']

function prose(tags: string[]): Record<string, string> {
  return Object.fromEntries(tags.map((tag) => [tag, `prose-${tag}`]))
}

/**
 * The component each tag renders as on a site of `family` with default options: 2.7 `prose-<tag>`
 * for the module's prose tags; 2.13 the same over mdc's own prose map, with `code` (inline code
 * there) as `ProseCodeInline`.
 */
export function defaultProseTags(family: ContentFamily): Record<string, string> {
  if (family === '2.13') return { ...prose(MDC_PROSE_TAGS), ...prose(CONTENT_PROSE_TAGS), code: 'ProseCodeInline' }
  return prose(CONTENT_PROSE_TAGS)
}

/** The site's tag → component map: its `markdown.tags` over the family's defaults (a site's entry wins, as the module's defu merge gives). */
export function resolveProseTags(family: ContentFamily, siteTags: Record<string, string> | undefined): Record<string, string> {
  return { ...defaultProseTags(family), ...(siteTags ?? {}) }
}

/**
 * The component an element renders as with the tag map `tags`: the mapped name (2.13 also looks the
 * tag up in PascalCase and kebab-case, as mdc's renderer does), else the tag itself; an element
 * with an `__ignoreMap` prop (highlighted code) is never mapped.
 */
export function proseTagName(tag: string, tags: Readonly<Record<string, string>>, options: { family?: ContentFamily; props?: Record<string, unknown> } = {}): string {
  if (options.props && options.props.__ignoreMap !== undefined) return tag
  const own = (name: string): string | undefined => (Object.prototype.hasOwnProperty.call(tags, name) ? tags[name] : undefined)
  if (options.family === '2.13') return own(tag) || own(pascalCase(tag)) || own(kebabCase(tag)) || tag
  return own(tag) || tag
}

/**
 * The component a site renders an element as when that differs from what the family renders it as
 * by default (a `markdown.tags` entry such as `{ p: 'MyParagraph' }`), else null — the preview shows
 * such an element as a component it cannot run.
 */
export function customProseComponent(tag: string, siteTags: Readonly<Record<string, string>> | undefined, options: { family?: ContentFamily; props?: Record<string, unknown> } = {}): string | null {
  if (!siteTags) return null
  const family = options.family ?? '2.7'
  const mapped = proseTagName(tag, siteTags, { ...options, family })
  const standard = proseTagName(tag, defaultProseTags(family), { ...options, family })
  return mapped !== standard ? mapped : null
}
