import type { SiteIndex } from '../../shared/checks/finding'
import type { SiteParseSettings } from '../../shared/parser/content-options'
import type { MinimarkNode, ParsedContent } from '../../shared/parser/parse-types'
import type { SlowPostDiagnosis } from '../../shared/parser/slow-post-diagnosis'
import type { CheckReply, DiagnoseMessage, DiagnosisReply, ParseReply, ParseRequest, ParseStarted, ResyncMessage, SiteIndexMessage, SiteSettingsMessage } from './parse-worker'

/**
 * The open post's text as the preview reads it: `version` changes with every edit, and `read()`
 * gives the current text (from CodeMirror's state), called only when a parse is about to be sent.
 */
export interface PostText {
  version: number
  read(): string | null
}

/** What the preview shows for the open post: the last parse (blocks put back together) and the last checks. */
export interface ParsedPost extends Omit<ParseReply, 'kind' | 'blocks'> {
  /** The stable key of each top-level block (unchanged blocks keep theirs across edits). */
  blockKeys: number[]
  images: CheckReply['images'] | null
  findings: CheckReply['findings']
}

/** A parse of the open post that ran past the time limit: the worker was restarted, this says why. */
export interface SlowParse extends SlowPostDiagnosis {
  file: string
  /** The limit it ran past, in seconds. */
  seconds: number
}

/** The preview's state for the open post: its last good parse (or null) and, when the newest text ran past the limit, why. */
export interface PreviewState {
  post: ParsedPost | null
  slow: SlowParse | null
}

/** The part of a Web Worker the client uses (a fake in tests). */
export interface ParseWorker {
  postMessage(message: unknown): void
  terminate(): void
  onmessage: ((event: MessageEvent) => void) | null
  onerror: ((event: ErrorEvent) => void) | null
}

/** How the client starts workers and keeps time (injectable for tests). */
export interface PreviewWorkerClientOptions {
  createWorker: () => ParseWorker
  /** A parse still running after this long is stopped: the worker is terminated and a fresh one started. */
  timeLimitMs: number
  /** Called with every new state (the React hook stores it). */
  onState: (state: PreviewState) => void
  setTimer?: (run: () => void, ms: number) => unknown
  clearTimer?: (timer: unknown) => void
}

/** The preview's parse time limit when nothing else is set (the site's parser needs ~1 s for a long ordinary post). */
export const DEFAULT_PARSE_TIME_LIMIT_MS = 10_000

/**
 * Talks to the preview's parse worker: sends the newest text at once when the worker is idle,
 * otherwise it waits for the parse in flight (nothing queued behind). Replies carry only the
 * blocks the window does not have yet; the others come from the last reply, so unchanged blocks
 * keep their objects. A parse still running after `timeLimitMs` (a post the site's parser is
 * quadratic on) is stopped: the worker is terminated, a fresh one started with the site's settings
 * and index, the state keeps the last good parse and gains a {@link SlowParse} from
 * `describeSlowPost`, and the next edit is parsed in the new worker.
 */
export class PreviewWorkerClient {
  private worker: ParseWorker | null = null
  private seq = 0
  /** The request in flight: its text (for the diagnosis) and its deadline timer. */
  private inFlight: { request: ParseRequest; timer: unknown } | null = null
  private pending = false
  private file: string | null = null
  private text: PostText | null = null
  private settings: SiteParseSettings | null = null
  private siteIndex: SiteIndex | null = null
  private blocks = new Map<number, MinimarkNode>()
  private checks: CheckReply | null = null
  private state: PreviewState = { post: null, slow: null }
  private readonly setTimer: (run: () => void, ms: number) => unknown
  private readonly clearTimer: (timer: unknown) => void
  private starts = 0

