// The parse pool's worker thread (see parse-pool.ts): parses one post at a time exactly as the
// services do (`tryParseForSite` with the site's settings), loading the site's own plugins from its
// node_modules itself, since functions cannot cross threads. Built as `parse-worker.mjs` beside each
// bundle by scripts/build.mjs.
import { parentPort } from 'node:worker_threads'
import type { SiteParseSettings } from '../../shared/parser/content-options'
import { tryParseForSite, type SiteParseOutcome } from '../../shared/parser/parse-for-site'
import type { LoadedPlugins } from '../../shared/parser/site-plugins'
import { loadSitePlugins } from '../site/load-site-plugins'

/** One post for a worker to parse. */
export interface ParseJob {
  /** The pool's number for the job, echoed in the answer. */
  job: number
  text: string
  id: string
  settings: SiteParseSettings
  plain?: boolean
  /** The site root the site's own plugins are loaded from, and the names the host loaded there (none: no plugins). */
  plugins?: { root: string; names: string[] }
}

/** A worker's answer: the outcome, or (when it could not load the plugins the host has) the names it did load. */
export type ParseAnswer =
  | { job: number; outcome: SiteParseOutcome }
  | { job: number; pluginMismatch: string[] }
  | { job: number; failure: string; kind: 'too-deep' | 'parser' }

const pluginCache = new Map<string, Promise<LoadedPlugins>>()

/** The site's plugins as this thread loaded them (once per site root and settings). */
function pluginsFor(root: string, settings: SiteParseSettings): Promise<LoadedPlugins> {
  const key = `${root}\0${settings.family}\0${JSON.stringify(settings.options)}`
  let loaded = pluginCache.get(key)
  if (!loaded) {
    loaded = loadSitePlugins(root, settings).then((result) => result.plugins)
    pluginCache.set(key, loaded)
  }
  return loaded
}

function sameNames(a: string[], b: string[]): boolean {
  const sorted = [...b].sort()
  return a.length === b.length && [...a].sort().every((name, i) => name === sorted[i])
}

async function answer(job: ParseJob): Promise<ParseAnswer> {
  try {
    let plugins: LoadedPlugins | undefined
    if (job.plugins && job.plugins.names.length > 0) {
      plugins = await pluginsFor(job.plugins.root, job.settings)
      const names = Object.keys(plugins)
      if (!sameNames(names, job.plugins.names)) return { job: job.job, pluginMismatch: names }
    }
    const outcome = await tryParseForSite(job.text, { id: job.id, settings: job.settings, plain: job.plain, plugins })
    return { job: job.job, outcome }
  } catch (error) {
    // a stack overflow is nesting too deep for the parser, as `inkpost parse` has always said
    return { job: job.job, failure: error instanceof Error ? error.message : String(error), kind: error instanceof RangeError ? 'too-deep' : 'parser' }
  }
}

const port = parentPort
if (port) {
  port.on('message', (job: ParseJob) => {
    void answer(job).then((reply) => {
      try {
        port.postMessage(reply)
      } catch (error) {
        // an outcome that cannot be cloned (a plugin put a function in the document) is a failure, not a lost answer
        port.postMessage({ job: job.job, failure: `the parse result cannot be sent back (${error instanceof Error ? error.message : String(error)})`, kind: 'parser' })
      }
    })
  })
  // loaded: the pool starts the time limit of the first post from here
  port.postMessage({ ready: true })
}
