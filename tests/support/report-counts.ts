// The counts a proof run reports to `npm test`'s summary (issue 12, item 9): each suite that tries
// attacks, faults or fuzz writes one JSON file here, and scripts/test.mjs prints them all at the end
// and fails the run when a must-be-zero count is not zero.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Where count files go (scripts/test.mjs empties it before a run and reads it after). */
export const COUNTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../test-results/counts')

/** One suite's report: what it tried, and which of its counts must be zero. */
export interface CountReport {
  /** Short kebab-case name shown in the summary, e.g. `fuzz` or `xss-csp`; also the file name. */
  name: string
  /** Counts in display order, e.g. `{ postsTried: 10000, divergences: 0 }`. */
  counts: Record<string, number>
  /** Keys of `counts` that must be 0 for the run to pass. */
  mustBeZero: string[]
  /** Keys of `counts` that must be above 0 (proof the run did what it says, e.g. writes it interrupted). */
  mustBePositive?: string[]
  /** Set when the suite could not run at all (e.g. the reference is missing): printed loudly. */
  skipped?: string
}

/**
 * Writes a suite's counts for the end-of-run summary. Call it after the suite has run, before its
 * assertions, so that a failing run still shows its numbers.
 */
export function reportCounts(report: CountReport): void {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(report.name)) throw new Error(`count report name must be kebab-case: ${report.name}`)
  mkdirSync(COUNTS_DIR, { recursive: true })
  const file = join(COUNTS_DIR, `${report.name}.json`)
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n')
  const shown = Object.entries(report.counts).map(([k, v]) => `${k} ${v}`).join(', ')
  console.log(`COUNTS ${report.name}: ${report.skipped ? `SKIPPED — ${report.skipped}` : shown}`)
}
