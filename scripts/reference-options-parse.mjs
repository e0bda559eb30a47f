#!/usr/bin/env node
// The reference parser WITH a site's `content:` options: Nuxt Content 2.7.2's own transformers
// (markdown, highlight, path-meta), given the options the way its module would pass them — the
// module's defaults merged with defu (defineNuxtModule), `processMarkdownOptions`, the locale rules
// of its setup, then `parseContent`'s {markdown, highlight, pathMeta}. Run with the installed
// reference's node_modules (its defu, its transformers); never imports the project's parser.
//
// Use:  node scripts/reference-options-parse.mjs --site tests/fixtures/sites-27/NAME
//         reads NAME/content-options.json, parses every NAME/content/**/*.md, rewrites NAME/expected/
//         (a plugin the reference cannot resolve itself is resolved from NAME, as the site's build does)
//       node scripts/reference-options-parse.mjs [--options FILE.json] [--reference DIR] --content-dir DIR [--out OUTDIR] FILE.md...
//         one JSON line per file ({"file", "parsed"} or {"file", "error"}), or OUTDIR/<rel>.json files
// --reference DIR: any folder whose node_modules holds an @nuxt/content 2.x (default: the located 2.7.2
// reference), so the same harness measures other versions.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { register } from 'node:module'
import { pathToFileURL } from 'node:url'
import { locateReference, ReferenceMissing } from './locate-reference.mjs'

const PROSE_TAGS = ['p', 'a', 'blockquote', 'code-inline', 'code', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'img', 'ul', 'ol', 'li', 'strong', 'table', 'thead', 'tbody', 'td', 'th', 'tr']

/** 2.7.2 module.mjs `resolveMarkdownPlugins`: an array of names / [name, options] becomes an object. */
function resolvePluginList(plugins) {
  if (Array.isArray(plugins)) {
    return plugins.reduce((all, plugin) => {
      const [name, options] = Array.isArray(plugin) ? plugin : [plugin, {}]
      all[name] = options
      return all
    }, {})
  }
  return plugins || {}
}

/**
 * The options object `transformContent` receives on a site whose nuxt.config has `content: site`,
 * built with the reference's own defu exactly as 2.7.2's module and storage do.
 */
export function siteTransformOptions(site, defu) {
  const moduleDefaults = {
    locales: [],
    defaultLocale: undefined,
    highlight: false,
    markdown: { tags: Object.fromEntries(PROSE_TAGS.map((t) => [t, `prose-${t}`])), anchorLinks: { depth: 4, exclude: [1] } },
    respectPathCase: false,
  }
  const options = defu(site, moduleDefaults) // defineNuxtModule: user options over the module defaults
  options.locales = Array.from(new Set([options.defaultLocale, ...options.locales].filter(Boolean)))
  const defaultLocale = options.defaultLocale || options.locales[0]
  const md = options.markdown
  const anchorLinks = typeof md.anchorLinks === 'boolean' ? { depth: md.anchorLinks ? 6 : 0, exclude: [] } : { depth: 4, exclude: [1], ...md.anchorLinks }
  const markdown = { ...md, anchorLinks, remarkPlugins: resolvePluginList(md.remarkPlugins), rehypePlugins: resolvePluginList(md.rehypePlugins) }
  return {
    markdown,
    highlight: options.highlight,
    // an unset default locale reaches the transformer as '' on a built site (the default goldens say so)
    pathMeta: { defaultLocale: defaultLocale ?? '', locales: options.locales, respectPathCase: options.respectPathCase ?? false },
  }
}

/** Loads `transformContent` and `defu` from a reference folder's node_modules. */
export async function loadReference(dir) {
  const transformers = await import(pathToFileURL(join(dir, 'node_modules/@nuxt/content/dist/runtime/transformers/index.mjs')).href)
  const defuModule = await import(pathToFileURL(join(dir, 'node_modules/defu/dist/defu.mjs')).href)
  return { transformContent: transformers.transformContent, defu: defuModule.defu }
}

function markdownFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name)
    return statSync(full).isDirectory() ? markdownFiles(full) : name.endsWith('.md') ? [full] : []
  })
}

/** Parses `files` (under `contentDir`) with the site options; returns [{file, parsed} | {file, error}]. */
export async function parseWithOptions({ referenceDir, site = {}, contentDir, files }) {
  const { transformContent, defu } = await loadReference(referenceDir)
  const results = []
  for (const file of files) {
    const rel = relative(resolve(contentDir), resolve(file)).split(sep).join('/')
    const id = 'content:' + rel.replace(/\//g, ':')
    const body = readFileSync(file, 'utf8').replace(/\r\n|\r/g, '\n')
    try {
      // fresh options per file: the transformers mutate nothing shared, but defu copies are cheap
      results.push({ file: rel, parsed: await transformContent(id, body, siteTransformOptions(structuredClone(site), defu)) })
    } catch (e) {
      results.push({ file: rel, error: { message: String(e?.message ?? e).split('\n')[0] } })
    }
  }
  return results
}

/** Regenerates `<siteDir>/expected/` from `<siteDir>/content-options.json`; returns the number written. */
export async function updateSiteGoldens(siteDir, { referenceDir = locateReference() } = {}) {
  const site = JSON.parse(readFileSync(join(siteDir, 'content-options.json'), 'utf8'))
  const contentDir = join(siteDir, 'content')
  const results = await parseWithOptions({ referenceDir, site, contentDir, files: markdownFiles(contentDir).sort() })
  const expectedDir = join(siteDir, 'expected')
  rmSync(expectedDir, { recursive: true, force: true })
  for (const r of results) writeJson(join(expectedDir, r.file + '.json'), r)
  return results.length
}

function writeJson(target, r) {
  mkdirSync(dirname(target), { recursive: true })
  writeFileSync(target, JSON.stringify(r.parsed !== undefined ? { parsed: r.parsed } : { error: r.error }))
}

async function main(args) {
  console.warn = (...a) => process.stderr.write(a.join(' ') + '\n') // unsafe-attribute notices
  console.log = console.warn // the toc's out-of-range depth notice must not mix with the JSON lines
  let siteDir, optionsFile, referenceDir, contentDir = '.', outDir
  const files = []
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--site') siteDir = args[++i]
    else if (args[i] === '--options') optionsFile = args[++i]
    else if (args[i] === '--reference') referenceDir = resolve(args[++i])
    else if (args[i] === '--content-dir') contentDir = args[++i]
    else if (args[i] === '--out') outDir = args[++i]
    else files.push(args[i])
  }
  referenceDir ??= locateReference()
  if (siteDir) {
    // the site's own plugins are imported by name by the markdown transformer: resolve them from the site
    register(new URL('./reference-site-resolve.mjs', import.meta.url), { data: { siteRoot: resolve(siteDir) } })
    const n = await updateSiteGoldens(resolve(siteDir), { referenceDir })
    process.stderr.write(`reference-options-parse: wrote ${n} goldens to ${join(siteDir, 'expected')} using ${referenceDir}\n`)
    return
  }
  const site = optionsFile ? JSON.parse(readFileSync(optionsFile, 'utf8')) : {}
  const expanded = files.flatMap((f) => (statSync(f).isDirectory() ? markdownFiles(f).sort() : [f]))
  for (const r of await parseWithOptions({ referenceDir, site, contentDir, files: expanded })) {
    if (outDir) writeJson(join(outDir, r.file + '.json'), r)
    else process.stdout.write(JSON.stringify(r) + '\n')
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((error) => {
    if (error instanceof ReferenceMissing) {
      console.error(`reference-options-parse needs the reference parser: ${error.message}`)
      process.exitCode = 2
    } else {
      console.error(error)
      process.exitCode = 1
    }
  })
}
