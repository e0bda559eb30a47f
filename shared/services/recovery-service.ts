/** A journaled unsaved text that is newer than its file on disk. */
export interface RecoveryEntry {
  file: string
  text: string
  /** When it was journaled, ms since the epoch. */
  savedAt: number
  /** The file's mtime when journaled, or null if the file did not exist. */
  diskMtime: number | null
}

/** Crash recovery: journals dirty text to the app's data folder and offers it back at start. */
export interface RecoveryService {
  /** Records the dirty text of `file` (the UI calls this every 2 s while dirty). */
  journal(file: string, text: string): Promise<void>
  /** Journals newer than their file, for the open site. */
  pending(): Promise<RecoveryEntry[]>
  /** Forgets the journal of `file` (after a successful save, or when the user declines). */
  discard(file: string): Promise<void>
}
