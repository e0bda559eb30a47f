// Which site the desktop app opens at start: one named on the command line, else the most recent
// one that still exists, else (first run) a copy of the bundled sample site in the data folder,
// so the writer can edit it without touching the installed files. Plain Node: tested directly.
import { promises as fsp } from 'node:fs'
import { join } from 'node:path'

/** Name of the sample site's copy inside the app's data folder. */
export const SAMPLE_SITE_DIR_NAME = 'sample-site'

/** Inputs of the startup choice. */
export interface StartupSiteInput {
  /** A folder given with `--site`, if any. */
  requested: string | null
  /** Recently opened site roots, newest first. */
  recent: string[]
  /** The bundled sample site (`resources/sample-site` packaged, `assets/sample-site` in development). */
  bundledSample: string
  /** The app's data folder (Electron's userData). */
  dataDir: string
}

async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await fsp.stat(dir)).isDirectory()
  } catch {
    return false
  }
}

/**
 * Copies the bundled sample site into `dataDir/sample-site` unless a copy is already there (the
 * writer's edits to it are kept across starts). Returns the copy's path.
 */
export async function ensureSampleSiteCopy(bundledSample: string, dataDir: string): Promise<string> {
  const target = join(dataDir, SAMPLE_SITE_DIR_NAME)
  if (await isDirectory(target)) return target
  if (!(await isDirectory(bundledSample))) throw new Error(`The bundled sample site is missing: ${bundledSample}`)
  await fsp.mkdir(dataDir, { recursive: true })
  const temp = `${target}.partial-${process.pid}`
  await fsp.rm(temp, { recursive: true, force: true })
  await fsp.cp(bundledSample, temp, { recursive: true, errorOnExist: false })
  await fsp.rename(temp, target)
  return target
}

/** Picks the folder to open at start (see the file comment for the order). */
export async function chooseStartupSite(input: StartupSiteInput): Promise<string> {
  if (input.requested && (await isDirectory(input.requested))) return input.requested
  for (const dir of input.recent) {
    if (await isDirectory(dir)) return dir
  }
  return ensureSampleSiteCopy(input.bundledSample, input.dataDir)
}
