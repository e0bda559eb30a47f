// Reads a site's nuxt.config the way Nuxt does — c12 with Nuxt's options, layers merged — in a
// worker thread with a time limit, so a config that hangs, throws or exits cannot block or crash
// the app or the CLI.
//
// What runs: the site's nuxt.config file and whatever it imports itself (its local helper files,
// packages it imports at the top), transpiled by jiti — evaluating a config is running code, so
// that is inherent — and the nuxt.config of each layer it extends. What never runs: the site's
// Nuxt modules, plugins, hooks and app code (`modules: [...]` are only names here; functions in the
// config are never called). Remote layers (`github:…`, `https://…`) are never downloaded, nothing
// is installed, `.env`/`.nuxtrc` are not read, and jiti writes no cache into the site.
// The worker is a safety net, not a sandbox: the config has the same rights as Inkpost itself.
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { NUXT_CONFIG_NAMES } from './find-site'

/** How long a config may take to load before it is given up on. */
export const DEFAULT_CONFIG_TIMEOUT_MS = 10_000

/** Heap limit of the worker (a config that allocates without end fails instead of exhausting the app). */
const WORKER_HEAP_MB = 512

/** Where a config failed: the message and, when known, the file with its 1-based line and column. */
export interface NuxtConfigError {
  message: string
  file?: string
  line?: number
  column?: number
}

/** The result of {@link loadNuxtConfig}. */
export interface LoadedNuxtConfig {
  /** The merged config (site over its layers) as plain data — functions, symbols and class instances left out — or null when the site has no nuxt.config or it failed. */
  config: Record<string, unknown> | null
  /** The folders of the layers whose config was read, highest priority first (the site first when it has a nuxt.config). */
  layers: string[]
  /** What the writer should know: layers that were not included, config values the preview cannot use. */
  notices: string[]
  error?: NuxtConfigError
}

/** What the worker posts back. */
type WorkerReply =
  | { ok: true; config: Record<string, unknown> | null; layers: string[]; notices: string[]; dropped: string[] }
  | { ok: false; error: NuxtConfigError; notices: string[] }

