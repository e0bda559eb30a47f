// The project's side of the differential fuzz, run in a child process (bundled by esbuild, see
// differential-runner.ts) so that a hang in our parser is caught by the runner's time limit
// instead of freezing the test. Messages in: {@link ProjectJob}; out: {@link ProjectAnswer}.
import { IncrementalParser } from '../../shared/parser/incremental-parser'
import { normalizeLineEnds, tryParsePost } from '../../shared/parser/parse-post'
import { sectionBreaks } from '../../shared/parser/parse-in-sections'
import { bodyWithoutFrontmatter } from '../../shared/parser/split-frontmatter'

/** One post for the project's parser: a whole parse, or (with `before`) only the incremental parse of `before` then `source`. */
export interface ProjectJob {
  job: number
  source: string
  id: string
  before?: string
}

/** The project's outcome for one post, as strings so the runner compares exact bytes. */
export interface ProjectAnswer {
  job: number
  /** `JSON.stringify` of the parsed document, when there was no error. */
  json?: string
  error?: { kind: string; message: string }
  /** Thrown out of `tryParsePost` (which must never throw). */
  crash?: string
  /** Whether the long-post fast path (parse in sections) applies to this post. */
  sectioned: boolean
  /** The incremental parser after parsing `before` then `source`, when asked (then nothing else is parsed). */
  incremental?: { json?: string; error?: { kind: string; message: string }; mode: string; crash?: string }
}

function outcomeOf(parsed: unknown, error: { kind: string; message: string } | null): { json?: string; error?: { kind: string; message: string } } {
  if (error) return { error: { kind: error.kind, message: error.message } }
  return { json: JSON.stringify(parsed) }
}

function answer(job: ProjectJob): ProjectAnswer {
  if (job.before !== undefined) return { job: job.job, sectioned: false, incremental: incrementalAnswer(job, job.before) }
  let sectioned = false
  try {
    sectioned = sectionBreaks(bodyWithoutFrontmatter(normalizeLineEnds(job.source)).body).length > 0
  } catch {
    sectioned = false
  }
  let result: ProjectAnswer
  try {
    const outcome = tryParsePost(job.source, { id: job.id })
    result = { job: job.job, sectioned, ...outcomeOf(outcome.parsed, outcome.error) }
  } catch (error) {
    result = { job: job.job, sectioned, crash: String((error as Error)?.stack ?? error) }
  }
  return result
}

function incrementalAnswer(job: ProjectJob, before: string): ProjectAnswer['incremental'] {
  try {
    const parser = new IncrementalParser()
    parser.tryParse(before, job.id)
    const outcome = parser.tryParse(job.source, job.id)
    return { mode: outcome.stats.mode, ...outcomeOf(outcome.parsed, outcome.error) }
  } catch (error) {
    return { mode: 'crash', crash: String((error as Error)?.stack ?? error) }
  }
}

process.on('message', (job: ProjectJob) => {
  process.send?.(answer(job))
})
process.send?.({ ready: true })
