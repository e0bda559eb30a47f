#!/usr/bin/env node
// The 2.13 reference parser: @nuxt/content 2.13.4's own transformers (markdown on @nuxtjs/mdc 0.9.5,
// then path-meta), run in plain Node outside Nuxt, fed the options a Nuxt Content 2.13 site with the
// given `content:` settings hands them. What the Nuxt module wiring would add at build time is added
// here: the prose tags, processed anchorLinks, the locales, remark-emoji (mdc's #mdc-imports, which
// fails to load outside Nuxt), and with `highlight` a rehype `highlight` plugin running mdc's
// rehypeHighlight on a shiki highlighter limited to the site's languages and themes (as mdc's
// #mdc-highlighter is), its results passed through JSON as the site's highlight API route does.
//
// Set up once:   npm ci --ignore-scripts           (scripts/locate-reference-213.mjs does it)
// Use:           node reference-parse-213.mjs [--content-dir DIR] [--options JSON | --options-file FILE] [--site-root DIR] [--out DIR] FILE.md...
//                  prints {"file", "parsed"} per line (or {"file", "error": {"message"}} where it throws);
//                  with --out writes OUTDIR/<path relative to DIR>.json holding {"parsed": ...}.
// Options are the site's `content:` object of nuxt.config (JSON), e.g. '{"highlight":{"theme":"github-dark"}}'.
// The content id is "content:" + the path relative to --content-dir with "/" → ":".
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs'
import { register } from 'node:module'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { defu } from 'defu'
import remarkEmoji from 'remark-emoji'
import { createShikiHighlighter, rehypeHighlight } from '@nuxtjs/mdc/runtime'
import { bundledLanguagesInfo } from 'shiki/langs'
import { createWasmOnigEngine } from 'shiki/engine/oniguruma'
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript'

const here = dirname(fileURLToPath(import.meta.url))
const { transformContent } = await import(pathToFileURL(join(here, 'node_modules/@nuxt/content/dist/runtime/transformers/index.js')).href)

/** Nuxt Content 2.13's prose components (module defaults), inline code mapped to ProseCodeInline. */
const PROSE = ['p', 'a', 'blockquote', 'code-inline', 'code', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'img', 'ul', 'ol', 'li', 'strong', 'table', 'thead', 'tbody', 'td', 'th', 'tr']
/** @nuxtjs/mdc 0.9.5's languages when `highlight.langs` is not set. */
const MDC_DEFAULT_LANGS = ['js', 'jsx', 'json', 'ts', 'tsx', 'vue', 'css', 'html', 'bash', 'md', 'mdc', 'yaml']

/**
 * Resolve hooks (this harness runs from a copy in node_modules/.cache, so they are inline): a bare
 * name the harness's own node_modules cannot resolve is resolved from the site root (`data.siteRoot`).
 */
const SITE_RESOLVE_HOOKS = 'data:text/javascript,' + encodeURIComponent(`
let parent
export function initialize(data) { parent = new URL('package.json', 'file://' + data.siteRoot.replace(/\\/?$/, '/')).href }
export async function resolve(specifier, context, next) {
  try { return await next(specifier, context) } catch (error) {
    if (!parent || /^(node:|data:|file:|\\.{0,2}\\/)/.test(specifier)) throw error
    return next(specifier, { ...context, parentURL: parent })
  }
}`)

/** The content module turns a plugin list (`['a', ['b', {…}]]`) into an object keyed by name. */
function pluginObject(plugins) {
  if (!Array.isArray(plugins)) return plugins ?? {}
  return Object.fromEntries(plugins.map((entry) => (Array.isArray(entry) ? [entry[0], entry[1] ?? {}] : [entry, {}])))
}

/**
 * A configured plugin reaches parseMarkdown twice — from the content runtime config (options: the
 * entry) and from mdc's #mdc-imports (options: `entry.options || entry`) — and mdc defu()s the two,
 * which concatenates arrays. Here it is given once, already merged that way.
 */
function asSiteMerges(plugins) {
  return Object.fromEntries(Object.entries(plugins).map(([name, entry]) => [name, entry ? defu(entry, entry.options || entry) : false]))
}

/** mdc's #mdc-highlighter: a shiki highlighter that can load only the configured languages (with their aliases) and themes. */
function siteHighlighter(highlight) {
  const bundledLangs = {}
  for (const lang of highlight.langs) {
    const info = bundledLanguagesInfo.find((i) => i.id === lang || i.aliases?.includes(lang))
    if (!info) throw new Error(`shiki has no language "${lang}" (the site build fails on it too)`)
    for (const name of [info.id, ...(info.aliases ?? [])]) bundledLangs[name] = () => import(`shiki/langs/${info.id}.mjs`)
  }
  const themeNames = [...new Set([...(typeof highlight.theme === 'string' ? [highlight.theme] : Object.values(highlight.theme)), ...(highlight.themes ?? [])])]
  const bundledThemes = Object.fromEntries(themeNames.map((t) => [t, () => import(`shiki/themes/${t}.mjs`).then((m) => m.default)]))
  const engine = highlight.shikiEngine === 'javascript' ? createJavaScriptRegexEngine({ forgiving: true }) : createWasmOnigEngine(() => import('shiki/wasm'))
  const shiki = createShikiHighlighter({ bundledLangs, bundledThemes, options: { theme: highlight.theme, wrapperStyle: highlight.wrapperStyle }, getMdcConfigs: () => [], engine })
  // the site calls it through its /api/_mdc/highlight route: arguments and result cross JSON
  return async (...args) => JSON.parse(JSON.stringify(await shiki(...JSON.parse(JSON.stringify(args)))))
}

