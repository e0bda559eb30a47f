#!/usr/bin/env node
// Measures which published @nuxt/content 2.x versions each parser family's goldens reproduce
// byte for byte. Research tool: not run by the tests, writes nothing in the repository.
//
// Use:  node scripts/measure-content-versions.mjs [--versions 2.7.2,2.13.4] [--cache DIR] [--no-sites]
//                                                 [--json FILE] [--details]
//   --cache DIR   where each version is installed, one folder per version (default
//                 $INKPOST_VERSIONS_DIR or $TMPDIR/inkpost-versions); never inside the repo.
//   --no-sites    only the default-options posts (skip tests/fixtures/sites-27 and sites-213).
//   --json FILE   also write every per-post result (identical or the first difference) as JSON.
//   --details     print the first difference of every mismatching post, not just two per set.
// Needs the npm registry on first use of a version: `npm install @nuxt/content@<v> --ignore-scripts
// --no-audit --no-fund --legacy-peer-deps` in <cache>/<v>/, one version at a time, with whatever
// dependency versions npm resolves today (recorded: @nuxtjs/mdc, remark-emoji).
//
// How each version is run — the way the matching reference harness runs 2.7.2 or 2.13.4:
// - before @nuxtjs/mdc (2.0–2.7): the 2.7 harness ../shared/reference/reference-parse.mjs copied
//   unchanged into the version's folder (it loads <folder>/node_modules/@nuxt/content/dist/runtime/
//   transformers/index.mjs, i.e. that version's markdown transformer + path-meta, highlight off,
//   prose tags, anchorLinks {depth 4, exclude [1]}, pathMeta {defaultLocale '', locales [],
//   respectPathCase false}); site folders through scripts/reference-options-parse.mjs --reference.
//   2.0.x has no transformContent (its transformers read useRuntimeConfig() from Nuxt's `#imports`):
//   here `#imports` is resolved by a loader hook to a stub whose runtime config carries the same
//   options (plugins as the arrays its processMarkdownOptions makes), and its server/transformers/
//   markdown.mjs parse + path-meta.mjs transform are called in that order (shiki is off).
// - on @nuxtjs/mdc (2.8+): the 2.13 harness scripts/reference-213/reference-parse-213.mjs copied
//   into the version's folder, so its bare imports (defu, remark-emoji, @nuxtjs/mdc/runtime, shiki)
//   resolve to what that install holds. Two mechanical changes, both checked: the transformers
//   entry is index.js or index.mjs (whichever the version ships), and the shiki imports are loaded
//   only when a site turns `highlight` on (older installs lack shiki 1.x's entry points).
// Post sets (each compared with the family goldens that exist for it, JSON.stringify byte for byte,
// content id `content:` + path with `/` → `:`, line ends normalised as the harnesses do):
//   sample + corpus (27 posts, default options): both families' goldens
//   cases (26, default options): 2.7 goldens only;  invalid-frontmatter (5): 2.13 goldens only
//   sites-27/* (their content-options.json): 2.7 goldens;  sites-213/*: 2.13 goldens
// A golden {"error"} counts as reproduced when the version throws on that post too.
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const repoRoot = process.env.INKPOST_REPO_ROOT ? resolve(process.env.INKPOST_REPO_ROOT) : resolve(here, '..')
const fixtures = join(repoRoot, 'tests/fixtures')
const HARNESS_27 = resolve(repoRoot, '../shared/reference/reference-parse.mjs')
const HARNESS_27_OPTIONS = join(repoRoot, 'scripts/reference-options-parse.mjs')
const HARNESS_213 = join(repoRoot, 'scripts/reference-213/reference-parse-213.mjs')

