// What `npm start` does on this machine: the desktop app when Electron can run here, else browser
// mode with a one-line reason. Pure decisions over injected facts (Node version, Electron binary,
// environment, platform) so every branch is unit tested; scripts/start.mjs gathers the facts and acts.

/** Electron 43's installer needs at least this Node (major, minor). */
export const MIN_ELECTRON_NODE: readonly [number, number] = [22, 12]

/** Options of `npm start -- …`. */
export interface StartArgs {
  /** `--browser`: browser mode even when the desktop app could run. */
  browser: boolean
  /** `--site DIR` (or `--site=DIR`), as written. */
  site: string | null
  /** `--port N` for browser mode, as written. */
  port: string | null
  /** Everything else, passed on to Electron unchanged (e.g. Chromium switches). */
  rest: string[]
}

/** Parses the arguments after `npm start --`; unknown ones are kept for Electron. */
export function parseStartArgs(argv: readonly string[]): StartArgs {
  const args: StartArgs = { browser: false, site: null, port: null, rest: [] }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--browser') args.browser = true
    else if (arg === '--site' && i + 1 < argv.length) args.site = argv[++i]
    else if (arg.startsWith('--site=')) args.site = arg.slice('--site='.length)
    else if (arg === '--port' && i + 1 < argv.length) args.port = argv[++i]
    else if (arg.startsWith('--port=')) args.port = arg.slice('--port='.length)
    else args.rest.push(arg)
  }
  return args
}

/** What start.mjs knows about the machine. */
export interface StartFacts {
  /** `process.version`, e.g. "v20.20.2". */
  nodeVersion: string
  /** Path of the installed Electron executable, or null when there is none. */
  electronBinary: string | null
  /** Whether the Electron installer already ran (and failed to produce a binary) in this start. */
  installTried: boolean
  /** Whether `--browser` was given. */
  forceBrowser: boolean
  env: Readonly<Record<string, string | undefined>>
  platform: NodeJS.Platform
}

/** The decision: run Electron, try the installer first, or serve in the browser and say why. */
export type StartMode =
  | { kind: 'electron'; binary: string }
  | { kind: 'install' }
  | { kind: 'browser'; reason: string }

/** True when `version` ("v22.12.0" or "22.12.0") is at least `min`. */
export function nodeAtLeast(version: string, min: readonly [number, number] = MIN_ELECTRON_NODE): boolean {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number)
  if (!Number.isFinite(major)) return false
  return major > min[0] || (major === min[0] && (minor || 0) >= min[1])
}

/** Whether windows can be shown: on Linux (and other X11/Wayland systems) only with DISPLAY or WAYLAND_DISPLAY set. */
export function hasDisplay(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): boolean {
  if (platform === 'darwin' || platform === 'win32') return true
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY)
}

/** Picks how `npm start` runs, in the order: `--browser`, Node version, display, Electron binary (installer once). */
export function chooseStartMode(facts: StartFacts): StartMode {
  if (facts.forceBrowser) return { kind: 'browser', reason: '--browser given' }
  if (!nodeAtLeast(facts.nodeVersion)) {
    return { kind: 'browser', reason: `the desktop app needs Node >= ${MIN_ELECTRON_NODE.join('.')} to install Electron, this is Node ${facts.nodeVersion.replace(/^v/, '')}` }
  }
  if (!hasDisplay(facts.platform, facts.env)) return { kind: 'browser', reason: 'no display (DISPLAY and WAYLAND_DISPLAY are unset), so no desktop window can open' }
  if (facts.electronBinary) return { kind: 'electron', binary: facts.electronBinary }
  if (!facts.installTried) return { kind: 'install' }
  return { kind: 'browser', reason: 'the Electron binary is not installed and could not be downloaded' }
}

/** The command that opens `url` in the system browser, or null (with why) when none should run: no display, or `CI` set. */
export function browserOpenCommand(url: string, platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): { command: string; args: string[] } | { skipped: string } {
  if (env.CI) return { skipped: 'CI is set' }
  if (!hasDisplay(platform, env)) return { skipped: 'there is no display' }
  if (platform === 'darwin') return { command: 'open', args: [url] }
  // `start` is a cmd built-in; its first quoted argument is a window title, so pass an empty one
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '', url.replace(/&/g, '^&')] }
  return { command: 'xdg-open', args: [url] }
}
