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
import { benchCli, benchRow, repeatedSample, timeBoth } from './bench-parse.mjs'
import { loadReference213, locateReference213, repoRoot } from './locate-reference-213.mjs'

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
      rows.push(benchRow({ name: c.name, label: 'parsePost213', text: c.text, runs: n, timed, identical, log }))
    }
  } finally {
    console.warn = silence
  }
  return { referenceDir: refDir, rows }
}

async function main() {
  await benchCli({
    title: 'bench:parse-213 — parsePost213 vs the 2.13 reference (Nuxt Content 2.13.4)',
    needs: 'bench-parse-213 needs the 2.13 reference.',
    bench: benchParse213,
    failure: (r) => (r.identical ? null : 'output differs from the reference'),
  })
}

if (import.meta.url === `file://${process.argv[1]}`) await main()
