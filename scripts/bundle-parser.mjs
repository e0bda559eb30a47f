// Bundles the project's shared parser (TypeScript) into one ES module for plain-Node scripts
// (benchmarks, golden regeneration checks). npm packages stay external and resolve from node_modules.
import { build } from 'esbuild'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { repoRoot } from './locate-reference.mjs'

/** Bundles shared/parser/index.ts to node_modules/.cache/inkpost-parser/parser.mjs and imports it. */
export async function importProjectParser() {
  const outfile = join(repoRoot, 'node_modules/.cache/inkpost-parser/parser.mjs')
  await build({
    entryPoints: [join(repoRoot, 'shared/parser/index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  })
  return import(pathToFileURL(outfile).href + `?t=${Date.now()}`)
}
