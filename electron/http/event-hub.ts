import type { InkpostEvent } from '../../shared/services/events'

/** Fans host events out to every connected SSE client (and anything else that subscribes). */
export class EventHub {
  private readonly listeners = new Set<(event: InkpostEvent) => void>()

  /** Delivers `event` to every subscriber; a failing subscriber never stops the others. */
  emit = (event: InkpostEvent): void => {
    for (const listener of [...this.listeners]) {
      try { listener(event) } catch { /* a broken connection is cleaned up by its own close handler */ }
    }
  }

  /** Adds a listener; returns the unsubscribe function. */
  subscribe(listener: (event: InkpostEvent) => void): () => void {
    this.listeners.add(listener)
    return () => { this.listeners.delete(listener) }
  }

  /** Number of subscribers (for tests and diagnostics). */
  get size(): number {
    return this.listeners.size
  }
}
