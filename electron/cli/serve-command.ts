// `inkpost serve SITE_DIR [--port N] [--allow-open]`: browser mode. Opens the site with the shared
// services and serves the built renderer plus the service API on 127.0.0.1 until SIGINT/SIGTERM.
// From the command line the server runs in a worker thread and the main thread only waits for
// signals, so Ctrl+C and SIGTERM stop it even while a post's parse blocks the server's thread.
import os from 'node:os'
import path from 'node:path'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { fork } from 'node:child_process'
import { isMainThread, parentPort } from 'node:worker_threads'
import { ServiceError } from '../../shared/services/service-error'
import { EventHub } from '../http/event-hub'
import { exportFileBaseFor, newFileKey, siteFileBaseFor, startHttpHost, type HttpHost } from '../http/http-host'
import { createServices } from '../services/create-services'

/** Port tried first when `--port` is not given; if it is busy a free port is picked instead. */
export const DEFAULT_PORT = 4873

/** Usage text of `inkpost serve`. */
export const SERVE_USAGE = `Usage: inkpost serve SITE_DIR [--port N] [--allow-open]

Serves the Inkpost writing app for the Nuxt Content site in SITE_DIR at http://127.0.0.1:PORT/
(loopback only) and prints the address with its access token. Stop with Ctrl+C.

Options:
  --port N   Port to listen on (default ${DEFAULT_PORT}, or a free port if that one is busy;
             0 = any free port). With an explicit busy port it fails.
  --allow-open  Let the page open any folder as a site (by default only SITE_DIR and the
             recent sites: whoever holds the address could otherwise read any folder).
  -h, --help Show this help.

Environment:
  INKPOST_DATA_DIR  Folder for recovery journals and recent sites
                    (default $XDG_DATA_HOME/inkpost or ~/.local/share/inkpost).
`

/** Parsed arguments of `inkpost serve`. */
export interface ServeArgs {
  siteDir: string
  /** Explicit port, or null for the default with fallback. */
  port: number | null
  /** `--allow-open`: site.open may reach any folder. */
  allowOpen: boolean
  help: boolean
}

/** Parses `serve` arguments; throws an Error with a usage message on bad input. */
export function parseServeArgs(args: string[]): ServeArgs {
  let siteDir: string | null = null
  let port: number | null = null
  let help = false
  let allowOpen = false
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    if (arg === '-h' || arg === '--help') help = true
    else if (arg === '--allow-open') allowOpen = true
    else if (arg === '--port' || arg.startsWith('--port=')) {
      const value = arg === '--port' ? args[++i] : arg.slice('--port='.length)
      if (value === undefined || !/^\d+$/.test(value) || Number(value) > 65535) throw new Error(`--port needs a number from 0 to 65535, got ${value === undefined ? 'nothing' : `"${value}"`}`)
      port = Number(value)
    } else if (arg.startsWith('-') && arg !== '-') throw new Error(`unknown option ${arg}`)
    else if (siteDir === null) siteDir = arg
    else throw new Error(`unexpected argument "${arg}" (only one SITE_DIR)`)
  }
  if (!help && siteDir === null) throw new Error('missing SITE_DIR')
  return { siteDir: siteDir ?? '', port, allowOpen, help }
}

/** The browser-mode data folder: INKPOST_DATA_DIR, else $XDG_DATA_HOME/inkpost, else ~/.local/share/inkpost. */
export function browserDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.INKPOST_DATA_DIR) return path.resolve(env.INKPOST_DATA_DIR)
  if (env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME)) return path.join(env.XDG_DATA_HOME, 'inkpost')
  return path.join(os.homedir(), '.local', 'share', 'inkpost')
}

