// The differential fuzz (issue 12, item 6): seeded posts (post-generator.ts) parsed by the
// reference (Nuxt Content 2.7.2's transformers) and by the project's parser, each in its own
// long-lived child process with a time limit per post, over `lanes` pairs of processes.
// Rules, per post:
// - ours never crashes and never runs past the limit (past it, it is retried once in a fresh
//   child with four times the limit: only a parse past both is a hang);
// - where the reference succeeds, ours succeeds with the same JSON.stringify bytes;
// - where the reference throws, ours reports an error too (message pairs are recorded only);
// - ours refuses (too deep / would hang) only where the reference fails or runs past its time;
// - the incremental parser (after an edit) gives exactly what the whole parse gives.
// Divergences are shrunk by removing lines while the same problem stays.
import { build } from 'esbuild'
import { mkdirSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { editPost, generatePost } from './post-generator'
import type { ProjectAnswer, ProjectJob } from './project-worker'
import { TimedChild, type TimedAnswer } from './timed-child'

/** Options of one fuzz run. */
export interface FuzzOptions {
  posts: number
  seed: number
  /** The installed reference folder (locateReference()). */
  referenceDir: string
  /** Pairs of child processes (reference + ours) working in parallel. */
  lanes?: number
  /** Per-post time limit of each side, ms. */
  limitMs?: number
  /** Divergences to shrink (each costs re-parses); the rest are reported as found. */
  shrinkAtMost?: number
  /** Repository root (where tests/fuzz lives). */
  root?: string
  log?: (line: string) => void
}

/** The counts the fuzz reports (first the ones `reportCounts` checks, then informative ones). */
export interface FuzzCounts {
  postsTried: number
  referenceErrors: number
  referenceTimeouts: number
  crashes: number
  hangs: number
  divergences: number
  falseRefusals: number
  longPosts: number
  sectionedPosts: number
  incrementalChecked: number
  incrementalSectioned: number
  bothFailed: number
  oursParsedWhereReferenceHung: number
  slowRetries: number
}

type Problem = 'crash' | 'hang' | 'divergence' | 'falseRefusal'

/** One post on which the project and the reference disagree (or ours crashed / hung). */
export interface Divergence {
  seed: number
  problem: Problem
  what: string
  /** The post, shrunk when it could be. */
  source: string
  originalLength: number
}

/** What a run found. */
export interface FuzzReport {
  counts: FuzzCounts
  divergences: Divergence[]
  /** Reference error → our error kind, with how often (messages need not be equal). */
  errorPairs: Map<string, number>
  /** Seeds of the first posts the reference ran past its time on. */
  referenceTimeoutSeeds: number[]
  ms: number
}

const ID = 'content:blog:post.md'

interface ReferenceAnswer {
  job: number
  json?: string
  error?: { kind: string; message: string }
}

interface Lane {
  reference: TimedChild<{ job: number; source: string; id: string }, ReferenceAnswer>
  ours: TimedChild<ProjectJob, ProjectAnswer>
}

interface Verdict {
  problem: Problem | null
  what: string
  reference: 'ok' | 'error' | 'timeout'
  answer?: ProjectAnswer
  referenceError?: string
  slowRetry: boolean
}

function isRefusal(error: { kind: string; message: string }): boolean {
  return error.kind === 'too-deep' || /never finishes/.test(error.message)
}

function firstDifference(a: string, b: string): string {
  let i = 0
  while (i < a.length && a[i] === b[i]) i++
  const from = Math.max(0, i - 60)
  return `at char ${i}: reference …${JSON.stringify(a.slice(from, i + 80))} vs ours …${JSON.stringify(b.slice(from, i + 80))}`
}

async function askOurs(lane: Lane, job: ProjectJob, limitMs: number): Promise<{ answer: TimedAnswer<ProjectAnswer>; slowRetry: boolean }> {
  const first = await lane.ours.ask(job, limitMs)
  if (first.state !== 'timeout') return { answer: first, slowRetry: false }
  // The machine may be busy (other test files, other jobs): a hang is a parse that also runs past
  // four times the limit, in a fresh child.
  return { answer: await lane.ours.ask(job, 4 * limitMs), slowRetry: true }
}

/** Parses one post on both sides of a lane and says what (if anything) is wrong. */
async function check(lane: Lane, job: number, source: string, before: string | undefined, limitMs: number): Promise<Verdict> {
  const oursBoth = async () => {
    const whole = await askOurs(lane, { job, source, id: ID }, limitMs)
    if (before === undefined || whole.answer.state !== 'answer') return whole
    // two parses (the edited post, then the post from the sections it shares): twice the time
    const incremental = await askOurs(lane, { job, source, id: ID, before }, 2 * limitMs)
    const inc = incremental.answer
    const answer: TimedAnswer<ProjectAnswer> = inc.state === 'answer' ? { ...whole.answer, value: { ...whole.answer.value, incremental: inc.value.incremental } } : inc
    return { answer, slowRetry: whole.slowRetry || incremental.slowRetry }
  }
  const [reference, mine] = await Promise.all([lane.reference.ask({ job, source, id: ID }, limitMs), oursBoth()])
  const ours = mine.answer
  const ref: Verdict['reference'] = reference.state === 'answer' ? (reference.value.error ? 'error' : 'ok') : 'timeout'
  const base = { reference: ref, slowRetry: mine.slowRetry, referenceError: reference.state === 'answer' ? reference.value.error?.message : undefined }
  if (ours.state === 'timeout') return { ...base, problem: 'hang', what: `our parser ran past its time limit (${limitMs} ms a parse), then past ${4 * limitMs} ms in a fresh process` }
  if (ours.state === 'died') return { ...base, problem: 'crash', what: `our parser's process died: ${ours.why}` }
  const answer = ours.value
  const verdict = (problem: Problem | null, what: string): Verdict => ({ ...base, answer, problem, what })
  if (answer.crash) return verdict('crash', `tryParsePost threw: ${answer.crash.split('\n').slice(0, 3).join(' ')}`)
  if (answer.incremental?.crash) return verdict('crash', `the incremental parser threw: ${answer.incremental.crash.split('\n').slice(0, 3).join(' ')}`)
  if (ref === 'ok') {
    const expected = (reference as { value: ReferenceAnswer }).value.json as string
    if (answer.error) {
      return verdict(isRefusal(answer.error) ? 'falseRefusal' : 'divergence', `the reference parses it, ours fails: [${answer.error.kind}] ${answer.error.message}`)
    }
    if (answer.json !== expected) return verdict('divergence', `output differs ${firstDifference(expected, answer.json ?? '')}`)
  } else if (ref === 'error' && !answer.error) {
    return verdict('divergence', `the reference throws "${base.referenceError}", ours parses it`)
  }
  const inc = answer.incremental
  if (inc && (inc.json !== answer.json || inc.error?.kind !== answer.error?.kind || inc.error?.message !== answer.error?.message)) {
    const what = inc.json && answer.json ? firstDifference(answer.json, inc.json) : `whole: ${answer.error?.message ?? 'parsed'}; incremental: ${inc.error?.message ?? 'parsed'}`
    return verdict('divergence', `the incremental parser (${inc.mode}, after an edit) differs from the whole parse: ${what}`)
  }
  return verdict(null, '')
}

/** Removes lines (halving chunk sizes) while the post still shows the same problem. */
async function shrink(lane: Lane, source: string, problem: Problem, before: string | undefined, limitMs: number, budgetMs: number): Promise<string> {
  const until = performance.now() + budgetMs
  let lines = source.split('\n')
  for (let size = Math.max(1, Math.floor(lines.length / 2)); size >= 1; size = Math.floor(size / 2)) {
    for (let at = 0; at < lines.length && performance.now() < until; ) {
      const candidate = [...lines.slice(0, at), ...lines.slice(at + size)]
      const text = candidate.join('\n')
      const verdict = await check(lane, -1, text, before, limitMs)
      if (candidate.length && verdict.problem === problem) lines = candidate
      else at += size
    }
  }
  return lines.join('\n')
}

/** Bundles the project worker (TypeScript, with the parser) for plain Node; returns its path. */
async function bundleProjectWorker(root: string): Promise<string> {
  const dir = join(root, 'test-results/fuzz-build')
  mkdirSync(dir, { recursive: true })
  const outfile = join(dir, `project-worker-${process.pid}-${Date.now()}.mjs`)
  await build({ entryPoints: [join(root, 'tests/fuzz/project-worker.ts')], bundle: true, format: 'esm', platform: 'node', packages: 'external', outfile, logLevel: 'warning' })
  return outfile
}

/** Runs the fuzz: `posts` posts from seeds `seed`, `seed + 1`, … (see {@link FuzzOptions}). */
export async function runDifferentialFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = performance.now()
  const root = options.root ?? resolve(dirname(fileURLToPath(import.meta.url)), '../..')
  const limitMs = options.limitMs ?? 5000
  const log = options.log ?? (() => {})
  const shrinkAtMost = options.shrinkAtMost ?? 10
  const worker = await bundleProjectWorker(root)
  const lanes: Lane[] = Array.from({ length: options.lanes ?? 2 }, () => ({
    reference: new TimedChild(join(root, 'tests/fuzz/reference-worker.mjs'), [options.referenceDir]),
    ours: new TimedChild(worker),
  }))
  const counts: FuzzCounts = {
    postsTried: 0, referenceErrors: 0, referenceTimeouts: 0, crashes: 0, hangs: 0, divergences: 0, falseRefusals: 0,
    longPosts: 0, sectionedPosts: 0, incrementalChecked: 0, incrementalSectioned: 0, bothFailed: 0, oursParsedWhereReferenceHung: 0, slowRetries: 0,
  }
  const divergences: Divergence[] = []
  const errorPairs = new Map<string, number>()
  const referenceTimeoutSeeds: number[] = []
  let next = 0
  let shrunk = 0
  const work = async (lane: Lane) => {
    while (next < options.posts) {
      const index = next++
      const seed = (options.seed + index) >>> 0
      const post = generatePost(seed)
      const before = post.shape !== 'short' || seed % 25 === 0 ? editPost(post.source, seed) : undefined
      const verdict = await check(lane, index, post.source, before, limitMs)
      counts.postsTried++
      if (post.shape === 'long') counts.longPosts++
      if (verdict.answer?.sectioned) counts.sectionedPosts++
      if (verdict.answer?.incremental) counts.incrementalChecked++
      if (verdict.answer?.incremental?.mode === 'sections') counts.incrementalSectioned++
      if (verdict.slowRetry) counts.slowRetries++
      if (verdict.reference === 'error') counts.referenceErrors++
      if (verdict.reference === 'timeout' && counts.referenceTimeouts++ < 50) referenceTimeoutSeeds.push(seed)
      if (verdict.reference === 'timeout' && verdict.answer?.json !== undefined) counts.oursParsedWhereReferenceHung++
      if (verdict.reference === 'error' && verdict.answer?.error) {
        counts.bothFailed++
        const key = `${(verdict.referenceError ?? '').replace(/\d+/g, 'N').slice(0, 70)} → ${verdict.answer.error.kind}`
        errorPairs.set(key, (errorPairs.get(key) ?? 0) + 1)
      }
      if (!verdict.problem) continue
      counts[verdict.problem === 'crash' ? 'crashes' : verdict.problem === 'hang' ? 'hangs' : verdict.problem === 'falseRefusal' ? 'falseRefusals' : 'divergences']++
      const source = shrunk++ < shrinkAtMost ? await shrink(lane, post.source, verdict.problem, before, limitMs, 30_000) : post.source
      divergences.push({ seed, problem: verdict.problem, what: verdict.what, source, originalLength: post.source.length })
      log(`fuzz: ${verdict.problem} at seed ${seed}: ${verdict.what.slice(0, 300)}\n  post (${source.length} of ${post.source.length} chars): ${JSON.stringify(source).slice(0, 600)}`)
    }
  }
  const progress = setInterval(() => log(`fuzz: ${counts.postsTried}/${options.posts} posts, ${divergences.length} problems, ${((performance.now() - started) / 1000).toFixed(0)} s`), 15_000)
  try {
    await Promise.all(lanes.map(work))
  } finally {
    clearInterval(progress)
    for (const lane of lanes) {
      lane.reference.close()
      lane.ours.close()
    }
    rmSync(worker, { force: true })
  }
  return { counts, divergences, errorPairs, referenceTimeoutSeeds, ms: performance.now() - started }
}