/** mdc's resolveOptions() fills in the highlight defaults (on the object the content module also holds). */
function resolvedHighlight(setting) {
  if (!setting) return false
  const highlight = { ...setting }
  highlight.highlighter ||= 'shiki'
  highlight.theme ||= { default: 'github-light', dark: 'github-dark' }
  highlight.shikiEngine ||= 'oniguruma'
  highlight.langs = [...(highlight.langs || MDC_DEFAULT_LANGS), ...(highlight.preload || [])]
  return highlight
}

/** The options `transformContent` gets on a site whose nuxt.config has `content: site`. */
export function siteTransformOptions(site = {}) {
  const md = site.markdown ?? {}
  const anchorLinks = typeof md.anchorLinks === 'boolean' ? { depth: md.anchorLinks ? 6 : 0, exclude: [] } : { depth: 4, exclude: [1], ...md.anchorLinks }
  const userRemark = asSiteMerges(pluginObject(md.remarkPlugins))
  const userRehype = asSiteMerges(pluginObject(md.rehypePlugins))
  // module order: the content config's plugins, then what #mdc-imports adds (remark-emoji, highlight)
  // the mdc module's defaults ({ 'remark-emoji': {} }) come first in its #mdc-imports (defu keeps a
  // default's key first), the site's plugins after; parseMarkdown then puts mdc's own defaults first
  const remarkPlugins = { 'remark-emoji': { instance: remarkEmoji }, ...userRemark }
  if (userRemark['remark-emoji']) remarkPlugins['remark-emoji'] = { instance: remarkEmoji, ...userRemark['remark-emoji'] }
  if (md.mdc === false) remarkPlugins['remark-mdc'] = false
  const rehypePlugins = { ...userRehype }
  const highlight = resolvedHighlight(site.highlight)
  if (highlight) {
    const highlighter = siteHighlighter(highlight)
    rehypePlugins.highlight = { instance: (opts) => rehypeHighlight({ ...opts, highlighter }), options: {} }
  }
  const locales = [...new Set([site.defaultLocale, ...(site.locales ?? [])].filter(Boolean))]
  return {
    markdown: {
      toc: { depth: 2, searchDepth: 2 },
      ...md,
      tags: { ...Object.fromEntries(PROSE.map((t) => [t, `prose-${t}`])), code: 'ProseCodeInline', ...md.tags },
      anchorLinks,
      remarkPlugins,
      rehypePlugins,
      highlight,
    },
    pathMeta: { defaultLocale: site.defaultLocale || locales[0] || '', locales, respectPathCase: site.respectPathCase ?? false },
  }
}

/**
 * A parser for one site: `(id, text) => Promise<parsed document>`, line ends normalised as the
 * site's storage does. The options (and the highlighter) are made once, as a site's server does.
 */
export function referenceParser(site = {}) {
  const options = siteTransformOptions(site)
  return (id, text) => transformContent(id, text.replace(/\r\n|\r/g, '\n'), options)
}

async function main(args) {
  let contentDir = '.'
  let outDir = null
  let site = {}
  const files = []
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--content-dir') contentDir = args[++i]
    else if (args[i] === '--out') outDir = args[++i]
    else if (args[i] === '--options') site = JSON.parse(args[++i])
    else if (args[i] === '--options-file') site = JSON.parse(readFileSync(args[++i], 'utf8'))
    // a site's own plugins are imported by name by the markdown transformer: resolve them from its root, as its build does
    else if (args[i] === '--site-root') register(SITE_RESOLVE_HOOKS, { data: { siteRoot: resolve(args[++i]) } })
    else files.push(args[i])
  }
  const parse = referenceParser(site)
  console.warn = (...a) => process.stderr.write(a.join(' ') + '\n')
  console.log = console.warn // mdc's toc depth notice and similar must not mix with the JSON lines
  let failed = false
  for (const file of files) {
    const rel = relative(resolve(contentDir), resolve(file)).split(sep).join('/')
    const id = 'content:' + rel.replace(/\//g, ':')
    let parsed
    try {
      parsed = await parse(id, readFileSync(file, 'utf8'))
    } catch (e) {
      failed = true
      process.stdout.write(JSON.stringify({ file: rel, error: { message: String(e?.message ?? e).split('\n')[0] } }) + '\n')
      continue
    }
    if (outDir) {
      const target = join(outDir, rel + '.json')
      mkdirSync(dirname(target), { recursive: true })
      writeFileSync(target, JSON.stringify({ parsed }))
    } else {
      process.stdout.write(JSON.stringify({ file: rel, parsed }) + '\n')
    }
  }
  process.exitCode = failed ? 1 : 0
}

// real paths: the harness may be run through a symlinked node_modules (a git worktree's)
if (process.argv[1] && realpathSync(resolve(process.argv[1])) === fileURLToPath(import.meta.url)) await main(process.argv.slice(2))
