import { ServiceError } from '../../shared/services/service-error'
import { DEFAULT_PARSE_SETTINGS, type SiteParseSettings } from '../../shared/parser/content-options'
import type { LoadedPlugins } from '../../shared/parser/site-plugins'
import type { SiteInfo } from '../../shared/services/site-service'
import type { ParsePool } from './parse-pool'

/** The open site as the services need it: real paths of the root, content and public folders. */
export interface OpenSite {
  /** Real path of the site root. */
  root: string
  /** Real path of the content folder (inside root). */
  contentRoot: string
  /** Path of the public folder (real path when it exists). */
  publicRoot: string
  info: SiteInfo
  /** The site's own remark/rehype plugins loaded from its node_modules (main process only: never sent to the window). */
  plugins?: LoadedPlugins
  /** Where its posts are parsed (worker threads with time and memory limits); none: on the calling thread. */
  parsePool?: ParsePool
}

/** Holds the currently open site, shared by every service of one host. */
export class SiteContext {
  private site: OpenSite | null = null
  private readonly listeners = new Set<(site: OpenSite) => void>()

  /** The open site, or null. */
  get current(): OpenSite | null {
    return this.site
  }

  /** The open site; throws `no-site` when none is open yet. */
  require(): OpenSite {
    if (!this.site) throw new ServiceError('no-site', 'No site folder is open yet; open one first')
    return this.site
  }

  /** Replaces the open site and tells listeners (the watcher, the library cache). */
  set(site: OpenSite): void {
    this.site = site
    for (const listener of this.listeners) listener(site)
  }

  /** Calls `listener` whenever a site is opened; returns an unsubscribe function. */
  onChange(listener: (site: OpenSite) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}

/** What the open site's posts are parsed for (its family, version and options; a default 2.7 site when unknown). */
export function siteParseSettings(site: OpenSite): SiteParseSettings {
  return (site.info as { parse?: SiteParseSettings }).parse ?? DEFAULT_PARSE_SETTINGS
}
