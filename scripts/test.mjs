// `npm test`: every check the project has, in order, with one summary line at the end.
// Steps: type check (four tsconfigs), lint, unit/integration tests (Vitest), Electron security
// scan (electronegativity), end-to-end tests (Playwright: browser mode in Debian Chromium, and
// Electron specs that skip with a notice when no Electron binary is installed).
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, mkdirSync } from 'node:fs'
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

/**
 * The `XSS-COUNTS {json}` lines the attack specs print (found in a reporter's JSON output): what was
 * tried and the counts that must be zero (canary calls, navigations, popups, outside requests, dangerous DOM).
 */
function countLines(text) {
  const found = []
  for (const m of text.matchAll(/XSS-COUNTS (\{[^}]*\})/g)) {
    try { found.push(JSON.parse(m[1].replace(/\\"/g, '"'))) } catch { /* a line cut by the reporter: ignored */ }
  }
  return found
}
const counts = []
step('typecheck', 'npm', ['run', '--silent', 'typecheck'])
step('lint', npx('eslint'), ['.', '--max-warnings=0'])
if (step('unit', npx('vitest'), ['run', '--reporter=default', '--reporter=json', '--outputFile=test-results/vitest.json'])) { /* counted below */ }
try {
  const v = JSON.parse(readFileSync(join(root, 'test-results/vitest.json'), 'utf8'))
  passed += v.numPassedTests; failed += v.numFailedTests; skipped += v.numPendingTests + (v.numTodoTests ?? 0)
} catch { if (!only.length || only.includes('unit')) failed += 1 }
if (existsSync(join(root, 'scripts/electronegativity.mjs'))) step('electron-scan', 'node', ['scripts/electronegativity.mjs'])
const hasSpecs = existsSync(join(root, 'e2e')) && readdirSync(join(root, 'e2e'), { recursive: true }).some((f) => String(f).endsWith('.spec.ts'))
if (hasSpecs) {
  step('e2e', npx('playwright'), ['test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/e2e.json' })
  try {
    const e = JSON.parse(readFileSync(join(root, 'test-results/e2e.json'), 'utf8'))
    passed += e.stats.expected; failed += e.stats.unexpected + (e.stats.flaky ?? 0); skipped += e.stats.skipped
    counts.push(...countLines(JSON.stringify(e)))
  } catch { if (!only.length || only.includes('e2e')) failed += 1 }
}

console.log('\n=== summary')
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds.toFixed(1)} s)`)
const MUST_BE_ZERO = ['canaryCalls', 'navigations', 'popups', 'outsideRequests', 'dangerousDom']
let nonZero = 0
for (const c of counts) {
  const bad = MUST_BE_ZERO.filter((k) => c[k] !== 0)
  nonZero += bad.length
  console.log(`xss (${c.mode}): ${c.payloadsTried} payloads tried; canary calls ${c.canaryCalls}, navigations ${c.navigations}, popups ${c.popups}, outside requests ${c.outsideRequests}, dangerous DOM ${c.dangerousDom}${bad.length ? ` — FAIL: ${bad.join(', ')} not 0` : ''}`)
}
if ((!only.length || only.includes('e2e')) && hasSpecs && counts.length === 0) { console.log('xss: FAIL — the corpus spec printed no counts'); nonZero++ }
const stepsFailed = results.filter((r) => !r.ok).length + (nonZero ? 1 : 0)
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exitCode = stepsFailed || failed ? 1 : 0
