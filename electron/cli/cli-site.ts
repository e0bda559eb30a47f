// Opening a site folder for a one-shot command (`inkpost check`, …): the same site rules as the
// app (settings, content and public folders, symlink checks), without a watcher, a data folder or
// the recent-sites list; its posts are parsed in a parse pool the command closes when it is done.
import path from 'node:path'
import { nodeFs, type ServiceFs } from '../services/fs-facade'
import { ParsePool, type ParsePoolOptions } from '../services/parse-pool'
import { SiteContext } from '../services/site-context'
import { SiteServiceImpl } from '../services/site-service-impl'

/** A site opened for one command: its context (root, content and public folders, settings) and the file system. */
export interface CliSite {
  context: SiteContext
  fs: ServiceFs
  /** Stops the site's parse workers (the command calls it when it is done). */
  close(): Promise<void>
}

/**
 * The parse pool options of a command-line run: the built worker beside the CLI bundle, and the
 * per-post time limit from `INKPOST_PARSE_TIME_LIMIT` (seconds) when it is set to a positive number.
 */
export function cliParsePoolOptions(env: NodeJS.ProcessEnv = process.env): ParsePoolOptions {
  const seconds = Number(env.INKPOST_PARSE_TIME_LIMIT)
  return Number.isFinite(seconds) && seconds > 0 ? { timeLimitMs: seconds * 1000 } : {}
}

/** Opens `dir` (relative to `cwd`) as a site; rejects with the site service's clear error (`not-a-site`, …). */
export async function openCliSite(dir: string, cwd: string, fs: ServiceFs = nodeFs, pool: ParsePool = new ParsePool(cliParsePoolOptions())): Promise<CliSite> {
  const context = new SiteContext()
  const site = new SiteServiceImpl({ fs, dataDir: '', context, rememberRecent: false, parsePool: pool })
  try {
    await site.open(path.resolve(cwd, dir))
  } catch (error) {
    await pool.close()
    throw error
  }
  return { context, fs, close: () => pool.close() }
}
