// `npm test`: every check the project has, in order, with one summary line at the end.
// Steps: type check (four tsconfigs), lint, unit/integration tests (Vitest), Electron security
// scan (electronegativity), end-to-end tests (Playwright: browser mode in Debian Chromium, and
// Electron specs that skip with a notice when no Electron binary is installed).
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, mkdirSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const only = process.argv.slice(2)
const results = []
let passed = 0, failed = 0, skipped = 0
mkdirSync(join(root, 'test-results'), { recursive: true })

function step(name, cmd, args, env = {}) {
  if (only.length && !only.includes(name)) return true
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`)
  const started = Date.now()
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  const ok = r.status === 0
  results.push({ name, ok, seconds: (Date.now() - started) / 1000 })
  return ok
}

const npx = (bin) => join(root, 'node_modules/.bin', bin)

/** Where proof suites write their counts (tests/support/report-counts.ts); emptied before a run. */
const countsDir = join(root, 'test-results/counts')
rmSync(countsDir, { recursive: true, force: true })
// the runners' JSON reports of an earlier run must never be counted as this run's
for (const report of ['vitest.json', 'e2e.json']) rmSync(join(root, 'test-results', report), { force: true })
/**
 * The count reports a full run must produce, by the step that produces them: a suite that silently
 * stopped reporting fails the run instead of vanishing from the summary.
 */
const EXPECTED_COUNTS = {
  unit: ['traversal-http', 'traversal-protocol', 'fuzz', 'kill-9', 'kill-9-export', 'faults'],
  e2e: ['xss-csp', 'xss-no-csp'],
}
step('typecheck', 'npm', ['run', '--silent', 'typecheck'])
step('lint', npx('eslint'), ['.', '--max-warnings=0'])
if (step('unit', npx('vitest'), ['run', '--reporter=default', '--reporter=json', '--outputFile=test-results/vitest.json'])) { /* counted below */ }
if (results.some((r) => r.name === 'unit')) {
  try {
    const v = JSON.parse(readFileSync(join(root, 'test-results/vitest.json'), 'utf8'))
    passed += v.numPassedTests; failed += v.numFailedTests; skipped += v.numPendingTests + (v.numTodoTests ?? 0)
  } catch { failed += 1 } // vitest stopped before writing its report
}
if (existsSync(join(root, 'scripts/electronegativity.mjs'))) step('electron-scan', 'node', ['scripts/electronegativity.mjs'])
const hasSpecs = existsSync(join(root, 'e2e')) && readdirSync(join(root, 'e2e'), { recursive: true }).some((f) => String(f).endsWith('.spec.ts'))
if (hasSpecs) {
  step('e2e', npx('playwright'), ['test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/e2e.json' })
  if (results.some((r) => r.name === 'e2e')) {
    try {
      const e = JSON.parse(readFileSync(join(root, 'test-results/e2e.json'), 'utf8'))
      passed += e.stats.expected; failed += e.stats.unexpected + (e.stats.flaky ?? 0); skipped += e.stats.skipped
    } catch { failed += 1 } // playwright stopped before writing its report
  }
}

console.log('\n=== summary')
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds.toFixed(1)} s)`)
let nonZero = 0
const reports = []
for (const f of existsSync(countsDir) ? readdirSync(countsDir).filter((name) => name.endsWith('.json')).sort() : []) {
  try {
    reports.push(JSON.parse(readFileSync(join(countsDir, f), 'utf8')))
  } catch (error) {
    console.log(`${f}: FAIL — the count report cannot be read (${error.message})`)
    nonZero++
  }
}
const ran = (name) => results.some((r) => r.name === name)
for (const [stepName, names] of Object.entries(EXPECTED_COUNTS)) {
  if (!ran(stepName)) continue
  for (const name of names) {
    if (reports.some((r) => r.name === name)) continue
    console.log(`${name}: FAIL — the ${stepName} step ran but this suite reported no counts`)
    nonZero++
  }
}
for (const r of reports) {
  if (r.skipped) { console.log(`${r.name}: SKIPPED — ${r.skipped}\n${'!'.repeat(72)}\n!! ${r.name} did not run: its counts are missing from this run\n${'!'.repeat(72)}`); continue }
  const bad = [
    ...(r.mustBeZero ?? []).filter((k) => r.counts[k] !== 0).map((k) => `${k} not 0`),
    ...(r.mustBePositive ?? []).filter((k) => !(r.counts[k] > 0)).map((k) => `${k} is 0`),
  ]
  nonZero += bad.length
  const shown = Object.entries(r.counts).map(([k, v]) => `${k.replace(/([A-Z])/g, ' $1').toLowerCase()} ${v}`).join(', ')
  console.log(`${r.name}: ${shown}${bad.length ? ` — FAIL: ${bad.join(', ')}` : ''}`)
}
const stepsFailed = results.filter((r) => !r.ok).length + (nonZero ? 1 : 0)
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exitCode = stepsFailed || failed ? 1 : 0
