import type { RecoveryService } from '../../shared/services/recovery-service'
import type { PostSession, SessionEditor } from './post-session'
import { pacedInterval } from './paced-interval'

/** How often dirty text is journaled for crash recovery, in ms. */
export const JOURNAL_INTERVAL_MS = 2000

/**
 * Crash-recovery journal: every `JOURNAL_INTERVAL_MS` it sends the text of each open post that has
 * unsaved changes to the host. A post is read and sent only when its change counter moved since its
 * last entry, so an idle window sends (and reads) nothing; a post over 1 MB is sent at most once
 * per {@link pacedInterval} (every 20 s for 10 MB).
 */
export class RecoveryJournal {
  private timer: ReturnType<typeof setInterval> | null = null
  private running = false
  private interval = JOURNAL_INTERVAL_MS

  constructor(
    private readonly recovery: Pick<RecoveryService, 'journal' | 'discard'>,
    private readonly sessions: () => Iterable<PostSession>,
    private readonly editor: () => SessionEditor | null,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Starts the periodic journal. */
  start(interval = JOURNAL_INTERVAL_MS): void {
    this.stop()
    this.interval = interval
    this.timer = setInterval(() => void this.tick(), interval)
  }

  /** Stops the periodic journal. */
  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  /** Journals each dirty post whose text changed since its last entry (best effort: a failure retries next tick). */
  async tick(): Promise<void> {
    if (this.running) return
    this.running = true
    try {
      for (const session of [...this.sessions()]) {
        const version = session.textVersion
        if (version === session.journaledVersion || !session.isDirty()) continue
        // a post over 1 MB is journaled less often (sending it holds the window up for a moment)
        const length = this.editor()?.lengthOf(session.file) ?? 0
        const gap = pacedInterval(this.interval, length)
        if (gap > this.interval) {
          // its first entry too waits a gap from the first change seen (not a stall as typing starts)
          if (session.journaledAt === 0) session.journaledAt = this.now()
          if (this.now() - session.journaledAt < gap) continue
        }
        const text = this.editor()?.textOf(session.file)
        if (text === null || text === undefined) continue
        try {
          await this.recovery.journal(session.file, text)
          session.journaledVersion = version
          session.journaledAt = this.now()
        } catch {
          // journaling is best effort; the next tick retries
        }
      }
    } finally {
      this.running = false
    }
  }

  /** Forgets the journal of `file` (saved, reloaded, deleted or declined). */
  discard(file: string): void {
    void this.recovery.discard(file).catch(() => undefined)
  }
}
