// Whether dist/ holds a build of the current sources: shared by `npm start` (scripts/start.mjs) and
// the e2e global setup (e2e/fixtures/global-setup.ts), which both build first when it does not.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** Source folders and files whose changes make dist stale. */
export const BUILD_SOURCES = ['shared', 'electron', 'renderer', 'assets/styles', 'scripts/build.mjs', 'package.json']

/** Newest modification time under `path` (skipping node_modules and dot folders); 0 when missing. */
function newestMtime(path) {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = 0
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue
    newest = Math.max(newest, newestMtime(join(path, entry.name)))
  }
  return newest
}

/**
 * Why the build `outputs` (paths relative to `root`) must be rebuilt — "missing dist/x", or
 * "renderer/ changed since the last build" — or null when every output is newer than every source.
 */
export function distStaleReason(root, outputs, sources = BUILD_SOURCES) {
  const missing = outputs.filter((file) => !existsSync(join(root, file)))
  if (missing.length) return `missing ${missing.join(', ')}`
  const built = Math.min(...outputs.map((file) => statSync(join(root, file)).mtimeMs))
  const changed = sources.find((src) => newestMtime(join(root, src)) > built)
  return changed ? `${changed}${statSync(join(root, changed)).isDirectory() ? '/' : ''} changed since the last build` : null
}
