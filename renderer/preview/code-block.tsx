import { createElement, type ReactNode } from 'react'

/** Props of a fenced code block as the parser describes it (`code`, `language`, `filename`, `highlights`). */
export interface CodeBlockProps {
  code: string
  language: string
  filename: string
  highlights: number[]
  /** Extra attributes for the outer element (scroll-sync data attributes). */
  extra?: Record<string, unknown>
}

/** A fenced code block: optional filename label, language badge, highlighted lines (`{2,3}` in the fence meta). */
export function CodeBlock({ code, language, filename, highlights, extra }: CodeBlockProps): ReactNode {
  const lines = code.replace(/\n$/, '').split('\n')
  const marked = new Set(highlights)
  return createElement('div', { className: 'code-block', 'data-language': language || undefined, ...extra },
    filename || language
      ? createElement('div', { className: 'code-block__header' },
        filename ? createElement('span', { className: 'code-block__filename' }, filename) : null,
        language ? createElement('span', { className: 'code-block__language' }, language) : null)
      : null,
    createElement('pre', { className: language ? `language-${language}` : undefined },
      createElement('code', null, ...lines.map((line, i) =>
        createElement('span', { key: i, className: marked.has(i + 1) ? 'line line--highlight' : 'line' }, line || ' ')))))
}
