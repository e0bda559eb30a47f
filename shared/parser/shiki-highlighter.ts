import type { Highlighter, ILanguageRegistration, IThemeRegistration } from 'shiki-es'
import type { MinimarkElement, MinimarkNode } from './parse-types'

type ShikiModule = typeof import('shiki-es')

/** `content.highlight` as the highlight step reads it. */
export interface HighlightOptions {
  theme?: string | Record<string, string>
  preload?: string[]
}

/** One token's style per theme variant (`default`, `dark`, …). */
type TokenStyle = Record<string, { color?: string; fontStyle?: number }>
interface Token {
  content: string
  style?: TokenStyle
}
/** Styles seen in one document, by style key: the class each gets. */
export type StyleMap = Record<string, { style: TokenStyle; className: string }>

/** The highlighter Nuxt Content 2.7.2 builds for a site (`useShikiHighlighter`), same steps and awaits. */
export interface ShikiHighlighter {
  getHighlightedAST(code: string, lang: string | undefined, theme: HighlightOptions['theme'], opts: { styleMap: StyleMap; highlights?: number[] }): Promise<MinimarkElement[]>
  generateStyles(styleMap: StyleMap): string
}

/** 2.7.2's class-name hash of a style key (the last 6 characters of a 31-multiplier string hash). */
function styleHash(text: string): string {
  return Array.from(text).reduce((s, c) => (Math.imul(31, s) + c.charCodeAt(0)) | 0, 0).toString().slice(-6)
}

/** Aligns two token lines of the same text, splitting tokens so both have the same boundaries, and joins their styles. */
function mergeLines(line1: { tokens: Token[] }, line2: { tokens: Token[] }): Token[] {
  const merged: Token[] = []
  const right = line1.tokens.slice()
  const left = line2.tokens.slice()
  let index = 0
  while (index < right.length) {
    const r = right[index]
    const l = left[index]
    if (r.content === l.content) {
      merged.push({ content: r.content, style: { ...r.style, ...l.style } })
      index += 1
    } else if (r.content.startsWith(l.content)) {
      right.splice(index + 1, 0, { ...r, content: r.content.slice(l.content.length) })
      r.content = l.content
    } else if (l.content.startsWith(r.content)) {
      left.splice(index + 1, 0, { ...l, content: l.content.slice(r.content.length) })
      l.content = r.content
    } else {
      throw new Error('Unexpected token')
    }
  }
  return merged
}

