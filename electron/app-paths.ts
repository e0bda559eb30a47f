// Where the desktop app finds its parts, in development (`electron .` running dist/electron/main.cjs)
// and packaged (asar + resources). Plain function so the layout is tested.
import { join, resolve } from 'node:path'

/** Locations of the built renderer, the preload, the bundled sample site and the window icon. */
export interface AppPaths {
  rendererDir: string
  preloadPath: string
  bundledSample: string
  /** Window icon for development on Linux/Windows (packaged apps get theirs from the installer). */
  icon: string | null
}

/**
 * Paths relative to the folder of the bundled main (`dist/electron`): the renderer is
 * `dist/renderer`, the preload sits next to main, and the sample site is `assets/sample-site`
 * in development or `<resources>/sample-site` when packaged (electron-builder extraResources).
 */
export function appPaths(mainDir: string, packaged: boolean, resourcesPath: string): AppPaths {
  const projectRoot = resolve(mainDir, '..', '..')
  return {
    rendererDir: resolve(mainDir, '..', 'renderer'),
    preloadPath: join(mainDir, 'preload.cjs'),
    bundledSample: packaged ? join(resourcesPath, 'sample-site') : join(projectRoot, 'assets', 'sample-site'),
    icon: packaged ? null : join(projectRoot, 'assets', 'icons', 'icon.png'),
  }
}
