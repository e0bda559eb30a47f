// Parses posts in worker threads with a time and memory limit, so no post can freeze the services
// (a 400 KB line without spaces takes upstream's autolink matching minutes). Every parse outside the
// renderer goes through here: the library's check, `inkpost check` / `parse` / `verify`, export.
import { existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { DEFAULT_PARSE_SETTINGS, type SiteParseSettings } from '../../shared/parser/content-options'
import { tryParseForSite, type SiteParseOutcome } from '../../shared/parser/parse-for-site'
import type { PostParseError } from '../../shared/parser/parse-types'
import type { LoadedPlugins } from '../../shared/parser/site-plugins'
import { describeMemoryHungryPost, describeSlowPost } from '../../shared/parser/slow-post-diagnosis'
import type { ParseAnswer, ParseJob } from './parse-worker'
import { siteParseSettings, type OpenSite } from './site-context'

/**
 * How long one post may take to parse by default before its worker is stopped: long enough for
 * any post the site builds in reasonable time (a 10 MB post takes ~20 s on an idle machine), short
 * enough that a post the site's parser crawls through (a 400 KB line without spaces: ~105 s) is
 * named instead of holding a worker for minutes. The preview has its own, shorter limit.
 */
export const DEFAULT_PARSE_TIME_LIMIT_MS = 60_000

/** How much heap one worker may use by default (`resourceLimits.maxOldGenerationSizeMb`). */
export const DEFAULT_PARSE_MEMORY_LIMIT_MB = 2048

/** How long a new worker may take to load before the pool gives up on workers and parses on its own thread. */
const STARTUP_LIMIT_MS = 60_000

/** Workers that fail to start in a row before the pool parses on its own thread (one failure may be a passing hiccup). */
const MAX_START_FAILURES = 3

/** Options of {@link ParsePool}. */
export interface ParsePoolOptions {
  /**
   * The worker script (the built `parse-worker.mjs`); default {@link defaultParseWorkerUrl}. Null,
   * or a file that does not exist, makes the pool parse on the calling thread without limits (see
   * {@link ParsePool.fallback}).
   */
  workerUrl?: URL | null
  /** How many workers at most; default min(2, cores). */
  size?: number
  /** Per-post time limit; default {@link DEFAULT_PARSE_TIME_LIMIT_MS}. */
  timeLimitMs?: number
  /** Per-worker heap limit in MB; default {@link DEFAULT_PARSE_MEMORY_LIMIT_MB}. */
  memoryLimitMb?: number
  /** A worker idle this long is stopped, giving its memory back (a new one starts when needed); default 30 s. */
  idleMs?: number
}

/** What to parse a post for, as `tryParseForSite` takes it, plus where the site's own plugins live. */
export interface PoolParseRequest {
  id: string
  settings?: SiteParseSettings
  plain?: boolean
  /** The site's plugins as this thread loaded them (their names tell the worker what to load; the functions serve the fallback). */
  plugins?: LoadedPlugins
  /** The site root the worker loads `plugins` from. */
  pluginRoot?: string
}

/** The folder the running bundle (or, under Vitest, this source file) is in. */
function hereDir(): string {
  // the CommonJS bundle (Electron main) has __filename; the ESM CLI bundle has import.meta.url
  if (typeof __filename === 'string') return path.dirname(__filename)
  return path.dirname(fileURLToPath(import.meta.url))
}

/**
 * The built worker beside the running bundle: `dist/cli/parse-worker.mjs` for the CLI,
 * `dist/electron/parse-worker.mjs` for the desktop app (scripts/build.mjs writes both). From the
 * TypeScript sources there is none (tests build one and pass it as `workerUrl`).
 */
export function defaultParseWorkerUrl(): URL {
  const file = path.join(hereDir(), 'parse-worker.mjs')
  // a packaged app keeps the worker out of its asar archive (electron-builder.yml's asarUnpack), so a thread loads a plain file
  const unpacked = file.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2')
  return pathToFileURL(unpacked !== file && existsSync(unpacked) ? unpacked : file)
}

interface Pending {
  job: ParseJob
  text: string
  request: PoolParseRequest
  resolve: (outcome: SiteParseOutcome) => void
}

interface Slot {
  worker: Worker
  ready: boolean
  busy: Pending | null
  timer: NodeJS.Timeout | null
  idle: NodeJS.Timeout | null
}

function failedOutcome(settings: SiteParseSettings, error: PostParseError): SiteParseOutcome {
  return { version: settings.version, family: settings.family, notices: [], parsed: null, stored: null, error }
}

/**
 * A few worker threads that parse posts as the services do (`tryParseForSite`), one post per
 * worker at a time. A post past the time limit has its worker terminated (a new one starts for the
 * next post) and gets a `too-slow` error naming the likely cause ({@link describeSlowPost}); one
 * past the memory limit gets `out-of-memory`. Workers start on first use, never keep the process
 * alive while idle, and stop on {@link close}. A site whose own plugins the worker cannot load as
 * this thread did is parsed here instead, as it is when there is no worker script.
 */
export class ParsePool {
  /** Why posts are parsed on the calling thread instead of in workers (no worker script, it failed to start), or null. */
  fallback: string | null = null
  /** Workers that failed to start since the last one that did. */
  private startFailures = 0
  /** How many workers were started so far (a stopped one is replaced by a new one). */
  started = 0
  private readonly url: URL | null
  private readonly size: number
  private readonly timeLimitMs: number
  private readonly memoryLimitMb: number
  private readonly idleMs: number
  private readonly slots: Slot[] = []
  private readonly queue: Pending[] = []
  private nextJob = 1

  constructor(options: ParsePoolOptions = {}) {
    this.url = options.workerUrl === undefined ? defaultParseWorkerUrl() : options.workerUrl
    this.size = Math.max(1, options.size ?? Math.min(2, os.availableParallelism?.() ?? os.cpus().length))
    this.timeLimitMs = options.timeLimitMs ?? DEFAULT_PARSE_TIME_LIMIT_MS
    this.memoryLimitMb = options.memoryLimitMb ?? DEFAULT_PARSE_MEMORY_LIMIT_MB
    this.idleMs = options.idleMs ?? 30_000
    if (!this.url) this.fallback = 'no worker script was given'
    else if (this.url.protocol === 'file:' && !existsSync(fileURLToPath(this.url))) this.fallback = `the worker script ${fileURLToPath(this.url)} is not built`
  }

  /** Parses `text` as `tryParseForSite` does, in a worker within the limits; never rejects. */
  parse(text: string, request: PoolParseRequest): Promise<SiteParseOutcome> {
    if (this.fallback) return this.parseHere(text, request)
    const settings = request.settings ?? DEFAULT_PARSE_SETTINGS
    const names = Object.keys(request.plugins ?? {})
    const job: ParseJob = {
      job: this.nextJob++, text, id: request.id, settings, plain: request.plain,
      ...(names.length > 0 && request.pluginRoot ? { plugins: { root: request.pluginRoot, names } } : {}),
    }
    if (names.length > 0 && !request.pluginRoot) return this.parseHere(text, request)
    return new Promise((resolve) => {
      this.queue.push({ job, text, request, resolve })
      this.pump()
    })
  }

  /** Terminates every worker; posts still waiting or being parsed get a "stopped" error. The pool starts new workers if used again. */
  async close(): Promise<void> {
    const stopping = this.slots.splice(0)
    for (const pending of this.queue.splice(0)) pending.resolve(failedOutcome(pending.job.settings, { kind: 'parser', message: 'The parse was stopped: Inkpost is closing the site' }))
    await Promise.all(stopping.map(async (slot) => {
      if (slot.timer) clearTimeout(slot.timer)
      if (slot.idle) clearTimeout(slot.idle)
      const pending = slot.busy
      slot.busy = null
      pending?.resolve(failedOutcome(pending.job.settings, { kind: 'parser', message: 'The parse was stopped: Inkpost is closing the site' }))
      await slot.worker.terminate()
    }))
  }

  private parseHere(text: string, request: PoolParseRequest): Promise<SiteParseOutcome> {
    return tryParseForSite(text, { id: request.id, settings: request.settings, plain: request.plain, plugins: request.plugins })
  }

  /** Hands queued posts to idle workers, starting workers up to the pool's size. */
  private pump(): void {
    while (this.queue.length > 0) {
      if (this.fallback) {
        for (const pending of this.queue.splice(0)) void this.parseHere(pending.text, pending.request).then(pending.resolve)
        return
      }
      const slot = this.slots.find((s) => s.ready && !s.busy)
      if (slot) {
        this.run(slot, this.queue.shift()!)
        continue
      }
      // a starting worker takes the next post once it is ready; start one per waiting post, up to the size
      const starting = this.slots.filter((s) => !s.ready).length
      if (starting >= this.queue.length || this.slots.length >= this.size) return
      this.start()
    }
  }

  private start(): void {
    const worker = new Worker(this.url!, { resourceLimits: { maxOldGenerationSizeMb: this.memoryLimitMb } })
    this.started++
    const slot: Slot = { worker, ready: false, busy: null, timer: null, idle: null }
    this.slots.push(slot)
    // loading the parser takes a moment; the time limit starts with the post, not with the thread
    slot.timer = setTimeout(() => this.giveUp(slot, `a parse worker did not start within ${STARTUP_LIMIT_MS / 1000} s`), STARTUP_LIMIT_MS)
    slot.timer.unref()
    worker.on('message', (message: ParseAnswer | { ready: true }) => {
      if ('ready' in message) {
        if (slot.timer) clearTimeout(slot.timer)
        slot.timer = null
        slot.ready = true
        this.startFailures = 0
        this.rest(slot)
        this.pump()
        return
      }
      this.answered(slot, message)
    })
    worker.on('error', (error: Error & { code?: string }) => this.failed(slot, error))
    worker.on('exit', () => this.failed(slot, null))
  }

  /** Sends one post to an idle worker and starts its time limit. */
  private run(slot: Slot, pending: Pending): void {
    if (slot.idle) clearTimeout(slot.idle)
    slot.idle = null
    slot.busy = pending
    slot.worker.ref() // a post being parsed keeps the process alive until it is answered
    slot.timer = setTimeout(() => {
      const seconds = Math.round(this.timeLimitMs / 100) / 10
      const found = describeSlowPost(pending.text, seconds)
      this.retire(slot, { kind: 'too-slow', message: found.message, ...(found.line ? { line: found.line, column: 1 } : {}) })
    }, this.timeLimitMs)
    slot.worker.postMessage(pending.job)
  }

  private answered(slot: Slot, answer: ParseAnswer): void {
    const pending = slot.busy
    if (!pending || pending.job.job !== answer.job) return
    if (slot.timer) clearTimeout(slot.timer)
    slot.timer = null
    slot.busy = null
    this.rest(slot)
    if ('outcome' in answer) pending.resolve(answer.outcome)
    else if ('pluginMismatch' in answer) void this.parseHere(pending.text, pending.request).then(pending.resolve)
    else pending.resolve(failedOutcome(pending.job.settings, { kind: answer.kind, message: answer.kind === 'too-deep' ? `too deeply nested to parse (${answer.failure})` : `Cannot parse this post: ${answer.failure}` }))
    this.pump()
  }

  /** An idle worker never keeps the process alive, and is stopped after {@link ParsePoolOptions.idleMs}. */
  private rest(slot: Slot): void {
    slot.worker.unref()
    if (slot.idle) clearTimeout(slot.idle)
    slot.idle = setTimeout(() => { if (!slot.busy) this.retire(slot, null) }, this.idleMs)
    slot.idle.unref()
  }

  /** A worker that died (out of memory, crashed) or exited: its post gets an error, and a new worker starts for the next one. */
  private failed(slot: Slot, error: (Error & { code?: string }) | null): void {
    if (!this.slots.includes(slot)) return
    if (!slot.ready && !slot.busy) {
      this.giveUp(slot, `a parse worker could not start (${error?.message ?? 'it exited'})`)
      return
    }
    const pending = slot.busy
    if (error?.code === 'ERR_WORKER_OUT_OF_MEMORY' && pending) {
      const found = describeMemoryHungryPost(pending.text, this.memoryLimitMb)
      this.retire(slot, { kind: 'out-of-memory', message: found.message, ...(found.line ? { line: found.line, column: 1 } : {}) })
    } else {
      this.retire(slot, { kind: 'parser', message: `Cannot parse this post: the parser stopped (${error?.message ?? 'its thread exited'})` })
    }
  }

  /** Stops a worker (its post, if any, gets `error`) and lets the queue go on with a new one. */
  private retire(slot: Slot, error: PostParseError | null): void {
    const at = this.slots.indexOf(slot)
    if (at !== -1) this.slots.splice(at, 1)
    if (slot.timer) clearTimeout(slot.timer)
    if (slot.idle) clearTimeout(slot.idle)
    slot.timer = null
    slot.idle = null
    const pending = slot.busy
    slot.busy = null
    void slot.worker.terminate()
    if (pending && error) pending.resolve(failedOutcome(pending.job.settings, error))
    this.pump()
  }

  /**
   * A worker did not start: another is tried, and after {@link MAX_START_FAILURES} in a row the
   * pool parses on this thread from now on, saying why.
   */
  private giveUp(slot: Slot, why: string): void {
    this.startFailures++
    if (this.startFailures >= MAX_START_FAILURES) this.fallback = `${why} (${this.startFailures} times in a row); posts are parsed without time or memory limits`
    this.retire(slot, { kind: 'parser', message: why })
  }
}

/** Parses a post as the open site stores it: in the site's parse pool when it has one, else on this thread. */
export function parseOnSite(site: OpenSite, text: string, options: { id: string; plain?: boolean }): Promise<SiteParseOutcome> {
  const settings = siteParseSettings(site)
  if (site.parsePool) return site.parsePool.parse(text, { id: options.id, settings, plain: options.plain, plugins: site.plugins, pluginRoot: site.root })
  return tryParseForSite(text, { id: options.id, settings, plain: options.plain, plugins: site.plugins })
}

/** {@link parseOnSite} for one site, as the `parse` option of `postFacts` takes it. */
export function siteParser(site: OpenSite): (text: string, options: { id: string; plain?: boolean }) => Promise<SiteParseOutcome> {
  return (text, options) => parseOnSite(site, text, options)
}