/** What {@link checkPosts} says of one post. */
export interface PostCheck {
  /** The problem, or null when the project's parser behaved as it must. */
  problem: Problem | null
  what: string
  reference: 'ok' | 'error' | 'timeout'
  /** The project's error, when it reported one. */
  error?: { kind: string; message: string }
}

/** Checks given posts the way the fuzz checks its own (one lane; `before` asks for an incremental parse after that text). */
export async function checkPosts(posts: ReadonlyArray<{ source: string; before?: string }>, referenceDir: string, limitMs = 5000, root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')): Promise<PostCheck[]> {
  const worker = await bundleProjectWorker(root)
  const lane: Lane = { reference: new TimedChild(join(root, 'tests/fuzz/reference-worker.mjs'), [referenceDir]), ours: new TimedChild(worker) }
  try {
    const results: PostCheck[] = []
    for (const [i, post] of posts.entries()) {
      const verdict = await check(lane, i, post.source, post.before, limitMs)
      results.push({ problem: verdict.problem, what: verdict.what, reference: verdict.reference, error: verdict.answer?.error })
    }
    return results
  } finally {
    lane.reference.close()
    lane.ours.close()
    rmSync(worker, { force: true })
  }
}

/** One divergence as printed: problem, seed, what, and the (shrunk) post. */
export function describeDivergence(d: Divergence): string {
  return `${d.problem} (seed ${d.seed}): ${d.what}\n    post (${d.source.length} of ${d.originalLength} chars): ${JSON.stringify(d.source).slice(0, 2000)}`
}
