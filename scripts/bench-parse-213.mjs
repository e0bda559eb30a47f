#!/usr/bin/env node
// The 2.13 parser (`parsePost213`, on @nuxtjs/mdc) against the 2.13 reference (Nuxt Content
// 2.13.4's transformers, scripts/reference-213) in the same process: the sample post repeated ×1,
// ×10 and ×40 with default options, and a post with highlighted code (shiki, github-dark), alternating
// runs, outputs checked byte-identical, median times and the parser/reference ratio per case.
// Options: --runs N (timed runs per parser and case; default 21/7/5 after 10/3/1 warm-up runs),
// --sizes 1,10,40, --json. Exit status 1 if an output differs; 2 if the reference cannot be installed.
import { build } from 'esbuild'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { repeatedSample, timeBoth } from './bench-parse.mjs'
import { loadReference213, locateReference213, ReferenceMissing, repoRoot } from './locate-reference-213.mjs'

const SAMPLE_ID = 'content:blog:2024-01-16-llama2.md'
const HIGHLIGHT_SITE = join(repoRoot, 'tests/fixtures/sites-213/highlight-github-dark')

/** Bundles shared/parser-213 (npm packages external) and imports it. */
async function importParser213() {
  const outfile = join(repoRoot, 'node_modules/.cache/inkpost-parser-213/parser.mjs')
  await build({ entryPoints: [join(repoRoot, 'shared/parser-213/parse-post-213.ts')], bundle: true, format: 'esm', platform: 'neutral', packages: 'external', outfile, logLevel: 'warning' })
  return import(pathToFileURL(outfile).href + `?t=${Date.now()}`)
}


/** Runs the benchmark; returns rows of {name, kb, runs, projectMs, referenceMs, ratio, identical}. */
export async function benchParse213({ sizes = [1, 10, 40], runs, log = console.log } = {}) {
  const refDir = locateReference213()
  const parserFor = await loadReference213(refDir)
  const { parsePost213 } = await importParser213()
  const highlightOptions = JSON.parse(readFileSync(join(HIGHLIGHT_SITE, 'content-options.json'), 'utf8'))
  const cases = [
    ...sizes.map((size) => ({ name: `sample x${size}`, size, id: SAMPLE_ID, text: repeatedSample(size), content: {} })),
    { name: 'highlighted', size: 1, id: 'content:blog:ts-fence.md', text: readFileSync(join(HIGHLIGHT_SITE, 'content/blog/ts-fence.md'), 'utf8'), content: highlightOptions },
  ]
  const silence = console.warn
  console.warn = () => {} // both log every removed unsafe attribute
  const rows = []
  try {
    for (const c of cases) {
      const reference = parserFor(c.content)
      const project = () => parsePost213(c.text, { id: c.id, content: c.content })
      const identical = JSON.stringify(await project()) === JSON.stringify(await reference(c.id, c.text))
      const n = runs ?? (c.size >= 40 ? 5 : c.size >= 10 ? 7 : 21)
      const warmups = c.size >= 40 ? 1 : c.size >= 10 ? 3 : 10
      const timed = await timeBoth(project, () => reference(c.id, c.text), { warmups, runs: n })
      const row = { name: c.name, kb: Math.round(Buffer.byteLength(c.text) / 1024), runs: n, ...timed, identical }
      row.ratio = row.projectMs / row.referenceMs
      rows.push(row)
      log(`${row.name.padEnd(11)} ${String(row.kb).padStart(5)} KB  parsePost213 ${row.projectMs.toFixed(1).padStart(8)} ms  reference ${row.referenceMs.toFixed(1).padStart(8)} ms  ratio ${row.ratio.toFixed(3)}  ${identical ? 'identical' : 'OUTPUT DIFFERS'}  (median of ${n})`)
    }
  } finally {
    console.warn = silence
  }
  return { referenceDir: refDir, rows }
}

async function main() {
  const args = process.argv.slice(2)
  const opt = (name) => { const i = args.indexOf(name); return i === -1 ? undefined : args[i + 1] }
  const sizes = opt('--sizes')?.split(',').map(Number)
  const runs = opt('--runs') ? Number(opt('--runs')) : undefined
  let result
  try {
    console.log('bench:parse-213 — parsePost213 vs the 2.13 reference (Nuxt Content 2.13.4)')
    result = await benchParse213({ sizes, runs })
  } catch (error) {
    if (error instanceof ReferenceMissing) {
      console.error(`bench-parse-213 needs the 2.13 reference.\n${error.message}`)
      process.exitCode = 2
      return
    }
    throw error
  }
  if (args.includes('--json')) console.log(JSON.stringify(result))
  const bad = result.rows.filter((r) => !r.identical)
  for (const r of bad) console.error(`FAIL ${r.name}: output differs from the reference`)
  process.exitCode = bad.length ? 1 : 0
}

if (import.meta.url === `file://${process.argv[1]}`) await main()
