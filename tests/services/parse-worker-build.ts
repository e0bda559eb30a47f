// Builds the parse pool's worker (electron/services/parse-worker.ts) once per test process with the
// same esbuild settings as scripts/build.mjs, inside the repo so anything left external resolves
// from its node_modules; the tests pass its URL to the pool as `workerUrl`.
import { rmSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import { repoRoot } from './service-test-helpers'

let built: Promise<URL> | null = null
let file: string | null = null

/** The URL of a freshly built worker script (built on the first call of this process). */
export function parseWorkerUrl(): Promise<URL> {
  built ??= (async () => {
    file = path.join(repoRoot, 'node_modules', '.cache', 'inkpost-test', `parse-worker-${process.pid}.mjs`)
    await build({
      entryPoints: [path.join(repoRoot, 'electron/services/parse-worker.ts')],
      outfile: file, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'error', absWorkingDir: repoRoot,
      external: ['electron', 'fsevents', 'sharp', 'svgo'],
      banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
    })
    return pathToFileURL(file)
  })()
  return built
}

/** Removes the built worker (call from afterAll). */
export function removeParseWorker(): void {
  if (file) rmSync(file, { force: true })
}
