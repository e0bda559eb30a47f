#!/usr/bin/env node
// `npm run fuzz -- --posts 100000 --seed N [--lanes 2] [--limit-ms 5000]`: the differential fuzz of
// tests/fuzz/ (the project's parser against the reference, Nuxt Content 2.7.2) outside vitest,
// for longer runs than CI's. Prints every divergence (shrunk) with its seed; exit 1 when any.
import { build } from 'esbuild'
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { locateReference, ReferenceMissing, repoRoot } from './locate-reference.mjs'

const args = process.argv.slice(2)
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`)
  return at === -1 ? fallback : Number(args[at + 1])
}
const posts = option('posts', 10_000)
const seed = option('seed', 1)
const lanes = option('lanes', 2)
const limitMs = option('limit-ms', 5000)

let referenceDir
try {
  referenceDir = locateReference()
} catch (error) {
  if (!(error instanceof ReferenceMissing)) throw error
  console.error(`\n${'!'.repeat(72)}\nFUZZ SKIPPED: no reference parser. ${error.message}\n${'!'.repeat(72)}\n`)
  process.exit(2)
}

const dir = join(repoRoot, 'test-results/fuzz-build')
mkdirSync(dir, { recursive: true })
const runner = join(dir, `runner-${process.pid}.mjs`)
await build({ entryPoints: [join(repoRoot, 'tests/fuzz/differential-runner.ts')], bundle: true, format: 'esm', platform: 'node', packages: 'external', outfile: runner, logLevel: 'warning' })
const { runDifferentialFuzz, describeDivergence } = await import(pathToFileURL(runner).href)
rmSync(runner, { force: true })

const report = await runDifferentialFuzz({ posts, seed, lanes, limitMs, referenceDir, root: repoRoot, shrinkAtMost: 50, log: (line) => console.log(line) })
console.log(`\nfuzz: ${posts} posts from seed ${seed} in ${(report.ms / 1000).toFixed(1)} s`)
console.log(JSON.stringify(report.counts, null, 2))
for (const [pair, n] of [...report.errorPairs].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  both failed ×${n}: ${pair}`)
if (report.referenceTimeoutSeeds.length) console.log(`reference ran past its time at seeds ${report.referenceTimeoutSeeds.join(", ")}`)
for (const d of report.divergences) console.log('- ' + describeDivergence(d))
process.exitCode = report.divergences.length ? 1 : 0
