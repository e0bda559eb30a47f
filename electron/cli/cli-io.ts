// Where a CLI run reads its working folder from and writes its output to. `main()` uses the real
// process streams; tests pass their own streams and folder so a whole run can happen in-process.
import type { Writable } from 'node:stream'

/** The streams and working folder one CLI run uses; injectable so tests can run `main()` in-process. */
export interface CliIo {
  /** Machine-readable output (JSON lines for `parse`, help/version text). */
  stdout: Writable
  /** Human-readable diagnostics: usage errors, summaries. */
  stderr: Writable
  /** Folder relative paths on the command line are resolved against. */
  cwd: string
}

/** The real process streams and working folder. */
export function processCliIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }
}
