#!/usr/bin/env node
// Regenerates the goldens of the project's own parser cases (tests/fixtures/cases/expected/<rel>.json)
// from the reference parser, by running its reference-parse.mjs over tests/fixtures/cases/content/.
// A golden is {"parsed": {...}} as the site stores it, or {"error": {"message": ...}} where the
// reference itself throws (the project must then fail with a clear error too).
// The copied fixtures (sample-site, expected, corpus) are ground truth and are never rewritten.
// Used by `UPDATE=1 npx vitest run tests/parser`; exits 2 with a clear message without a reference.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import { locateReference, ReferenceMissing, repoRoot } from './locate-reference.mjs'

const CASES = join(repoRoot, 'tests/fixtures/cases')

function markdownFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name)
    return statSync(full).isDirectory() ? markdownFiles(full) : name.endsWith('.md') ? [full] : []
  })
}

/** Runs the reference over every case and rewrites cases/expected; returns the number of goldens written. */
export function updateGoldens({ log = console.log } = {}) {
  const refDir = locateReference()
  const contentDir = join(CASES, 'content')
  const files = markdownFiles(contentDir).sort()
  const r = spawnSync(process.execPath, [join(refDir, 'reference-parse.mjs'), '--content-dir', contentDir, ...files], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  })
  const lines = r.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line))
  if (lines.length !== files.length) throw new Error(`reference-parse printed ${lines.length} results for ${files.length} files:\n${r.stderr}`)
  const expectedDir = join(CASES, 'expected')
  rmSync(expectedDir, { recursive: true, force: true })
  for (const line of lines) {
    const target = join(expectedDir, line.file + '.json')
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, JSON.stringify(line.parsed !== undefined ? { parsed: line.parsed } : { error: line.error }))
  }
  log(`update-goldens: wrote ${lines.length} goldens to ${relative(repoRoot, expectedDir).split(sep).join('/')} using the reference in ${refDir}`)
  return lines.length
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    updateGoldens()
  } catch (error) {
    if (error instanceof ReferenceMissing) {
      console.error(`UPDATE=1 cannot regenerate goldens: ${error.message}`)
      process.exitCode = 2
    } else throw error
  }
}
