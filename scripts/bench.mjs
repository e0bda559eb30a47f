#!/usr/bin/env node
// `npm run bench [-- NAME ...] [-- --list]`: the umbrella benchmark. Runs the named benches (all
// when none are named), each as its own Node process so timings do not disturb each other, and
// prints one summary line per bench. A bench is a `scripts/bench-NAME.mjs` script that exits 0
// when within its budget; registering one is just adding such a file (descriptions below).
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot } from './locate-reference.mjs'

/** Known benches and what they measure; any other scripts/bench-*.mjs is picked up too. */
const DESCRIPTIONS = {
  parse: 'shared parser vs the Nuxt Content 2.7 reference on the sample post ×1/×10/×40',
  library: 'library.list over 1,000 generated posts: cold (no cache), restart (disk cache), warm',
  checks: 'the pre-publish checks against the parse time on the sample post ×1/×10/×40',
  preview: 'Chromium: open, keystroke, bursty and sustained typing → preview on the sample post ×1/×10/×40',
}

function discover() {
  const names = new Set(Object.keys(DESCRIPTIONS))
  for (const file of readdirSync(join(repoRoot, 'scripts'))) {
    const m = /^bench-(.+)\.mjs$/.exec(file)
    if (m) names.add(m[1])
  }
  return [...names].filter((n) => existsSync(join(repoRoot, 'scripts', `bench-${n}.mjs`))).sort()
}

const args = process.argv.slice(2)
const available = discover()
if (args.includes('--list')) {
  for (const n of available) console.log(`${n.padEnd(12)} ${DESCRIPTIONS[n] ?? `scripts/bench-${n}.mjs`}`)
  process.exit(0)
}
const unknown = args.filter((a) => !available.includes(a))
if (unknown.length) {
  console.error(`Unknown bench: ${unknown.join(', ')}. Available: ${available.join(', ')}`)
  process.exit(2)
}
const selected = args.length ? args : available
const results = []
for (const name of selected) {
  console.log(`\n=== bench ${name}`)
  const started = Date.now()
  const r = spawnSync(process.execPath, [join(repoRoot, 'scripts', `bench-${name}.mjs`)], { cwd: repoRoot, stdio: 'inherit' })
  results.push({ name, status: r.status, seconds: (Date.now() - started) / 1000 })
}
console.log('\n=== bench summary')
for (const r of results) console.log(`${r.status === 0 ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds.toFixed(1)} s${r.status === 2 ? ', prerequisite missing' : ''})`)
process.exitCode = results.some((r) => r.status !== 0) ? 1 : 0