function createHighlighter(shiki: ShikiModule, mdcGrammar: unknown, options: HighlightOptions): ShikiHighlighter {
  const { BUNDLED_LANGUAGES, BUNDLED_THEMES, FontStyle, getHighlighter } = shiki
  const { theme, preload } = options
  const resolveLang = (lang: string) => BUNDLED_LANGUAGES.find(l => l.id === lang || l.aliases?.includes(lang))
  const resolveTheme = (value: HighlightOptions['theme']): Record<string, string | undefined> | undefined => {
    if (!value) return undefined
    const variants = typeof value === 'string' ? { default: value } : value
    return Object.fromEntries(Object.entries(variants).map(([key, name]) => [key, BUNDLED_THEMES.find(t => t === name)]))
  }
  let promise: Promise<Highlighter> | undefined
  const getShikiHighlighter = (): Promise<Highlighter> => {
    promise ??= getHighlighter({
      theme: (typeof theme === 'object' ? theme.default : undefined) || (theme as string) || 'dark-plus',
      langs: [
        ...(preload || []),
        'diff', 'json', 'js', 'ts', 'css', 'shell', 'html', 'md', 'yaml', 'vue',
        { id: 'md', scopeName: (mdcGrammar as { scopeName?: string }).scopeName ?? 'text.markdown.mdc', path: 'mdc.tmLanguage.json', aliases: ['markdown', 'md', 'mdc'], grammar: mdcGrammar },
      ] as ILanguageRegistration[],
    }).then(highlighter => {
      const themes = Object.values(typeof theme === 'string' ? { default: theme } : theme || {})
      if (themes.length) return Promise.all(themes.map(t => highlighter.loadTheme(t as IThemeRegistration))).then(() => highlighter)
      return highlighter
    })
    return promise
  }
  const splitCodeToLines = (code: string): Token[][] => code.split(/\r\n|\r|\n/).map(line => [{ content: line }])

  const getHighlightedTokens = async (code: string, lang: string | undefined, themeOption: HighlightOptions['theme']): Promise<Token[][]> => {
    const highlighter = await getShikiHighlighter()
    code = code.replace(/\n+$/, '')
    lang = resolveLang(lang || '')?.id || lang
    const themes: Record<string, unknown> = resolveTheme(themeOption || '') || { default: highlighter.getTheme() }
    if (!lang) return splitCodeToLines(code)
    if (!highlighter.getLoadedLanguages().includes(lang as never)) {
      const registration = resolveLang(lang)
      if (registration) {
        await highlighter.loadLanguage(registration)
      } else {
        return splitCodeToLines(code) // the site logs "Language '…' is not supported by shiki" here
      }
    }
    const newThemes = Object.values(themes).filter(t => !highlighter.getLoadedThemes().includes(t as never))
    if (newThemes.length) await Promise.all(newThemes.map(t => highlighter.loadTheme(t as IThemeRegistration)))
    const colored = Object.entries(themes).map(([key, name]) => ({
      key,
      tokens: highlighter
        .codeToThemedTokens(code, lang, name as string, { includeExplanation: false })
        .map(line => line.map((token): Token => ({ content: token.content, style: { [key]: { color: token.color, fontStyle: token.fontStyle } } }))),
    }))
    const lines: Token[][] = []
    for (const line in colored[0].tokens) {
      lines[line as unknown as number] = colored.reduce(
        (acc, variant) => mergeLines({ tokens: acc }, { tokens: variant.tokens[line as unknown as number] }),
        colored[0].tokens[line as unknown as number],
      )
    }
    return lines
  }

  const getHighlightedAST: ShikiHighlighter['getHighlightedAST'] = async (code, lang, themeOption, opts) => {
    const lines = await getHighlightedTokens(code, lang, themeOption)
    const { highlights = [], styleMap } = opts
    const spanProps = (token: Token): Record<string, unknown> => {
      if (!token.style) return {}
      const key = Object.values(token.style).map(themeStyle => Object.values(themeStyle).join('')).join('')
      styleMap[key] ??= { style: token.style, className: 'ct-' + styleHash(key) }
      return { class: styleMap[key].className }
    }
    return lines.map((line, lineIndex): MinimarkElement => {
      if (lineIndex !== lines.length - 1) {
        if (line.length === 0) line.push({ content: '' })
        line[line.length - 1].content += '\n'
      }
      return {
        type: 'element',
        tag: 'span',
        props: { class: ['line', highlights.includes(lineIndex + 1) ? 'highlight' : ''].join(' ').trim(), line: lineIndex + 1 },
        children: line.map((token): MinimarkNode => ({ type: 'element', tag: 'span', props: spanProps(token), children: [{ type: 'text', value: token.content }] })),
      }
    })
  }

  const isStyle = (style: { fontStyle?: number } | undefined, flag: number) => Boolean(style && style.fontStyle === flag)
  const generateStyles = (styleMap: StyleMap): string => {
    const styles: string[] = []
    for (const { style, className } of Object.values(styleMap)) {
      const base = style.default
      const hasColor = !!base?.color
      const hasBold = isStyle(base, FontStyle.Bold)
      const hasItalic = isStyle(base, FontStyle.Italic)
      const hasUnderline = isStyle(base, FontStyle.Underline)
      const variants = Object.entries(style).map(([variant, s]) => ({
        variant,
        styleText: [
          ['color', s.color || (hasColor ? 'unset' : '')],
          ['font-weight', isStyle(s, FontStyle.Bold) ? 'bold' : hasBold ? 'unset' : ''],
          ['font-style', isStyle(s, FontStyle.Italic) ? 'italic' : hasItalic ? 'unset' : ''],
          ['text-decoration', isStyle(s, FontStyle.Underline) ? 'bold' : hasUnderline ? 'unset' : ''], // "bold": as on the site
        ]
          .filter(kv => kv[1])
          .map(kv => kv.join(':') + ';')
          .join(''),
      }))
      const defaultText = variants.find(v => v.variant === 'default')?.styleText
      for (const v of variants) {
        if (v.variant === 'default') styles.push(`.${className}{${v.styleText}}`)
        else if (v.styleText !== defaultText) styles.push(`.${v.variant} .${className}{${v.styleText}}`)
      }
    }
    return styles.join('\n')
  }
  return { getHighlightedAST, generateStyles }
}

const highlighters = new Map<string, Promise<ShikiHighlighter>>()

/**
 * The highlighter for a site's `highlight` options, built once per distinct options and kept (like
 * the site's one per server): shiki-es 0.14 with the site's theme(s), the preloaded languages,
 * Nuxt Content's default languages and its MDC grammar for `md`/`markdown`/`mdc`.
 */
export function shikiHighlighterFor(options: HighlightOptions): Promise<ShikiHighlighter> {
  const key = JSON.stringify([options.theme, options.preload])
  let highlighter = highlighters.get(key)
  if (!highlighter) {
    // the MDC grammar from shiki's maintained language package (Nuxt Content 2.7.2 shipped an older copy of it)
    highlighter = Promise.all([import('shiki-es'), import('@shikijs/langs/mdc')]).then(([shiki, langs]) => {
      const grammar = (langs.default as Array<{ name: string }>).find((lang) => lang.name === 'mdc')
      return createHighlighter(shiki, grammar, options)
    })
    highlighters.set(key, highlighter)
  }
  return highlighter
}