// Versions up to 2.3 import a .json file without `with { type: 'json' }` (fine on the Node of their
// day, an error on Node 20): this loader hook hands such a file over as `export default <its JSON>`.
const JSON_HOOKS = `export async function load(url, ctx, next) { if (url.startsWith('file:') && url.endsWith('.json') && !ctx.importAttributes?.type) { const { readFileSync } = await import('node:fs'); const { fileURLToPath } = await import('node:url'); return { format: 'module', source: 'export default ' + readFileSync(fileURLToPath(url), 'utf8'), shortCircuit: true } } return next(url, ctx) }`
const JSON_AS_MODULE = 'data:text/javascript,' + encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify('data:text/javascript,' + encodeURIComponent(JSON_HOOKS))})`)
// @nuxtjs/mdc 0.1.x imports Nuxt's generated `#mdc-imports` statically (later versions catch its
// absence). For such installs this hook gives it what mdc's template writes for a site with no
// extra plugins and highlight off; site plugins still reach parseMarkdown through the harness.
const MDC_IMPORTS_STUB = 'export const remarkPlugins = {}\nexport const rehypePlugins = {}\nexport const highlight = false\n'
const MDC_IMPORTS_HOOKS = `export async function resolve(spec, ctx, next) { if (spec === '#mdc-imports') return { url: 'data:text/javascript,' + encodeURIComponent(${JSON.stringify(MDC_IMPORTS_STUB)}), shortCircuit: true }; return next(spec, ctx) }`
const MDC_IMPORTS = 'data:text/javascript,' + encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify('data:text/javascript,' + encodeURIComponent(MDC_IMPORTS_HOOKS))})`)
function importsMdcImportsStatically(dir) {
  const scan = (d) => readdirSync(d).some((n) => {
    const f = join(d, n)
    return statSync(f).isDirectory() ? scan(f) : /\.m?js$/.test(n) && /from ["']#mdc-imports["']/.test(readFileSync(f, 'utf8'))
  })
  const runtime = join(dir, 'node_modules/@nuxtjs/mdc/dist/runtime')
  return existsSync(runtime) && scan(runtime)
}
const SET_TIMEOUT_MS = 180_000
const POST_TIMEOUT_MS = 30_000
const DEFAULT_VERSIONS = ['2.0.1', '2.1.1', '2.2.2', '2.3.0', '2.4.3', '2.5.2', '2.6.0', '2.7.0', '2.7.1', '2.7.2', '2.8.0', '2.8.5', '2.9.0', '2.10.0', '2.11.0', '2.12.0', '2.12.1', '2.13.0', '2.13.2', '2.13.4']

// ---------------------------------------------------------------------------------------------
// 2.0.x worker: `node this --worker-20 DIR CONTENT_DIR FILE...` (runs in its own process)
// ---------------------------------------------------------------------------------------------
const PROSE_TAGS = ['p', 'a', 'blockquote', 'code-inline', 'code', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'img', 'ul', 'ol', 'li', 'strong', 'table', 'thead', 'tbody', 'td', 'th', 'tr']

async function worker20([dir, contentDir, ...files]) {
  const { register } = await import('node:module')
  const stub = 'export const useRuntimeConfig = () => globalThis.__inkpostRuntimeConfig; export const useNitroApp = () => ({ hooks: { callHook: async () => {} } });'
  const hooks = `export async function resolve(spec, ctx, next) { if (spec === '#imports') return { url: 'data:text/javascript,' + encodeURIComponent(${JSON.stringify(stub)}), shortCircuit: true }; return next(spec, ctx) }`
  register('data:text/javascript,' + encodeURIComponent(hooks))
  // what 2.0.x's module puts in runtimeConfig.content for a default site (processMarkdownOptions: plugin arrays)
  globalThis.__inkpostRuntimeConfig = {
    content: {
      locales: [],
      defaultLocale: '',
      highlight: false,
      markdown: { tags: Object.fromEntries(PROSE_TAGS.map((t) => [t, `prose-${t}`])), anchorLinks: { depth: 4, exclude: [1] }, remarkPlugins: [], rehypePlugins: [] },
    },
  }
  const base = join(dir, 'node_modules/@nuxt/content/dist/runtime/server/transformers')
  const markdown = (await import(pathToFileURL(join(base, 'markdown.mjs')).href)).default
  const pathMeta = (await import(pathToFileURL(join(base, 'path-meta.mjs')).href)).default
  console.warn = (...a) => process.stderr.write(a.join(' ') + '\n')
  console.log = console.warn
  for (const file of files) {
    const rel = relative(resolve(contentDir), resolve(file)).split(sep).join('/')
    const id = 'content:' + rel.replace(/\//g, ':')
    try {
      const parsed = await pathMeta.transform(await markdown.parse(id, readFileSync(file, 'utf8').replace(/\r\n|\r/g, '\n')))
      process.stdout.write(JSON.stringify({ file: rel, parsed }) + '\n')
    } catch (e) {
      process.stdout.write(JSON.stringify({ file: rel, error: { message: String(e?.message ?? e).split('\n')[0] } }) + '\n')
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Installing and preparing one version
// ---------------------------------------------------------------------------------------------
function pkgVersion(dir, name) {
  try {
    return JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')).version
  } catch {
    return null
  }
}

function install(cache, version) {
  const dir = join(cache, version)
  if (pkgVersion(dir, '@nuxt/content') === version) {
    ensureVue(dir)
    return dir
  }
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `measure-content-${version}`, private: true, type: 'module' }))
  process.stderr.write(`installing @nuxt/content@${version} into ${dir}…\n`)
  const r = spawnSync('npm', ['install', `@nuxt/content@${version}`, '--ignore-scripts', '--no-audit', '--no-fund', '--legacy-peer-deps'], { cwd: dir, encoding: 'utf8' })
  if (r.status !== 0 || pkgVersion(dir, '@nuxt/content') !== version) throw new Error(`npm install @nuxt/content@${version} failed (exit ${r.status}):\n${r.stderr.slice(-2000)}`)
  ensureVue(dir)
  return dir
}

/** @nuxtjs/mdc 0.1.x imports `vue` (a peer that --legacy-peer-deps leaves out; every Nuxt site has it). */
function ensureVue(dir) {
  const mdc = join(dir, 'node_modules/@nuxtjs/mdc/package.json')
  if (!existsSync(mdc) || pkgVersion(dir, 'vue')) return
  const peer = JSON.parse(readFileSync(mdc, 'utf8')).peerDependencies?.vue
  const importsVue = (d) => readdirSync(d).some((n) => {
    const f = join(d, n)
    return statSync(f).isDirectory() ? importsVue(f) : /\.m?js$/.test(n) && /from ["']vue["']/.test(readFileSync(f, 'utf8'))
  })
  if (!peer && !importsVue(join(dir, 'node_modules/@nuxtjs/mdc/dist/runtime'))) return
  process.stderr.write(`installing vue@3 beside @nuxt/content in ${dir} (imported by @nuxtjs/mdc)…\n`)
  const r = spawnSync('npm', ['install', 'vue@3', '--ignore-scripts', '--no-audit', '--no-fund', '--legacy-peer-deps'], { cwd: dir, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`npm install vue@3 failed in ${dir}: ${r.stderr.slice(-500)}`)
}

/** How this install is run: '2.0' (stubbed #imports), '2.7' (transformContent, own parser) or 'mdc'. */
function kindOf(dir) {
  const content = join(dir, 'node_modules/@nuxt/content')
  const deps = JSON.parse(readFileSync(join(content, 'package.json'), 'utf8')).dependencies ?? {}
  if (deps['@nuxtjs/mdc']) return 'mdc'
  if (existsSync(join(content, 'dist/runtime/transformers/index.mjs'))) return '2.7'
  if (existsSync(join(content, 'dist/runtime/server/transformers/markdown.mjs'))) return '2.0'
  return 'unknown'
}

/** The 2.13 harness, copied into `dir` with the two mechanical changes described at the top. */
function prepare213(dir) {
  const transformers = ['index.js', 'index.mjs'].find((f) => existsSync(join(dir, 'node_modules/@nuxt/content/dist/runtime/transformers', f)))
  if (!transformers) throw new Error('no dist/runtime/transformers/index.{js,mjs}')
  let src = readFileSync(HARNESS_213, 'utf8')
  const edits = [
    ["'node_modules/@nuxt/content/dist/runtime/transformers/index.js'", `'node_modules/@nuxt/content/dist/runtime/transformers/${transformers}'`],
    ["import { createShikiHighlighter, rehypeHighlight } from '@nuxtjs/mdc/runtime'\n", ''],
    ["import { bundledLanguagesInfo } from 'shiki/langs'\n", ''],
    ["import { createWasmOnigEngine } from 'shiki/engine/oniguruma'\n", ''],
    ["import { createJavaScriptRegexEngine } from 'shiki/engine/javascript'\n", ''],
    [
      'function siteHighlighter(highlight) {\n',
      "const { createShikiHighlighter, rehypeHighlight } = await import('@nuxtjs/mdc/runtime')\n" +
        'let bundledLanguagesInfo, createWasmOnigEngine, createJavaScriptRegexEngine\n' +
        'async function loadShiki() {\n' +
        "  ;({ bundledLanguagesInfo } = await import('shiki/langs'))\n" +
        "  ;({ createWasmOnigEngine } = await import('shiki/engine/oniguruma'))\n" +
        "  ;({ createJavaScriptRegexEngine } = await import('shiki/engine/javascript'))\n" +
        '}\n' +
        'function siteHighlighter(highlight) {\n',
    ],
    ['export function referenceParser(site = {}) {\n', 'export async function referenceParser(site = {}) {\n  if (site.highlight) await loadShiki()\n'],
    ['  const parse = referenceParser(site)\n', '  const parse = await referenceParser(site)\n'],
  ]
  for (const [from, to] of edits) {
    if (!src.includes(from)) throw new Error(`the 2.13 harness changed: cannot find ${JSON.stringify(from.slice(0, 60))}`)
    src = src.replace(from, to)
  }
  const target = join(dir, 'reference-parse-213.measure.mjs')
  writeFileSync(target, src)
  return target
}

// ---------------------------------------------------------------------------------------------
// Post sets and goldens
// ---------------------------------------------------------------------------------------------
function markdownFiles(d) {
  return readdirSync(d).flatMap((name) => {
    const full = join(d, name)
    return statSync(full).isDirectory() ? markdownFiles(full) : name.endsWith('.md') ? [full] : []
  })
}

/** Every post set: its folder, its site options, and where each family's golden for a post is. */
function postSets({ sites }) {
  const sets = [
    { name: 'sample', contentDir: join(fixtures, 'sample-site/content'), options: null, golden: { '2.7': (rel) => join(fixtures, 'expected', basename(rel) + '.json'), '2.13': (rel) => join(fixtures, 'expected-213', basename(rel) + '.json') } },
    { name: 'corpus', contentDir: join(fixtures, 'corpus/content'), options: null, golden: { '2.7': (rel) => join(fixtures, 'corpus/expected', rel + '.json'), '2.13': (rel) => join(fixtures, 'corpus-213/expected', rel + '.json') } },
    { name: 'cases', contentDir: join(fixtures, 'cases/content'), options: null, golden: { '2.7': (rel) => join(fixtures, 'cases/expected', rel + '.json') } },
    { name: 'invalid-frontmatter', contentDir: join(fixtures, 'corpus-213/invalid-frontmatter/content'), options: null, golden: { '2.13': (rel) => join(fixtures, 'corpus-213/invalid-frontmatter/expected', rel + '.json') } },
  ]
  if (sites) {
    for (const [family, folder] of [['2.7', 'sites-27'], ['2.13', 'sites-213']]) {
      for (const name of readdirSync(join(fixtures, folder)).sort()) {
        const siteDir = join(fixtures, folder, name)
        sets.push({ name: `${folder}/${name}`, contentDir: join(siteDir, 'content'), options: JSON.parse(readFileSync(join(siteDir, 'content-options.json'), 'utf8')), golden: { [family]: (rel) => join(siteDir, 'expected', rel + '.json') } })
      }
    }
  }
  for (const set of sets) set.files = markdownFiles(set.contentDir).sort()
  return sets
}

/** Which column of the table a (set, family) pair counts in. */
function columnOf(set, family) {
  if (set.name === 'sample' || set.name === 'corpus') return `${family} default`
  if (set.name === 'cases') return '2.7 cases'
  if (set.name === 'invalid-frontmatter') return '2.13 default'
  return `${family} sites`
}

// ---------------------------------------------------------------------------------------------
// Running one version over one set
// ---------------------------------------------------------------------------------------------
function runSet(dir, kind, harness213, set, optionsFile) {
  let args
  if (kind === '2.0') {
    if (set.options) return { skipped: '2.0.x reads site options from Nuxt runtime config; sites not run' }
    args = [fileURLToPath(import.meta.url), '--worker-20', dir, set.contentDir, ...set.files]
  } else if (kind === '2.7') {
    if (set.options) args = [HARNESS_27_OPTIONS, '--reference', dir, '--options', optionsFile, '--content-dir', set.contentDir, ...set.files]
    else {
      const copy = join(dir, 'reference-parse.mjs')
      copyFileSync(HARNESS_27, copy)
      args = [copy, '--content-dir', set.contentDir, ...set.files]
    }
  } else if (kind === 'mdc') {
    args = [harness213, '--content-dir', set.contentDir, ...(set.options ? ['--options-file', optionsFile] : []), ...set.files]
  } else return { skipped: `unknown layout of @nuxt/content in ${dir}` }
  const loaders = ['--import', JSON_AS_MODULE, ...(kind === 'mdc' && importsMdcImportsStatically(dir) ? ['--import', MDC_IMPORTS] : [])]
  const run = (argv, timeout) => spawnSync(process.execPath, [...loaders, ...argv], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, cwd: dir, timeout, killSignal: 'SIGKILL' })
  const parseLines = (r) => r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l))
  const r = run(args, SET_TIMEOUT_MS)
  let lines = parseLines(r)
  if (r.error?.code === 'ETIMEDOUT') {
    // some versions never finish on some posts: run that set post by post, each with its own time limit
    const fixed = args.slice(0, args.length - set.files.length)
    lines = set.files.map((file) => {
      const rel = relative(set.contentDir, file).split(sep).join('/')
      const one = run([...fixed, file], POST_TIMEOUT_MS)
      if (one.error?.code === 'ETIMEDOUT') return { file: rel, error: { message: `did not finish within ${POST_TIMEOUT_MS / 1000} s (killed)` } }
      return parseLines(one)[0] ?? { file: rel, error: { message: `harness printed nothing (exit ${one.status}): ${(one.stderr || '').trim().split('\n').pop()}` } }
    })
  }
  if (lines.length !== set.files.length) return { skipped: `harness printed ${lines.length}/${set.files.length} results (exit ${r.status}): ${(r.stderr || '').trim().split('\n').slice(-3).join(' | ').slice(0, 400)}` }
  return { results: new Map(lines.map((l) => [l.file, l])) }
}

/** The first place two JSON values differ, as a short line. */
function firstDifference(a, b, path = '') {
  const show = (v) => {
    const s = JSON.stringify(v)
    return s === undefined ? 'absent' : s.length > 60 ? s.slice(0, 57) + '…' : s
  }
  if (a === b) return null
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object' || Array.isArray(a) !== Array.isArray(b)) return `${path || '(root)'}: ${show(a)} vs golden ${show(b)}`
  if (Array.isArray(a)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`)
      if (d) return d
    }
    return a.length !== b.length ? `${path}: length ${a.length} vs golden ${b.length}` : null
  }
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  for (const k of kb) if (!(k in a)) return `${path}.${k}: absent vs golden ${show(b[k])}`
  for (const k of ka) if (!(k in b)) return `${path}.${k}: ${show(a[k])} vs golden absent`
  for (const k of kb) {
    const d = firstDifference(a[k], b[k], `${path}.${k}`)
    if (d) return d
  }
  if (ka.join() !== kb.join()) return `${path}: key order ${ka.join(',').slice(0, 80)} vs golden ${kb.join(',').slice(0, 80)}`
  return JSON.stringify(a) === JSON.stringify(b) ? null : `${path}: differs`
}

