import path from 'node:path'
import type { HostInfo } from '../../shared/services/app-service'
import type { InkpostEvent } from '../../shared/services/events'
import type { Services } from '../../shared/ipc/service-contract'
import { AppServiceImpl } from './app-service-impl'
import { AssetsServiceImpl } from './assets-service-impl'
import { ContentWatcher } from './file-watcher'
import { nodeFs, type ServiceFs } from './fs-facade'
import { LibraryDiskCache } from './library-disk-cache'
import { LibraryServiceImpl } from './library-service-impl'
import { OwnWrites } from './own-writes'
import { ParsePool, type ParsePoolOptions } from './parse-pool'
import { createFolderTrash, PostServiceImpl, type TrashFunction } from './post-service-impl'
import { PostTrash } from './post-trash'
import { PublishServiceImpl } from './publish-service-impl'
import { RecoveryServiceImpl } from './recovery-service-impl'
import { SiteContext } from './site-context'
import { SiteServiceImpl } from './site-service-impl'

/** Where the browser-mode host serves the exports folder for download. */
export const EXPORT_FILE_ROUTE = '/export-file'

/** Everything a host (Electron IPC or the loopback HTTP server) supplies to build the services. */
export interface ServiceDeps {
  /** The app's data folder: recovery journals and the recent-sites list. */
  dataDir: string
  /** Host facts returned by `app.info()`; default browser mode (`/site-file`). */
  host?: HostInfo
  /** Receives every event for the window (Electron: webContents.send; browser mode: SSE). */
  emit: (event: InkpostEvent) => void
  /**
   * How a deleted file leaves the site. Electron passes shell.trashItem (the OS trash). Default
   * (browser mode): posts are removed (their copy stays in `<dataDir>/trash/<site>/`) and images moved to `<dataDir>/trash/<site>/files/`.
   */
  trash?: TrashFunction
  /** Opens external links (Electron: shell.openExternal). */
  openExternal?: (url: string) => Promise<void>
  /** File system facade; default the real one. Tests inject failures here. */
  fs?: ServiceFs
  /** Clock in ms since the epoch; default Date.now. */
  clock?: () => number
  /** Watch the open site's content folder for external changes (default true). */
  watch?: boolean
  /** Keep the library cache in `<dataDir>/library-cache/` across restarts (default true). */
  libraryDiskCache?: boolean
  /** Watcher timing, for tests. */
  watcherTiming?: { debounceMs?: number; renameWindowMs?: number }
  /** Browser mode: the URL prefix finished exports are downloaded from (the host's `/export-file/<key>`); default EXPORT_FILE_ROUTE. */
  exportFileBase?: string
  /** The parse pool's worker script and limits (default: the built worker, 60 s and 2 GB per post). */
  parsePool?: ParsePoolOptions
}

/** The services plus lifecycle hooks the host needs (the dispatcher only ever calls contract methods). */
export type ServiceRuntime = Services & {
  /** Resolves once the watcher of the most recently opened site is ready (tests and hosts may await it). */
  ready(): Promise<void>
  /** Stops the watcher and the parse workers; call when the host shuts down. */
  dispose(): Promise<void>
}

/**
 * Wires every service of the contract over one shared site context, file system, own-writes
 * registry and watcher. Both hosts call this: Electron with the OS trash and its userData folder,
 * `inkpost serve` with the folder trash and the XDG data folder.
 */
export function createServices(deps: ServiceDeps): ServiceRuntime {
  const fs = deps.fs ?? nodeFs
  const clock = deps.clock ?? Date.now
  const context = new SiteContext()
  const ownWrites = new OwnWrites(clock)
  // every post parsed outside the window (library, checks, export) runs in a worker with a time and memory limit
  const parsePool = new ParsePool(deps.parsePool)
  const site = new SiteServiceImpl({ fs, dataDir: deps.dataDir, context, parsePool })
  const host = deps.host ?? { mode: 'browser', siteFileBase: '/site-file', version: 'unknown' }
  const diskCache = deps.libraryDiskCache === false ? undefined : new LibraryDiskCache(fs, path.join(deps.dataDir, 'library-cache'), `inkpost ${host.version}`)
  const library = new LibraryServiceImpl({ fs, context, diskCache, onChanged: () => deps.emit({ type: 'library-changed' }) })
  const recovery = new RecoveryServiceImpl({ fs, dataDir: deps.dataDir, clock, context })
  // every deleted post is kept in the data folder first (so Undo works in both hosts), then trashed or removed
  const postTrash = new PostTrash({ fs, clock, dataDir: deps.dataDir })
  const trash = deps.trash ?? createFolderTrash(fs, clock, (root) => path.join(postTrash.folderOf(root), 'files'))
  const post = new PostServiceImpl({ fs, clock, context, trash: deps.trash ?? ((absolute) => fs.unlink(absolute)), postTrash, ownWrites, recovery })
  // only the desktop host may name a dropped file by its path (webUtils.getPathForFile); browser mode sends bytes
  const assets = new AssetsServiceImpl({ fs, clock, context, trash, allowSourcePath: host.mode === 'electron' })
  const publish = new PublishServiceImpl({
    fs,
    context,
    post,
    exportsDir: path.join(deps.dataDir, 'exports'),
    // browser mode offers bundles in the exports folder as downloads (the HTTP host serves EXPORT_FILE_ROUTE)
    downloadBase: host.mode === 'browser' ? (deps.exportFileBase ?? EXPORT_FILE_ROUTE) : undefined,
    inkpostVersion: host.version,
    onProgress: (progress) => deps.emit({ type: 'export-progress', ...progress }),
  })
  const app = new AppServiceImpl({ host, openExternal: deps.openExternal })
  const watcher = deps.watch === false ? null : new ContentWatcher({ fs, ownWrites, emit: deps.emit, knownVersion: (file) => library.knownVersion(file), ...deps.watcherTiming })
  let watching: Promise<void> = Promise.resolve()
  context.onChange((opened) => {
    deps.emit({ type: 'site-opened', root: opened.root })
    if (watcher) watching = watcher.start(opened.contentRoot).catch(() => undefined)
  })
  return {
    app,
    site,
    library,
    post,
    recovery,
    assets,
    publish,
    ready: () => watching,
    dispose: async () => {
      await watching
      await watcher?.close()
      // the library stops its background check first, so a parse cut short by closing the pool is never taken as a finding
      const flushed = library.flush()
      await parsePool.close()
      await flushed
    },
  }
}
