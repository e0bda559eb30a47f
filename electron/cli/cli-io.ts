// Where a CLI run reads its working folder from and writes its output to. `main()` uses the real
// process streams; tests pass their own streams and folder so a whole run can happen in-process.
import type { Readable, Writable } from 'node:stream'

/** The streams and working folder one CLI run uses; injectable so tests can run `main()` in-process. */
export interface CliIo {
  /** Machine-readable output (JSON lines for `parse`, help/version text). */
  stdout: Writable
  /** Human-readable diagnostics: usage errors, summaries. */
  stderr: Writable
  /** Folder relative paths on the command line are resolved against. */
  cwd: string
  /** Input for `inkpost parse -` (one post from standard input); absent when there is none. */
  stdin?: Readable
}

/** The real process streams and working folder. */
export function processCliIo(): CliIo {
  // stdin is only touched when a run asks for it (`parse -`), so other runs never open it
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), get stdin() { return process.stdin } }
}