// The worker, as CommonJS source evaluated by `new Worker(…, { eval: true })` (so it needs no file
// of its own in the built app). It keeps its own console quiet and never posts anything but one
// reply; c12 is imported from the absolute URL the parent resolved.
const WORKER_SOURCE = String.raw`'use strict'
const { parentPort, workerData } = require('node:worker_threads')
const fs = require('node:fs')
const path = require('node:path')
const { fileURLToPath } = require('node:url')

const root = workerData.root
const notices = []
const reported = new Set()
function skipLayer(source, remote) {
  if (reported.has(source)) return
  reported.add(source)
  notices.push(remote
    ? 'The layer "' + source + '" (extends in nuxt.config) is a remote source; Inkpost does not download layers, so its settings are not included.'
    : 'The layer "' + source + '" (extends in nuxt.config) could not be found (is it installed?); its settings are not included.')
}
const quiet = () => {}
for (const name of ['log', 'info', 'debug', 'trace', 'dir', 'table', 'error']) console[name] = quiet
console.warn = (...args) => {
  const text = args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ')
  const match = /Cannot extend config from \x60(.*?)\x60 in /.exec(text)
  if (match) skipLayer(match[1].replace(/^"(.*)"$/, '$1'), false)
}
const identity = (config) => config
globalThis.defineNuxtConfig = identity
globalThis.defineAppConfig = identity

// Nuxt 3.12+ extends every layers/<name>/ folder of the site by itself (last name first).
function localLayers() {
  let entries = []
  try { entries = fs.readdirSync(path.join(root, 'layers'), { withFileTypes: true }) } catch { return [] }
  return entries
    .filter((e) => {
      const dir = path.join(root, 'layers', e.name)
      try { return fs.statSync(dir).isDirectory() && workerData.configNames.some((n) => fs.existsSync(path.join(dir, n))) } catch { return false }
    })
    .map((e) => 'layers/' + e.name + '/')
    .sort((a, b) => b.localeCompare(a))
}

// giget is off, so a remote source would be looked for as a folder; say why it is left out instead.
const REMOTE = /^[a-z][a-z0-9+.-]+:/i
function resolveLayer(source) {
  if (typeof source === 'string' && REMOTE.test(source)) {
    skipLayer(source, true)
    return { config: null, source, cwd: root }
  }
  return null
}

function toPlain(value, at, depth, seen, dropped) {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === undefined) return value
  if (typeof value === 'bigint') return String(value)
  if (typeof value !== 'object' || depth > 40) { dropped.push(at); return undefined }
  if (seen.has(value)) return undefined
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString()
  const proto = Object.getPrototypeOf(value)
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) { dropped.push(at); return undefined }
  seen.add(value)
  let out
  if (Array.isArray(value)) {
    out = value.map((item, i) => toPlain(item, at + '[' + i + ']', depth + 1, seen, dropped))
  } else {
    out = {}
    for (const key of Object.keys(value)) {
      let item
      try { item = value[key] } catch { dropped.push(at ? at + '.' + key : key); continue }
      const plain = toPlain(item, at ? at + '.' + key : key, depth + 1, seen, dropped)
      if (plain !== undefined) out[key] = plain
    }
  }
  seen.delete(value)
  return out
}

function isOwnFile(file) {
  return file && !file.includes(path.sep + 'node_modules' + path.sep) && path.isAbsolute(file)
}

function describeError(error) {
  const raw = error instanceof Error ? String(error.message) : String(error)
  const result = { message: raw.trim() }
  // jiti reports a file it cannot parse as "<code>: <message> \n <file>:<line>:<column>" (column from 0)
  const parsed = /^([\s\S]*?)\s*\n\s*(\S[^\n]*?):(\d+):(\d+)\s*$/.exec(raw)
  if (parsed && path.isAbsolute(parsed[2])) {
    return { message: parsed[1].trim(), file: parsed[2], line: Number(parsed[3]), column: Number(parsed[4]) + 1 }
  }
  const stack = error instanceof Error && typeof error.stack === 'string' ? error.stack.split('\n') : []
  for (const line of stack) {
    const frame = /\(?((?:file:\/\/)?[^\s()]+):(\d+):(\d+)\)?\s*$/.exec(line.trim())
    if (!frame) continue
    let file = frame[1]
    if (file.startsWith('file://')) { try { file = fileURLToPath(file) } catch { continue } }
    if (!isOwnFile(file)) continue
    return { ...result, file, line: Number(frame[2]), column: Number(frame[3]) }
  }
  const missing = /Cannot find module '([^']+)'[\s\S]*?Require stack:\s*\n-\s*(\S[^\n]*)/.exec(raw)
  if (missing) return { message: "Cannot find module '" + missing[1] + "'", file: missing[2].trim() }
  return result
}

;(async () => {
  try {
    const { loadConfig } = await import(workerData.c12Url)
    const layers = localLayers()
    const result = await loadConfig({
      cwd: root,
      name: 'nuxt',
      configFile: 'nuxt.config',
      rcFile: false,
      globalRc: false,
      dotenv: false,
      packageJson: false,
      envName: 'production',
      extend: { extendKey: ['theme', 'extends', '_extends'] },
      overrides: layers.length ? { _extends: layers } : undefined,
      giget: false,
      resolve: resolveLayer,
      jitiOptions: {
        fsCache: false,
        moduleCache: false,
        virtualModules: { 'nuxt/config': { defineNuxtConfig: identity, defineAppConfig: identity } },
      },
    })
    const folders = []
    for (const layer of result.layers || []) {
      if (layer && layer.config && typeof layer.cwd === 'string' && !folders.includes(layer.cwd)) folders.push(layer.cwd)
    }
    const found = Boolean(result._configFile) || folders.length > 0
    const dropped = []
    const config = found ? toPlain(result.config, '', 0, new Set(), dropped) : null
    parentPort.postMessage({ ok: true, config: config && typeof config === 'object' && !Array.isArray(config) ? config : null, layers: folders, notices, dropped })
  } catch (error) {
    parentPort.postMessage({ ok: false, error: describeError(error), notices })
  }
})()
`

/** The file this module is in (CommonJS bundle, Vitest) — or null in the ESM CLI bundle, whose banner gives it a `require`. */
function ownRequire(): NodeJS.Require {
  return typeof __filename === 'string' ? createRequire(__filename) : require
}

/** The nuxt.config file name present at `root`, for messages (`nuxt.config` when there is none). */
function configFileAt(root: string): { name: string; file?: string } {
  for (const name of NUXT_CONFIG_NAMES) {
    const file = path.join(root, name)
    if (existsSync(file)) return { name, file }
  }
  return { name: 'nuxt.config' }
}

/** The environment of the worker: Inkpost's, as a production build sees it, without jiti switches. */
function workerEnv(): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('JITI_')) env[key] = value
  }
  env.NODE_ENV = 'production'
  return env
}

