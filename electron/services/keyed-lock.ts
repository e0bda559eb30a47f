/**
 * Runs tasks one after another per key (a post's path, an image folder), so two saves of one post
 * or two imports into one folder never interleave, while different keys run side by side. A failed
 * task does not block the next one.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>()

  /** Runs `task` once every earlier task for `key` has settled; resolves or rejects with its outcome. */
  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve()
    const run = previous.then(task, task)
    const settled = run.catch(() => undefined)
    this.tails.set(key, settled)
    try {
      return await run
    } finally {
      if (this.tails.get(key) === settled) this.tails.delete(key)
    }
  }
}
