#!/usr/bin/env node
// `npm run bench:parse`: the project's parser against the reference (Nuxt Content 2.7.2's
// transformers) on the sample post repeated ×1, ×10 and ×40 (≈18 KB, 180 KB, 720 KB of UTF-8),
// in the same process, alternating runs, checking the outputs are byte-identical, printing the
// median times and the project/reference ratio per size.
// Options: --runs N (timed runs per parser and size; default 31/9/5 after 100/5/1 warm-up runs),
// --sizes 1,10,40, --json.
// Exit status 1 if an output differs or a ratio exceeds 1.0; 2 if the reference is missing.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { importProjectParser } from './bundle-parser.mjs'
import { loadReferenceTransform, locateReference, ReferenceMissing, repoRoot } from './locate-reference.mjs'

const SAMPLE = join(repoRoot, 'tests/fixtures/sample-site/content/blog/2024-01-16-llama2.md')
const ID = 'content:blog:2024-01-16-llama2.md'

/** The sample post with its body repeated `times` times (frontmatter once). */
export function repeatedSample(times) {
  const text = readFileSync(SAMPLE, 'utf8')
  const end = text.indexOf('\n---', 3)
  const body = text.slice(end + 4)
  return text + ('\n\n' + body).repeat(times - 1)
}

/** The median of a list of timings. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/**
 * Times two parse functions on the same input: `warmups` untimed calls of each (so both are
 * measured JIT-compiled, as an editor re-parses the same kind of text all day), then `runs` timed
 * calls of each, alternating which goes first so neither always runs on a warmer heap. Returns the
 * median milliseconds of each.
 */
export async function timeBoth(project, reference, { warmups, runs }) {
  for (let i = 0; i < warmups; i++) {
    await project()
    await reference()
  }
  const times = { project: [], reference: [] }
  for (let i = 0; i < runs; i++) {
    for (const which of i % 2 ? ['reference', 'project'] : ['project', 'reference']) {
      const started = performance.now()
      await (which === 'project' ? project() : reference())
      times[which].push(performance.now() - started)
    }
  }
  return { projectMs: median(times.project), referenceMs: median(times.reference) }
}

/** One result row: sizes, medians, their ratio, and whether the outputs were identical; logged as one line. */
export function benchRow({ name, label, text, runs, timed, identical, log }) {
  const row = { name, kb: Math.round(Buffer.byteLength(text) / 1024), runs, ...timed, identical }
  row.ratio = row.projectMs / row.referenceMs
  log(`${name.padEnd(11)} ${String(row.kb).padStart(5)} KB  ${label} ${row.projectMs.toFixed(1).padStart(8)} ms  reference ${row.referenceMs.toFixed(1).padStart(8)} ms  ratio ${row.ratio.toFixed(3)}  ${identical ? 'identical' : 'OUTPUT DIFFERS'}  (median of ${runs})`)
  return row
}

/**
 * The command line of a parse benchmark: `--sizes 1,10,40`, `--runs N`, `--json`. Runs `bench`,
 * exits 2 with `needs` when the reference is missing, and 1 when `failure(row)` names a problem.
 */
export async function benchCli({ title, needs, bench, failure }) {
  const args = process.argv.slice(2)
  const opt = (name) => { const i = args.indexOf(name); return i === -1 ? undefined : args[i + 1] }
  const sizes = opt('--sizes')?.split(',').map(Number)
  const runs = opt('--runs') ? Number(opt('--runs')) : undefined
  let result
  try {
    console.log(title)
    result = await bench({ sizes, runs })
  } catch (error) {
    if (error instanceof ReferenceMissing) {
      console.error(`${needs}\n${error.message}`)
      process.exitCode = 2
      return
    }
    throw error
  }
  if (args.includes('--json')) console.log(JSON.stringify(result))
  const bad = result.rows.map((r) => [r, failure(r)]).filter(([, why]) => why)
  for (const [r, why] of bad) console.error(`FAIL ${r.name}: ${why}`)
  process.exitCode = bad.length ? 1 : 0
}

/** Runs the benchmark; returns rows of {name, kb, runs, projectMs, referenceMs, ratio, identical}. */
export async function benchParse({ sizes = [1, 10, 40], runs, log = console.log } = {}) {
  const refDir = locateReference()
  const reference = await loadReferenceTransform(refDir)
  const { parsePost } = await importProjectParser()
  const silence = console.warn
  console.warn = () => {} // the reference logs every removed unsafe attribute
  const rows = []
  try {
    for (const size of sizes) {
      const text = repeatedSample(size)
      const n = runs ?? (size >= 40 ? 5 : size >= 10 ? 9 : 31)
      // Correctness check (the outputs must be identical), then warm-up runs so both parsers are
      // measured JIT-compiled (an editor re-parses the same kind of text all day).
      const mine = JSON.stringify(parsePost(text, { id: ID }))
      const theirs = JSON.stringify(await reference(ID, text))
      const identical = mine === theirs
      const warmups = size >= 40 ? 1 : size >= 10 ? 5 : 100
      const timed = await timeBoth(() => parsePost(text, { id: ID }), () => reference(ID, text), { warmups, runs: n })
      rows.push(benchRow({ name: `x${size}`, label: 'project', text, runs: n, timed, identical, log }))
    }
  } finally {
    console.warn = silence
  }
  return { referenceDir: refDir, rows }
}

async function main() {
  await benchCli({
    title: 'bench:parse — project parser vs reference (Nuxt Content 2.7.2), sample post repeated',
    needs: 'bench:parse needs the reference parser.',
    bench: benchParse,
    failure: (r) => (!r.identical ? 'output differs from the reference' : r.ratio > 1 ? `ratio ${r.ratio.toFixed(3)} > 1.0` : null),
  })
}

if (import.meta.url === `file://${process.argv[1]}`) await main()