/** The notice for config values that could not be passed on (functions, class instances) under `content`. */
function droppedNotice(dropped: string[]): string | null {
  const inContent = dropped.filter((at) => at === 'content' || at.startsWith('content.') || at.startsWith('content['))
  if (inContent.length === 0) return null
  const shown = inContent.slice(0, 5).join(', ')
  const more = inContent.length > 5 ? ` and ${inContent.length - 5} more` : ''
  return `nuxt.config sets ${shown}${more} to a function or an object Inkpost cannot read; the preview leaves ${inContent.length === 1 ? 'it' : 'them'} out.`
}

/**
 * Loads the nuxt.config of the site at `root` as Nuxt would: c12 `loadConfig` with Nuxt's name,
 * config file and layer keys (`theme`, `extends`, `_extends`), the site's `layers/*` folders
 * extended automatically, `$production` applied; `defineNuxtConfig`/`defineAppConfig` (and the
 * `nuxt/config` import) are identity functions, so no Nuxt install is needed. Local layers and
 * layer packages installed in `node_modules` are merged the way c12 merges them (the site wins); a
 * layer that is remote (`github:…`) or cannot be found is left out with a notice naming it —
 * nothing is downloaded (c12's giget is off). The work happens in a worker thread stopped after
 * `timeoutMs` (default 10 s). Never rejects: a syntax or runtime error, a time-out or a worker
 * crash comes back as `error` (with file, line and column when known) and `config: null`.
 */
export async function loadNuxtConfig(root: string, options?: { timeoutMs?: number }): Promise<LoadedNuxtConfig> {
  const absRoot = path.resolve(root)
  const timeoutMs = options?.timeoutMs ?? DEFAULT_CONFIG_TIMEOUT_MS
  const configFile = configFileAt(absRoot)
  // nothing to evaluate: no worker needed (Nuxt's config file is optional)
  if (!configFile.file && !existsSync(path.join(absRoot, 'layers'))) return { config: null, layers: [], notices: [] }
  let c12Url: string
  try {
    c12Url = pathToFileURL(ownRequire().resolve('c12')).href
  } catch (error) {
    return { config: null, layers: [], notices: [], error: { message: `Inkpost cannot load nuxt.config: its config loader (c12) is missing (${(error as Error).message})` } }
  }
  return new Promise<LoadedNuxtConfig>((resolve) => {
    let settled = false
    let worker: Worker
    const finish = (result: LoadedNuxtConfig): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      void worker.terminate().catch(() => undefined)
      resolve(result)
    }
    const failed = (error: NuxtConfigError, notices: string[] = []): LoadedNuxtConfig => ({ config: null, layers: [], notices, error })
    const timer = setTimeout(() => {
      finish(failed({ message: `${configFile.name} did not finish loading within ${formatSeconds(timeoutMs)} (does it loop, or wait for something that never comes?)`, file: configFile.file }))
    }, timeoutMs)
    try {
      worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { root: absRoot, c12Url, configNames: [...NUXT_CONFIG_NAMES] },
        env: workerEnv(),
        execArgv: [],
        stdout: true,
        stderr: true,
        resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      })
    } catch (error) {
      clearTimeout(timer)
      resolve(failed({ message: `Inkpost could not start reading ${configFile.name}: ${(error as Error).message}` }))
      return
    }
    // the config's own output (process.stdout.write…) must not reach Inkpost's stdout (`inkpost parse` prints JSON lines there)
    worker.stdout.resume()
    worker.stderr.resume()
    worker.on('message', (reply: WorkerReply) => {
      if (!reply.ok) {
        finish(failed(reply.error, reply.notices))
        return
      }
      const notices = [...reply.notices]
      const dropped = droppedNotice(reply.dropped)
      if (dropped) notices.push(dropped)
      finish({ config: reply.config, layers: reply.layers, notices })
    })
    worker.on('error', (error: Error & { code?: string }) => {
      const message = error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? `${configFile.name} used more than ${WORKER_HEAP_MB} MB of memory while loading`
        : `${configFile.name} failed while loading: ${error.message}`
      finish(failed({ message, file: configFile.file }))
    })
    worker.on('exit', (code) => {
      finish(failed({ message: `${configFile.name} stopped the loader before it finished (exit code ${code}; does it call process.exit, or wait for something that never comes?)`, file: configFile.file }))
    })
  })
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`
}