function compare(out, goldenFile) {
  const golden = JSON.parse(readFileSync(goldenFile, 'utf8'))
  if (golden.error) return out.error ? null : `golden throws (${golden.error.message.slice(0, 60)}), version parses`
  if (out.error) return `version throws: ${out.error.message.slice(0, 100)}`
  if (JSON.stringify(out.parsed) === JSON.stringify(golden.parsed)) return null
  // the first difference outside the body (metadata keys) and the first one inside it, separately
  const { body: outBody, ...outMeta } = out.parsed ?? {}
  const { body: goldenBody, ...goldenMeta } = golden.parsed ?? {}
  const meta = firstDifference(outMeta, goldenMeta)
  const body = firstDifference(outBody, goldenBody, 'body')
  return [meta && `meta ${meta}`, body].filter(Boolean).join('; ') || firstDifference(out.parsed, golden.parsed) || 'differs (key order)'
}

// ---------------------------------------------------------------------------------------------
async function main(args) {
  let versions = DEFAULT_VERSIONS
  let cache = process.env.INKPOST_VERSIONS_DIR || join(process.env.TMPDIR || tmpdir(), 'inkpost-versions')
  let sites = true
  let jsonOut = null
  let details = false
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--versions') versions = args[++i].split(',').map((v) => v.trim()).filter(Boolean)
    else if (args[i] === '--cache') cache = resolve(args[++i])
    else if (args[i] === '--no-sites') sites = false
    else if (args[i] === '--json') jsonOut = resolve(args[++i])
    else if (args[i] === '--details') details = true
    else throw new Error(`unknown argument ${args[i]}`)
  }
  if (resolve(cache).startsWith(repoRoot + sep)) throw new Error(`--cache must be outside the repository (${cache})`)
  const sets = postSets({ sites })
  const columns = ['2.7 default', '2.7 cases', ...(sites ? ['2.7 sites'] : []), '2.13 default', ...(sites ? ['2.13 sites'] : [])]
  const rows = []
  const report = []
  for (const version of versions) {
    const row = { version, mdc: '', emoji: '', kind: '', counts: Object.fromEntries(columns.map((c) => [c, { same: 0, total: 0, skipped: 0 }])), diffs: {}, notes: [] }
    rows.push(row)
    let dir
    try {
      dir = install(cache, version)
    } catch (e) {
      row.notes.push(String(e.message).split('\n')[0])
      continue
    }
    row.kind = kindOf(dir)
    row.mdc = pkgVersion(dir, '@nuxtjs/mdc') ?? ''
    row.emoji = pkgVersion(dir, 'remark-emoji') ?? ''
    let harness213 = null
    if (row.kind === 'mdc') {
      try {
        harness213 = prepare213(dir)
      } catch (e) {
        row.notes.push(`2.13 harness: ${e.message}`)
        row.kind = 'unknown'
      }
    }
    for (const set of sets) {
      const optionsFile = set.options ? join(dir, `options-${set.name.replace(/\W+/g, '_')}.json`) : null
      if (optionsFile) writeFileSync(optionsFile, JSON.stringify(set.options))
      const run = runSet(dir, row.kind, harness213, set, optionsFile)
      for (const [family, goldenFor] of Object.entries(set.golden)) {
        const col = columnOf(set, family)
        for (const file of set.files) {
          const rel = relative(set.contentDir, file).split(sep).join('/')
          const cell = row.counts[col]
          cell.total++
          if (run.skipped) {
            cell.skipped++
            report.push({ version, set: set.name, family, post: rel, status: 'not run', why: run.skipped })
            continue
          }
          const diff = compare(run.results.get(rel), goldenFor(rel))
          if (!diff) cell.same++
          ;(row.diffs[col] ??= []).push(...(diff ? [`${set.name}/${rel}: ${diff}`] : []))
          report.push({ version, set: set.name, family, post: rel, status: diff ? 'differs' : 'identical', ...(diff ? { first: diff } : {}) })
        }
        if (run.skipped && !row.notes.includes(`${set.name}: ${run.skipped}`)) row.notes.push(`${set.name}: ${run.skipped}`)
      }
    }
    const line = columns.map((c) => `${c} ${row.counts[c].same}/${row.counts[c].total}${row.counts[c].skipped ? ` (${row.counts[c].skipped} not run)` : ''}`).join(', ')
    process.stderr.write(`${version}${row.mdc ? ` (mdc ${row.mdc})` : ''}: ${line}\n`)
  }
  // the table
  const head = ['version', 'harness', 'mdc', 'remark-emoji', ...columns.map((c) => `${c} same/total`)]
  const body = rows.map((r) => [r.version, r.kind, r.mdc || '–', r.emoji || '–', ...columns.map((c) => `${r.counts[c].same}/${r.counts[c].total}${r.counts[c].skipped ? ` (${r.counts[c].skipped} not run)` : ''}`)])
  console.log(['| ' + head.join(' | ') + ' |', '|' + head.map(() => ' --- ').join('|') + '|', ...body.map((b) => '| ' + b.join(' | ') + ' |')].join('\n'))
  console.log('\n2.7-family column "default" = sample + corpus (27 posts); 2.13 "default" = sample + corpus + invalid-frontmatter (32).')
  for (const r of rows) {
    const lines = []
    for (const c of columns) {
      const d = r.diffs[c] ?? []
      if (d.length) lines.push(...(details ? d : d.slice(0, 2)).map((x) => `    [${c}] ${x}`), ...(!details && d.length > 2 ? [`    [${c}] … ${d.length - 2} more`] : []))
    }
    if (lines.length || r.notes.length) console.log(`\n${r.version}${r.mdc ? ` (mdc ${r.mdc})` : ''}:\n${[...r.notes.map((n) => '    note: ' + n), ...lines].join('\n')}`)
  }
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ cache, rows: rows.map(({ diffs: _diffs, ...r }) => r), posts: report }, null, 1))
}

if (process.argv[2] === '--worker-20') await worker20(process.argv.slice(3))
else if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main(process.argv.slice(2))
