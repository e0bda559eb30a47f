// Writes output line by line with backpressure, and notices when the reader went away.
// `inkpost parse … | head -n 3` closes the pipe early: the writes then fail with EPIPE, which must
// stop the run quietly (no stack trace, no more parsing) instead of crashing or buffering forever.
import type { Writable } from 'node:stream'

/** Streams that already carry our permanent error listener (a late EPIPE must never go unhandled). */
const guarded = new WeakSet<Writable>()
/** The writer currently attached to each stream, so the permanent listener can tell it. */
const current = new WeakMap<Writable, LineWriter>()

/**
 * A writer that waits for 'drain' when the stream's buffer is full (so memory stays bounded however
 * many files are parsed) and turns a closed pipe into a flag instead of an exception.
 */
export class LineWriter {
  /** Set when the stream failed; later writes are dropped. */
  private failure: NodeJS.ErrnoException | null = null

  /** Wraps `stream`; installs a permanent error listener on it the first time. */
  constructor(private readonly stream: Writable) {
    current.set(stream, this)
    if (!guarded.has(stream)) {
      guarded.add(stream)
      // Stays attached after the run: a write that fails after main() returned must not crash Node.
      stream.on('error', (error: NodeJS.ErrnoException) => current.get(stream)?.fail(error))
    }
  }

  /** True once the stream failed (the reader closed the pipe, the disk is full, …). */
  get closed(): boolean {
    return this.failure !== null || this.stream.destroyed || this.stream.writableEnded
  }

  /** True when the failure is the reader going away (EPIPE): the caller should stop without a message. */
  get readerGone(): boolean {
    const code = this.failure?.code
    return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' || (this.failure === null && this.closed)
  }

  /** The failure, if any, for a diagnostic. */
  get error(): NodeJS.ErrnoException | null {
    return this.failure
  }

  /** Writes `text`; resolves once the stream can take more. Returns false when output is closed. */
  async write(text: string): Promise<boolean> {
    if (this.closed) return false
    let ok: boolean
    try {
      ok = this.stream.write(text)
    } catch (error) {
      this.fail(error as NodeJS.ErrnoException)
      return false
    }
    if (!ok && !this.closed) await this.waitForDrain()
    return !this.closed
  }

  /** Records a stream failure (called by the stream's error listener). */
  private fail(error: NodeJS.ErrnoException): void {
    if (this.failure === null) this.failure = error
  }

  /** Resolves on 'drain', or when the stream errors or closes (so a dead reader never hangs us). */
  private waitForDrain(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.stream.off('drain', done)
        this.stream.off('error', done)
        this.stream.off('close', done)
        resolve()
      }
      this.stream.on('drain', done)
      this.stream.on('error', done)
      this.stream.on('close', done)
    })
  }
}