/** The Inkpost package root: the nearest folder above this module with Inkpost's package.json (works from src and from dist/cli). */
export function packageRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string | null {
  let dir = from
  for (;;) {
    const candidate = path.join(dir, 'package.json')
    if (existsSync(candidate)) {
      try {
        if ((JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'inkpost') return dir
      } catch { /* keep looking */ }
    }
    const parent = path.dirname(dir)
    if (parent === dir) return null
    dir = parent
  }
}

function packageVersion(root: string | null): string {
  if (!root) return 'unknown'
  try {
    return (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

/** Output streams (injectable for tests). */
export interface ServeIo {
  stdout: { write(text: string): unknown }
  stderr: { write(text: string): unknown }
}

/** Options for tests: a signal that stops the server instead of SIGINT/SIGTERM, and a hook receiving the running host. */
export interface ServeControl {
  io?: ServeIo
  stop?: AbortSignal
  onListening?: (host: HttpHost) => void
  env?: NodeJS.ProcessEnv
}

/**
 * Runs `inkpost serve`. Resolves with the exit status once stopped (0 after SIGINT/SIGTERM,
 * 1 when the site cannot be opened or the port is taken, 2 for usage errors).
 */
export async function runServe(args: string[], control: ServeControl = {}): Promise<number> {
  const io = control.io ?? { stdout: process.stdout, stderr: process.stderr }
  const env = control.env ?? process.env
  let parsed: ServeArgs
  try {
    parsed = parseServeArgs(args)
  } catch (error) {
    io.stderr.write(`inkpost serve: ${(error as Error).message}\n\n${SERVE_USAGE}`)
    return 2
  }
  if (parsed.help) {
    io.stdout.write(SERVE_USAGE)
    return 0
  }
  const entry = process.argv[1]
  if (!env[CHILD_MARK] && isMainThread && !control.stop && !control.onListening && io.stdout === process.stdout && entry && existsSync(entry)) return superviseServe(entry, io)
  const siteDir = path.resolve(parsed.siteDir)
  const root = packageRoot()
  const rendererDir = env.INKPOST_RENDERER_DIR ? path.resolve(env.INKPOST_RENDERER_DIR) : path.join(root ?? process.cwd(), 'dist', 'renderer')
  const events = new EventHub()
  const dataDir = browserDataDir(env)
  const fileKey = newFileKey()
  const services = createServices({
    dataDir,
    host: { mode: 'browser', siteFileBase: siteFileBaseFor(fileKey), version: packageVersion(root) },
    exportFileBase: exportFileBaseFor(fileKey),
    emit: events.emit,
  })
  try {
    await services.site.open(siteDir)
  } catch (error) {
    const message = error instanceof ServiceError || error instanceof Error ? error.message : String(error)
    io.stderr.write(`inkpost serve: cannot open ${siteDir}: ${message}\n`)
    await services.dispose()
    return 1
  }
  const openable = [(await services.site.current())?.root ?? siteDir]
  const hostOptions = { services, events, rendererDir, exportsDir: path.join(dataDir, 'exports'), fileKey, openable, allowOpen: parsed.allowOpen }
  let host: HttpHost
  try {
    try {
      host = await startHttpHost({ ...hostOptions, port: parsed.port ?? DEFAULT_PORT })
    } catch (error) {
      if ((error as { code?: string }).code !== 'EADDRINUSE' || parsed.port !== null) throw error
      host = await startHttpHost({ ...hostOptions, port: 0 })
    }
  } catch (error) {
    const code = (error as { code?: string }).code
    io.stderr.write(`inkpost serve: cannot listen on 127.0.0.1:${parsed.port ?? DEFAULT_PORT}: ${code === 'EADDRINUSE' ? 'the port is already in use (try --port 0 for any free port)' : (error as Error).message}\n`)
    await services.dispose()
    return 1
  }
  await services.ready()
  // listen for the stop signal before printing the address: a caller may stop us as soon as it reads it
  const stopped = new Promise<void>((resolve) => {
    if (control.stop) {
      if (control.stop.aborted) return resolve()
      control.stop.addEventListener('abort', () => resolve(), { once: true })
      return
    }
    if (!isMainThread && parentPort) {
      // the supervising main thread relays SIGINT/SIGTERM as a message
      const port = parentPort
      const onMessage = (message: unknown) => {
        if ((message as { type?: string } | null)?.type !== 'stop') return
        port.off('message', onMessage)
        port.unref()
        resolve()
      }
      port.on('message', onMessage)
      return
    }
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve()
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
  io.stdout.write(`Inkpost serving ${siteDir} at ${host.url}\n`)
  if (!existsSync(path.join(rendererDir, 'index.html'))) io.stderr.write(`inkpost serve: note: the renderer is not built (${rendererDir}); the API works, the page asks you to run npm run build\n`)
  control.onListening?.(host)
  await stopped
  await host.close()
  await services.dispose()
  return 0
}

/** How long a stop request may take before the server's thread is terminated. */
export const STOP_GRACE_MS = 1500

/** Set in the environment of the process that runs the server for {@link superviseServe}. */
const CHILD_MARK = 'INKPOST_SERVE_CHILD'

/**
 * Runs the server in a child process started from the same entry script (it re-runs
 * `inkpost serve …` there) while this process only waits for SIGINT/SIGTERM: a signal handler runs
 * at once even when a long synchronous parse blocks the server's thread. A stop passes SIGTERM on
 * (the server closes cleanly when it can) and kills the child after {@link STOP_GRACE_MS}; a second
 * signal kills it now. (A worker thread was tried first: terminating one stuck in a native regex
 * match sometimes aborted the whole process.)
 */
async function superviseServe(entry: string, io: ServeIo): Promise<number> {
  const child = fork(entry, process.argv.slice(2), { env: { ...process.env, [CHILD_MARK]: '1' }, stdio: 'inherit' })
  return new Promise<number>((resolve) => {
    let stopping = false
    let hardStop: NodeJS.Timeout | null = null
    const kill = () => { child.kill('SIGKILL') }
    const stop = () => {
      if (stopping) return kill()
      stopping = true
      child.kill('SIGTERM')
      hardStop = setTimeout(kill, STOP_GRACE_MS)
      hardStop.unref()
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
    child.on('error', (error) => io.stderr.write(`inkpost serve: ${error.message}\n`))
    child.on('exit', (code) => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      if (hardStop) clearTimeout(hardStop)
      resolve(stopping ? 0 : code ?? 1)
    })
  })
}
