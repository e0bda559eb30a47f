// Browser mode for `npm start`: picks the site (`--site`, else the last site browser mode opened,
// else an editable copy of the bundled sample site in the data folder), runs the same host as
// `inkpost serve`, prints the address and opens the system browser unless there is no display or CI.
import { spawn } from 'node:child_process'
import { promises as fsp } from 'node:fs'
import path from 'node:path'
import { chooseStartupSite } from '../startup-site'
import { browserDataDir, runServe } from './serve-command'
import { browserOpenCommand } from './start-plan'

/** Name of the recent-sites list in the data folder (written by the site service). */
const RECENT_FILE = 'recent-sites.json'

/** Options of {@link runBrowserStart}. */
export interface BrowserStartOptions {
  /** The Inkpost package root (holds assets/sample-site). */
  root: string
  /** `--site DIR`, resolved against the working folder, or null. */
  site: string | null
  /** `--port N`, or null for the default with fallback. */
  port: string | null
  env?: NodeJS.ProcessEnv
  platform?: NodeJS.Platform
}

/** The site roots browser mode opened before, newest first (an unreadable list counts as empty). */
export async function recentBrowserSites(dataDir: string): Promise<string[]> {
  try {
    const parsed: unknown = JSON.parse(await fsp.readFile(path.join(dataDir, RECENT_FILE), 'utf8'))
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : []
  } catch {
    return []
  }
}

/** Serves the chosen site until SIGINT/SIGTERM; resolves with `inkpost serve`'s exit status. */
export async function runBrowserStart(options: BrowserStartOptions): Promise<number> {
  const env = options.env ?? process.env
  const platform = options.platform ?? process.platform
  const dataDir = browserDataDir(env)
  const site = options.site
    ? path.resolve(options.site)
    : await chooseStartupSite({ requested: null, recent: await recentBrowserSites(dataDir), bundledSample: path.join(options.root, 'assets', 'sample-site'), dataDir })
  const args = [site, ...(options.port !== null ? ['--port', options.port] : [])]
  return runServe(args, {
    env,
    onListening: (host) => {
      const open = browserOpenCommand(host.url, platform, env)
      if ('skipped' in open) {
        process.stdout.write(`Open ${host.url} in a browser (not opened automatically: ${open.skipped}).\n`)
        return
      }
      const child = spawn(open.command, open.args, { stdio: 'ignore', detached: true })
      child.on('error', (error) => process.stdout.write(`Could not open a browser (${error.message}); open ${host.url} yourself.\n`))
      child.unref()
    },
  })
}
