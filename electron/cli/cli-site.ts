// Opening a site folder for a one-shot command (`inkpost check`, …): the same site rules as the
// app (settings, content and public folders, symlink checks), without a watcher, a data folder or
// the recent-sites list.
import path from 'node:path'
import { nodeFs, type ServiceFs } from '../services/fs-facade'
import { SiteContext } from '../services/site-context'
import { SiteServiceImpl } from '../services/site-service-impl'

/** A site opened for one command: its context (root, content and public folders, settings) and the file system. */
export interface CliSite {
  context: SiteContext
  fs: ServiceFs
}

/** Opens `dir` (relative to `cwd`) as a site; rejects with the site service's clear error (`not-a-site`, …). */
export async function openCliSite(dir: string, cwd: string, fs: ServiceFs = nodeFs): Promise<CliSite> {
  const context = new SiteContext()
  const site = new SiteServiceImpl({ fs, dataDir: '', context, rememberRecent: false })
  await site.open(path.resolve(cwd, dir))
  return { context, fs }
}
