import { createShikiHighlighter } from '@nuxtjs/mdc/runtime'
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript'
import { createWasmOnigEngine } from 'shiki/engine/oniguruma'
import { bundledLanguagesInfo } from 'shiki/langs'
import { bundledThemes } from 'shiki/themes'
import type { HighlightSetting } from '../parser/content-options'
import type { ShikiEngine213 } from './parse-types-213'

/** @nuxtjs/mdc 0.9.5's languages when a site sets no `highlight.langs`. */
export const MDC_DEFAULT_LANGS: readonly string[] = ['js', 'jsx', 'json', 'ts', 'tsx', 'vue', 'css', 'html', 'bash', 'md', 'mdc', 'yaml']

/** A site's `highlight` with @nuxtjs/mdc's defaults filled in (theme github-light/github-dark, default languages, `preload` added). */
export interface ResolvedHighlight213 {
  theme: string | Record<string, string>
  langs: string[]
}

/** `content.highlight` → the settings mdc resolves it to, or false when highlighting is off. */
export function resolveHighlight213(setting: HighlightSetting | undefined): ResolvedHighlight213 | false {
  if (!setting) return false
  return {
    theme: setting.theme || { default: 'github-light', dark: 'github-dark' },
    langs: [...(setting.langs || MDC_DEFAULT_LANGS), ...(setting.preload || [])],
  }
}

/** mdc's highlighter signature: `(code, lang, theme, { highlights, meta })` → the hast of the highlighted code. */
export type Highlighter213 = (...args: [string, string | undefined, unknown, Record<string, unknown>]) => Promise<{ tree: unknown[]; className?: string; style?: string; inlineStyle?: string }>

const cache = new Map<string, Highlighter213>()

/**
 * Shiki stops tokenizing a line after 500 ms by default and leaves the rest unhighlighted, so on a
 * busy machine (or in a slow regex engine) the same post would highlight differently from run to
 * run, and from the site's build. This mdc config's transformer turns that limit off before each
 * code block is tokenized; the parse's own time limit (the worker that runs it) bounds the time.
 */
const NO_TOKENIZE_TIME_LIMIT = {
  shiki: {
    transformers: [{
      name: 'inkpost:no-tokenize-time-limit',
      preprocess(_code: string, options: { tokenizeTimeLimit?: number }) {
        options.tokenizeTimeLimit = 0
      },
    }],
  },
}

/**
 * The highlighter a site's build uses (mdc's `#mdc-highlighter`): mdc's shiki highlighter that can
 * load only the configured languages — each with its aliases, so `typescript` works when `ts` is
 * configured, and any other language is plain text — and the configured themes. One per settings
 * and engine, kept for the process. Its results pass through JSON as the site's highlight route does.
 */
export function siteHighlighter213(highlight: ResolvedHighlight213, engine: ShikiEngine213 = 'oniguruma'): Highlighter213 {
  const key = JSON.stringify([highlight.theme, highlight.langs, engine])
  const known = cache.get(key)
  if (known) return known
  const bundledLangs: Record<string, () => Promise<unknown>> = {}
  for (const lang of highlight.langs) {
    const info = bundledLanguagesInfo.find(i => i.id === lang || i.aliases?.includes(lang))
    if (!info) throw new Error(`Unknown highlight language "${lang}" in the site's content.highlight.langs (the site build fails on it too)`)
    for (const name of [info.id, ...(info.aliases ?? [])]) bundledLangs[name] = info.import
  }
  const themeNames = [...new Set(typeof highlight.theme === 'string' ? [highlight.theme] : Object.values(highlight.theme))]
  const themes: Record<string, () => Promise<unknown>> = {}
  for (const name of themeNames) {
    const load = (bundledThemes as Record<string, (() => Promise<{ default: unknown }>) | undefined>)[name]
    if (load) themes[name] = () => load().then(m => m.default)
  }
  const regexEngine = engine === 'javascript' ? createJavaScriptRegexEngine({ forgiving: true }) : createWasmOnigEngine(() => import('shiki/wasm'))
  const shiki = createShikiHighlighter({
    bundledLangs: bundledLangs as never,
    bundledThemes: themes as never,
    options: {},
    getMdcConfigs: () => Promise.resolve([NO_TOKENIZE_TIME_LIMIT]),
    engine: regexEngine,
  }) as unknown as Highlighter213
  const viaJson: Highlighter213 = async (...args) => JSON.parse(JSON.stringify(await shiki(...(JSON.parse(JSON.stringify(args)) as Parameters<Highlighter213>))))
  cache.set(key, viaJson)
  return viaJson
}
