import type { RecoveryService } from '../../shared/services/recovery-service'
import type { PostSession, SessionEditor } from './post-session'

/** How often dirty text is journaled for crash recovery, in ms. */
export const JOURNAL_INTERVAL_MS = 2000

/**
 * Crash-recovery journal: every `JOURNAL_INTERVAL_MS` it sends the text of each open post that has
 * unsaved changes to the host. A post is read and sent only when its change counter moved since its
 * last entry, so an idle window sends (and reads) nothing.
 */
export class RecoveryJournal {
  private timer: ReturnType<typeof setInterval> | null = null
  private running = false

  constructor(
    private readonly recovery: Pick<RecoveryService, 'journal' | 'discard'>,
    private readonly sessions: () => Iterable<PostSession>,
    private readonly editor: () => SessionEditor | null,
  ) {}

  /** Starts the periodic journal. */
  start(interval = JOURNAL_INTERVAL_MS): void {
    this.stop()
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
        const text = this.editor()?.textOf(session.file)
        if (text === null || text === undefined) continue
        try {
          await this.recovery.journal(session.file, text)
          session.journaledVersion = version
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
