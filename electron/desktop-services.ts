// The services of the desktop host: the shared Node services (electron/services) wired with
// Electron's trash, its data folder and the Electron host facts. No window or dialog code here;
// the Electron functions are injected so this wiring is tested in plain Node.
import type { InkpostEvent } from '../shared/services/events'
import { SITE_FILE_BASE } from './app-urls'
import { createServices, type ServiceRuntime } from './services/create-services'

/** What the desktop host provides to the services. */
export interface DesktopServiceDeps {
  /** Electron's userData folder: recent sites, recovery journals, the sample site copy. */
  dataDir: string
  /** The app version (`app.getVersion()`). */
  version: string
  /** Pushes an event to the window. */
  emit: (event: InkpostEvent) => void
  /** Moves a file to the OS trash (`shell.trashItem`). */
  trash: (path: string) => Promise<void>
  /** Opens a URL in the system browser (`shell.openExternal`); the service checks the scheme first. */
  openExternal: (url: string) => Promise<void>
}

/**
 * Creates the desktop host's services: delete goes to the OS trash (a deleted post is first kept in
 * `<userData>/trash/`, so Undo and the Trash view restore it without looking inside the OS trash),
 * `app.info()` reports Electron mode.
 */
export function createDesktopServices(deps: DesktopServiceDeps): ServiceRuntime {
  return createServices({
    dataDir: deps.dataDir,
    host: { mode: 'electron', siteFileBase: SITE_FILE_BASE, version: deps.version },
    emit: deps.emit,
    trash: (absolutePath) => deps.trash(absolutePath),
    openExternal: deps.openExternal,
  })
}
