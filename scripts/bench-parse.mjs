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

/** Runs the benchmark; returns rows of {size, kb, runs, projectMs, referenceMs, ratio, identical}. */
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
      const kb = Buffer.byteLength(text) / 1024
      const n = runs ?? (size >= 40 ? 5 : size >= 10 ? 9 : 31)
      // Correctness check (the outputs must be identical), then warm-up runs so both parsers are
      // measured JIT-compiled (an editor re-parses the same kind of text all day).
      const mine = JSON.stringify(parsePost(text, { id: ID }))
      const theirs = JSON.stringify(await reference(ID, text))
      const identical = mine === theirs
      const warmups = size >= 40 ? 1 : size >= 10 ? 5 : 100
      const timed = await timeBoth(() => parsePost(text, { id: ID }), () => reference(ID, text), { warmups, runs: n })
      const row = { size: `x${size}`, kb: Math.round(kb), runs: n, ...timed, identical }
      row.ratio = row.projectMs / row.referenceMs
      rows.push(row)
      log(`${row.size.padEnd(4)} ${String(row.kb).padStart(5)} KB  project ${row.projectMs.toFixed(1).padStart(8)} ms  reference ${row.referenceMs.toFixed(1).padStart(8)} ms  ratio ${row.ratio.toFixed(3)}  ${identical ? 'identical' : 'OUTPUT DIFFERS'}  (median of ${n})`)
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
    console.log('bench:parse — project parser vs reference (Nuxt Content 2.7.2), sample post repeated')
    result = await benchParse({ sizes, runs })
  } catch (error) {
    if (error instanceof ReferenceMissing) {
      console.error(`bench:parse needs the reference parser.\n${error.message}`)
      process.exitCode = 2
      return
    }
    throw error
  }
  if (args.includes('--json')) console.log(JSON.stringify(result))
  const bad = result.rows.filter((r) => !r.identical || r.ratio > 1)
  for (const r of bad) console.error(`FAIL ${r.size}: ${!r.identical ? 'output differs from the reference' : `ratio ${r.ratio.toFixed(3)} > 1.0`}`)
  process.exitCode = bad.length ? 1 : 0
}

if (import.meta.url === `file://${process.argv[1]}`) await main()
