import { createElement, type CSSProperties, type ReactNode } from 'react'
import type { HighlightToken } from '../../shared/render/highlight-tokens'

/** Props of a fenced code block as the parser describes it (`code`, `language`, `filename`, `highlights`). */
export interface CodeBlockProps {
  code: string
  language: string
  filename: string
  highlights: number[]
  /** Extra attributes for the outer element (scroll-sync data attributes). */
  extra?: Record<string, unknown>
  /** The site's highlighting of the block (token colours, light and dark), or null for plain code. */
  tokens?: HighlightToken[][] | null
}

function tokenSpan(token: HighlightToken, index: number): ReactNode {
  if (!token.light && !token.dark) return token.text
  const style = { '--hl-light': token.light, '--hl-dark': token.dark ?? token.light } as CSSProperties
  return createElement('span', { key: index, className: 'hl', style }, token.text)
}

/**
 * A fenced code block: optional filename label, language badge, marked lines (`{2,3}` in the fence
 * meta), and — when the site highlights code — the site's token colours, following the app's
 * light or dark theme.
 */
export function CodeBlock({ code, language, filename, highlights, extra, tokens }: CodeBlockProps): ReactNode {
  const lines = code.replace(/\n$/, '').split('\n')
  const marked = new Set(highlights)
  const colored = tokens && tokens.length > 0
  return createElement('div', { className: colored ? 'code-block code-block--colored' : 'code-block', 'data-language': language || undefined, 'data-highlighted': colored ? 'true' : undefined, ...extra },
    filename || language
      ? createElement('div', { className: 'code-block__header' },
        filename ? createElement('span', { className: 'code-block__filename' }, filename) : null,
        language ? createElement('span', { className: 'code-block__language' }, language) : null)
      : null,
    createElement('pre', { className: language ? `language-${language}` : undefined },
      createElement('code', null, ...(colored ? tokens : lines).map((line, i) =>
        createElement('span', { key: i, className: marked.has(i + 1) ? 'line line--highlight' : 'line' },
          ...(typeof line === 'string' ? [line || ' '] : line.length ? line.map(tokenSpan) : [' ']))))))
}
