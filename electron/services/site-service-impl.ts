import path from 'node:path'
import type { SiteInfo, SiteService } from '../../shared/services/site-service'
import { ServiceError } from '../../shared/services/service-error'
import { atomicWriteFile } from './atomic-write'
import { errnoCode, type ServiceFs } from './fs-facade'
import { toServiceError } from './io-error'
import type { OpenSite, SiteContext } from './site-context'
import { isInside } from './site-paths'
import { DEFAULT_SITE_SETTINGS, readSiteSettings } from './site-settings'
import { describeParseSettings, readSiteParseSettings } from '../site/site-parse-settings'
import { loadSitePlugins } from '../site/load-site-plugins'
import type { ParsePool } from './parse-pool'

/** How many recent sites are remembered. */
export const MAX_RECENT_SITES = 10

/** Dependencies of SiteServiceImpl. */
export interface SiteServiceDeps {
  fs: ServiceFs
  /** The app's data folder (recent sites list lives here). */
  dataDir: string
  context: SiteContext
  /** Remember opened folders in the recent list (default true; command-line tools pass false). */
  rememberRecent?: boolean
  /** Where the open site's posts are parsed (worker threads with limits); none: on the calling thread. */
  parsePool?: ParsePool
}

const NUXT_CONFIGS = ['nuxt.config.ts', 'nuxt.config.js', 'nuxt.config.mjs', 'nuxt.config.mts', 'nuxt.config.cjs', 'nuxt.config.cts']

/** Opens a site folder, recognises a Nuxt site and remembers recent folders. */
export class SiteServiceImpl implements SiteService {
  constructor(private readonly deps: SiteServiceDeps) {}

  private get recentFile(): string {
    return path.join(this.deps.dataDir, 'recent-sites.json')
  }

  async open(dir: string): Promise<SiteInfo> {
    const { fs } = this.deps
    if (typeof dir !== 'string' || dir.length === 0) throw new ServiceError('invalid-argument', 'site.open needs a folder path')
    if (dir.includes('\0')) throw new ServiceError('invalid-argument', 'The folder path contains a NUL character')
    if (!path.isAbsolute(dir)) throw new ServiceError('invalid-argument', `site.open needs an absolute folder path, got "${dir}"`)
    let root: string
    try {
      root = await fs.realpath(dir)
      if (!(await fs.stat(root)).isDirectory()) throw new ServiceError('invalid-argument', `${dir} is a file, not a folder`)
    } catch (error) {
      throw toServiceError(error, `open the folder ${dir}`)
    }
    const settings = await readSiteSettings(fs, root)
    // the site's own nuxt.config (content: options, srcDir, sources) and @nuxt/content version
    const detected = await readSiteParseSettings(root, { content: settings.content, nuxtContentVersion: settings.nuxtContentVersion })
    // inkpost.config.json's contentDir wins; otherwise the folder nuxt.config points at (srcDir, content.sources)
    const found = detected.contentDir.replace(/\/+$/, '')
    if (settings.contentDir === DEFAULT_SITE_SETTINGS.contentDir && found && found !== settings.contentDir) settings.contentDir = found
    const isDir = async (p: string): Promise<boolean> => {
      try { return (await fs.stat(p)).isDirectory() } catch { return false }
    }
    const exists = async (p: string): Promise<boolean> => {
      try { await fs.stat(p); return true } catch { return false }
    }
    const markers = {
      content: await isDir(path.join(root, settings.contentDir)),
      public: await isDir(path.join(root, settings.publicDir)),
      nuxtConfig: (await Promise.all(NUXT_CONFIGS.map((name) => exists(path.join(root, name))))).some(Boolean),
    }
    if (!markers.content) {
      throw new ServiceError('not-a-site', `${root} has no "${settings.contentDir}" folder, so it is not a Nuxt Content site (set "contentDir" in inkpost.config.json if your posts live elsewhere)`, { root, markers })
    }
    const contentRoot = await fs.realpath(path.join(root, settings.contentDir))
    if (!isInside(root, contentRoot)) throw new ServiceError('outside-site', `The content folder of ${root} is a link to ${contentRoot}, outside the site folder`)
    let publicRoot = path.join(root, settings.publicDir)
    if (markers.public) {
      publicRoot = await fs.realpath(publicRoot)
      if (!isInside(root, publicRoot)) throw new ServiceError('outside-site', `The public folder of ${root} is a link to ${publicRoot}, outside the site folder`)
    }
    // the site's own markdown plugins, from its node_modules: they run in this process's parses (checks, export, library)
    const own = await loadSitePlugins(root, detected.settings)
    const info: SiteInfo = {
      root, name: path.basename(root), isNuxtSite: markers.content || markers.public || markers.nuxtConfig, markers, settings,
      parse: detected.settings, parseDescription: describeParseSettings(detected.settings), parseNotices: [...detected.notices, ...own.notices],
    }
    const site: OpenSite = { root, contentRoot, publicRoot, info, plugins: own.plugins, ...(this.deps.parsePool ? { parsePool: this.deps.parsePool } : {}) }
    this.deps.context.set(site)
    if (this.deps.rememberRecent !== false) await this.remember(root)
    return info
  }

  async current(): Promise<SiteInfo | null> {
    return this.deps.context.current?.info ?? null
  }

  /**
   * Recently opened sites whose folder exists right now, newest first. Missing ones (deleted, or on
   * a drive that is not mounted) are only hidden: the stored list keeps them, so they come back when
   * the folder does.
   */
  async recent(): Promise<string[]> {
    const stored = await this.storedRecent()
    const present = await Promise.all(stored.map(async (root) => {
      try { return (await this.deps.fs.stat(root)).isDirectory() } catch { return false }
    }))
    return stored.filter((_, i) => present[i])
  }

  /** The remembered list as stored, including folders that are missing now. */
  private async storedRecent(): Promise<string[]> {
    try {
      const parsed: unknown = JSON.parse(new TextDecoder().decode(await this.deps.fs.readFile(this.recentFile)))
      return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string').slice(0, MAX_RECENT_SITES) : []
    } catch (error) {
      if (errnoCode(error) === 'ENOENT' || error instanceof SyntaxError) return []
      throw toServiceError(error, 'read the recent sites list')
    }
  }

  private async remember(root: string): Promise<void> {
    // the recent list is a convenience: failing to write it must not fail opening the site
    try {
      const list = [root, ...(await this.storedRecent()).filter((r) => r !== root)].slice(0, MAX_RECENT_SITES)
      await this.deps.fs.mkdir(this.deps.dataDir)
      await atomicWriteFile(this.deps.fs, this.recentFile, new TextEncoder().encode(JSON.stringify(list, null, 2) + '\n'))
    } catch { /* ignored on purpose */ }
  }
}
