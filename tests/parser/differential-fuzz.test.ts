// Differential fuzz in CI (issue 12, item 6): 10,000 seeded posts (INKPOST_FUZZ_POSTS overrides,
// INKPOST_FUZZ_SEED picks the first seed; `npm run fuzz -- --posts 100000 --seed N` for more)
// parsed by the reference (Nuxt Content 2.7.2's transformers) and by the project's parser, each in
// a child process with a 5 s limit per post (see tests/fuzz/differential-runner.ts). Never a crash
// or a hang, the same JSON wherever the reference succeeds, an error wherever it throws, a refusal
// (too deep / would hang) only where it fails or runs past its time, and the incremental parser
// equal to the whole parse after an edit. Without a reference the test is skipped, loudly.
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { describeDivergence, runDifferentialFuzz } from '../fuzz/differential-runner'
import { reportCounts } from '../support/report-counts'

const POSTS = Number(process.env.INKPOST_FUZZ_POSTS ?? 10_000)
const SEED = Number(process.env.INKPOST_FUZZ_SEED ?? 20_261_202)
const MUST_BE_ZERO = ['crashes', 'hangs', 'divergences', 'falseRefusals']

interface ReferenceLocator {
  locateReference(): string
  ReferenceMissing: new (...args: unknown[]) => Error
}

const locator = (await import(fileURLToPath(new URL('../../scripts/locate-reference.mjs', import.meta.url)))) as ReferenceLocator

function findReference(): { dir: string } | { missing: string } {
  try {
    return { dir: locator.locateReference() }
  } catch (error) {
    if (error instanceof locator.ReferenceMissing) return { missing: error.message.split('\n')[0] }
    throw error
  }
}

const reference = findReference()

if ('missing' in reference) {
  const reason = `no reference parser: ${reference.missing}`
  reportCounts({ name: 'fuzz', counts: {}, mustBeZero: MUST_BE_ZERO, mustBePositive: ['postsTried'], skipped: reason })
  console.warn(`\n${'!'.repeat(78)}\n!! DIFFERENTIAL FUZZ SKIPPED — ${reason}\n!! Nothing was compared with Nuxt Content: install the reference (see scripts/locate-reference.mjs).\n${'!'.repeat(78)}\n`)
}

describe('differential fuzz against the reference', () => {
  it.skipIf('missing' in reference)(`${POSTS} posts from seed ${SEED}: no crash, hang, divergence or false refusal`, async () => {
    const report = await runDifferentialFuzz({
      posts: POSTS,
      seed: SEED,
      referenceDir: (reference as { dir: string }).dir,
      log: (line) => console.log(line),
    })
    const { counts } = report
    reportCounts({ name: 'fuzz', counts: { ...counts }, mustBeZero: MUST_BE_ZERO, mustBePositive: ['postsTried'] })
    console.log(`fuzz: ${counts.postsTried} posts in ${(report.ms / 1000).toFixed(1)} s; ${counts.longPosts} long (${counts.sectionedPosts} parsed in sections), ` +
      `${counts.incrementalChecked} incremental re-parses after an edit (${counts.incrementalSectioned} spliced from sections); ` +
      `reference errors ${counts.referenceErrors}, reference ran past its time ${counts.referenceTimeouts}`)
    for (const [pair, n] of [...report.errorPairs].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`  both failed ×${n}: ${pair}`)
    const problems = report.divergences.map(describeDivergence).join('\n')
    expect(report.divergences, `divergences from the reference:\n${problems}`).toEqual([])
    expect(counts.postsTried).toBe(POSTS)
    expect(counts.sectionedPosts, 'some posts must take the sectioned fast path').toBeGreaterThan(0)
    expect(counts.incrementalSectioned, 'some incremental parses must splice sections').toBeGreaterThan(0)
  }, 900_000)
})