  constructor(private readonly options: PreviewWorkerClientOptions) {
    this.setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms))
    this.clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>))
    this.start()
  }

  /** The state last given to `onState`. */
  get current(): PreviewState {
    return this.state
  }

  /** Workers started so far (the first one included). */
  get workersStarted(): number {
    return this.starts
  }

  private start(): ParseWorker {
    const worker = this.options.createWorker()
    this.starts++
    worker.onmessage = (event: MessageEvent<ParseReply | CheckReply | DiagnosisReply | ParseStarted>) => { if (this.worker === worker) this.onReply(event.data) }
    worker.onerror = (event) => console.error('inkpost: preview parser failed', event.message)
    this.worker = worker
    if (this.settings) worker.postMessage({ type: 'site-settings', settings: this.settings } satisfies SiteSettingsMessage)
    if (this.siteIndex) worker.postMessage({ type: 'site-index', index: this.siteIndex } satisfies SiteIndexMessage)
    return worker
  }

  private emit(state: PreviewState): void {
    this.state = state
    this.options.onState(state)
  }

  /** The open post and its text changed (another file, or an edit): parses the newest text when the worker is free. */
  setText(file: string | null, text: PostText | null): void {
    if (file !== this.file) {
      // a new file: its blocks, checks and diagnosis start from nothing
      this.blocks = new Map()
      this.checks = null
      if (this.state.post || this.state.slow) this.emit({ post: null, slow: null })
    }
    this.file = file
    this.text = text
    if (file === null || text === null) { if (this.state.post || this.state.slow) this.emit({ post: null, slow: null }); return }
    this.send()
  }

  /** The site's parse settings changed: the worker parses for them from now on (from the next {@link setText}). */
  setSettings(settings: SiteParseSettings | null): void {
    this.settings = settings
    if (settings) this.worker?.postMessage({ type: 'site-settings', settings } satisfies SiteSettingsMessage)
  }

  /** The site's index changed (posts, public files): the checks use it from now on. */
  setSiteIndex(index: SiteIndex | null): void {
    this.siteIndex = index
    if (index) this.worker?.postMessage({ type: 'site-index', index } satisfies SiteIndexMessage)
  }

  /** Stops the worker and its timer (the window is going away). */
  dispose(): void {
    if (this.inFlight) this.clearTimer(this.inFlight.timer)
    this.inFlight = null
    this.worker?.terminate()
    this.worker = null
  }

  private send(): void {
    const worker = this.worker
    if (!worker || this.file === null || this.text === null) return
    if (this.inFlight) { this.pending = true; return }
    const source = this.text.read()
    if (source === null) return
    this.pending = false
    const request: ParseRequest = { seq: ++this.seq, file: this.file, source }
    // the limit counts from the worker's "started" (its boot and the previous text's checks are not
    // the parse); this longer deadline covers a worker that never gets to it
    const timer = this.setTimer(() => this.onTimeout(request), this.options.timeLimitMs * 3 + 10_000)
    this.inFlight = { request, timer }
    worker.postMessage(request)
  }

  /**
   * The parse of `request` ran past the limit: the worker is replaced, the fresh one says why
   * (`describeSlowPost`, off the window's thread) and then parses the next edit.
   */
  private onTimeout(request: ParseRequest): void {
    if (this.inFlight?.request !== request) return
    this.inFlight = null
    this.worker?.terminate()
    this.worker = null
    // the new worker has sent the window nothing yet: its first reply carries every block
    this.blocks = new Map()
    const fresh = this.start()
    if (request.file === this.file) {
      const seconds = Math.round(this.options.timeLimitMs / 100) / 10
      const message: DiagnoseMessage = { type: 'diagnose', seq: request.seq, file: request.file, source: request.source, seconds }
      fresh.postMessage(message)
    }
    // an edit made while the slow parse ran is parsed now; otherwise the next edit is
    if (this.pending) this.send()
  }

  private onReply(reply: ParseReply | CheckReply | DiagnosisReply | ParseStarted): void {
    const shown = this.file
    if (reply.kind === 'started') {
      const inFlight = this.inFlight
      if (inFlight && inFlight.request.seq === reply.seq) {
        this.clearTimer(inFlight.timer)
        inFlight.timer = this.setTimer(() => this.onTimeout(inFlight.request), this.options.timeLimitMs)
      }
      return
    }
    if (reply.kind === 'diagnosis') {
      // shown unless a newer text of the file parsed meanwhile (then the preview is current again)
      const post = this.state.post && this.state.post.file === reply.file ? this.state.post : null
      if (reply.file !== shown || (post && post.seq > reply.seq)) return
      this.emit({ post, slow: { ...reply.diagnosis, file: reply.file, seconds: reply.seconds } })
      return
    }
    if (reply.kind === 'checks') {
      if (reply.file !== shown || (this.checks && this.checks.file === reply.file && this.checks.seq > reply.seq)) return
      this.checks = reply
      const post = this.state.post
      if (post && post.file === reply.file) this.emit({ ...this.state, post: { ...post, images: reply.images, findings: reply.findings } })
      return
    }
    // the answer to the parse in flight ends its deadline; a later (highlighted) reply of an older text does not
    if (this.inFlight && this.inFlight.request.seq <= reply.seq) {
      this.clearTimer(this.inFlight.timer)
      this.inFlight = null
    }
    // every reply updates the blocks the window holds (the worker counts on it), shown or not
    const held = this.blocks
    const next = new Map<number, MinimarkNode>()
    const children: MinimarkNode[] = []
    let missing = false
    for (const ref of reply.blocks) {
      const node = ref.node ?? held.get(ref.key)
      if (!node) { missing = true; break }
      next.set(ref.key, node)
      children.push(node)
    }
    if (missing) {
      this.blocks = new Map()
      this.worker?.postMessage({ type: 'resync' } satisfies ResyncMessage)
      this.pending = true
    } else {
      this.blocks = next
      if (reply.seq === this.seq && reply.file === shown) {
        const parsed: ParsedContent | null = reply.outcome.parsed ? { ...reply.outcome.parsed, body: { ...reply.outcome.parsed.body, children } } : null
        const checks = this.checks && this.checks.file === reply.file ? this.checks : null
        const { kind: _kind, blocks: refs, ...rest } = reply
        void _kind
        const post: ParsedPost = { ...rest, outcome: { ...reply.outcome, parsed }, blockKeys: refs.map((b) => b.key), images: checks?.images ?? null, findings: checks?.findings ?? null }
        this.emit({ post, slow: null })
      }
    }
    if (this.pending) this.send()
  }
}
