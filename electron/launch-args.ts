// Command-line options of the desktop app: `--site DIR` (or `--site=DIR`) opens that site.
import { resolve } from 'node:path'

/** Options parsed from the app's command line. */
export interface LaunchArgs {
  /** Absolute path of the site to open, when given. */
  site: string | null
}

/** Parses `argv` (Electron's `process.argv`; unknown flags such as Chromium switches are ignored). */
export function parseLaunchArgs(argv: readonly string[], cwd: string = process.cwd()): LaunchArgs {
  let site: string | null = null
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--site' && i + 1 < argv.length) site = argv[++i]
    else if (arg.startsWith('--site=')) site = arg.slice('--site='.length)
  }
  return { site: site ? resolve(cwd, site) : null }
}
