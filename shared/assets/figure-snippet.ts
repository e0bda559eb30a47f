import { baseNameOf } from './image-file-name'

/** The text of a figure and the part of it the editor selects (the caption, so typing replaces it). */
export interface FigureSnippet {
  snippet: string
  select: { from: number; to: number }
}

/** Title and caption derived from a dropped file's name: `GQA-vs_MHA.png` → title `GQA-vs_MHA`, caption `GQA vs MHA`. */
export function figureTextFromName(fileName: string): { title: string; caption: string } {
  const base = baseNameOf(fileName).normalize('NFC').trim() || 'image'
  // eslint-disable-next-line no-control-regex
  const title = base.replace(/[\u0000-\u001f\u007f]/g, '').replace(/\s+/g, ' ')
  const caption = title.replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim() || title
  return { title, caption }
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/**
 * Fills the site's figure template: `{src}` and `{alt}` are HTML-attribute escaped, `{caption}` is
 * escaped as element text. The selection covers the first `{caption}` (else `{alt}`, else nothing).
 */
export function figureSnippet(template: string, values: { src: string; alt: string; caption: string }): FigureSnippet {
  const replacements: Record<string, string> = { src: escapeAttribute(values.src), alt: escapeAttribute(values.alt), caption: escapeText(values.caption) }
  let snippet = ''
  let select: { from: number; to: number } | null = null
  let altRange: { from: number; to: number } | null = null
  let last = 0
  for (const match of template.matchAll(/\{(src|alt|caption)\}/g)) {
    snippet += template.slice(last, match.index)
    const value = replacements[match[1]]
    const range = { from: snippet.length, to: snippet.length + value.length }
    if (match[1] === 'caption' && !select) select = range
    if (match[1] === 'alt' && !altRange) altRange = range
    snippet += value
    last = (match.index ?? 0) + match[0].length
  }
  snippet += template.slice(last)
  return { snippet, select: select ?? altRange ?? { from: snippet.length, to: snippet.length } }
}

/** A markdown image `![alt](src)` with the alt text selected; `[`, `]` and `\` in the alt are escaped, spaces in the URL encoded. */
export function markdownImageSnippet(values: { src: string; alt: string }): FigureSnippet {
  const alt = values.alt.replace(/[\\[\]]/g, (c) => `\\${c}`)
  const src = values.src.replace(/ /g, '%20').replace(/\(/g, '%28').replace(/\)/g, '%29')
  return { snippet: `![${alt}](${src})`, select: { from: 2, to: 2 + alt.length } }
}
