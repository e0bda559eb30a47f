/** How long a recorded own write is remembered (the watcher reports within well under a second). */
export const OWN_WRITE_TTL_MS = 10_000

interface Record_ {
  versions: Set<string>
  unlink: boolean
  expires: number
}

/**
 * Remembers the writes, deletes and renames the services just made, so the file watcher can tell
 * them from external changes: a change whose content version we wrote ourselves is not news.
 * Keyed by absolute real path.
 */
export class OwnWrites {
  private readonly records = new Map<string, Record_>()

  constructor(private readonly now: () => number = Date.now) {}

  private record(file: string): Record_ {
    this.prune()
    let rec = this.records.get(file)
    if (!rec) {
      rec = { versions: new Set(), unlink: false, expires: 0 }
      this.records.set(file, rec)
    }
    rec.expires = this.now() + OWN_WRITE_TTL_MS
    return rec
  }

  /** We wrote `version` to `file`. */
  noteWrite(file: string, version: string): void {
    const rec = this.record(file)
    rec.versions.add(version)
    rec.unlink = false
  }

  /** We removed `file` (delete, or the old name of a rename). */
  noteUnlink(file: string): void {
    this.record(file).unlink = true
  }

  /** True when the file now holds a version we wrote. */
  isOwnWrite(file: string, version: string): boolean {
    this.prune()
    return this.records.get(file)?.versions.has(version) ?? false
  }

  /** True when we removed the file ourselves. */
  isOwnUnlink(file: string): boolean {
    this.prune()
    return this.records.get(file)?.unlink ?? false
  }

  private prune(): void {
    const now = this.now()
    for (const [file, rec] of this.records) if (rec.expires < now) this.records.delete(file)
  }
}
