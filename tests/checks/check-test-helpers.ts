// Helpers for the pre-publish check tests: a small site index, a post with a standard frontmatter,
// and shortcuts that run every rule and keep one rule's findings.
import type { Finding, SiteIndex, TextEdit } from '../../shared/checks/finding'
import { checkPostText } from '../../shared/checks/run-checks'

/** A site index with the given posts (paths as Nuxt gives them) and public files. */
export function siteWith(options: Partial<SiteIndex> = {}): SiteIndex {
  return { posts: [], publicFiles: [], allowUnsafeHtml: false, ...options }
}

/** A complete frontmatter (title, description, date): 5 lines, then a blank line, so the body starts on line 7. */
export const FRONT = "---\ntitle: 'A post'\ndescription: 'What it is about.'\ndate: '2024-01-16'\n---\n\n"

/** Every finding for `text` as the post `file` (default `blog/a.md`). */
export function check(text: string, options: { file?: string; site?: SiteIndex } = {}): Finding[] {
  return checkPostText(options.file ?? 'blog/a.md', text, options.site ?? siteWith())
}

/** The findings of one rule only. */
export function findingsOf(rule: string, text: string, options: { file?: string; site?: SiteIndex } = {}): Finding[] {
  return check(text, options).filter((finding) => finding.rule === rule)
}

/** Applies a quick fix's edits to the text (edits sorted from the end so offsets stay valid). */
export function applyEdits(text: string, edits: TextEdit[] = []): string {
  return [...edits].sort((a, b) => b.from - a.from).reduce((out, edit) => out.slice(0, edit.from) + edit.insert + out.slice(edit.to), text)
}
