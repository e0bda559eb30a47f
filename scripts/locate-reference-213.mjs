// Finds (and on first use installs) the 2.13 reference parser — @nuxt/content 2.13.4's own
// transformers run outside Nuxt (scripts/reference-213/) — for regenerating the 2.13 goldens
// (UPDATE=1) and for `scripts/bench-parse-213.mjs`. Normal test runs never need it.
// Order: $INKPOST_REFERENCE_213_DIR (an error if set but not installed), else scripts/reference-213
// copied to node_modules/.cache/inkpost-reference-213 and installed there with `npm ci` from its
// package-lock.json (reinstalled when its package.json or lock changes; the harness file is always refreshed).
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ReferenceMissing, repoRoot } from './locate-reference.mjs'

export { ReferenceMissing, repoRoot }

const SOURCE = join(repoRoot, 'scripts/reference-213')
const CACHE = join(repoRoot, 'node_modules/.cache/inkpost-reference-213')
const TRANSFORMERS = 'node_modules/@nuxt/content/dist/runtime/transformers/index.js'
const FILES = ['package.json', 'package-lock.json', 'reference-parse-213.mjs']

function installed(dir) {
  return existsSync(join(dir, TRANSFORMERS)) && existsSync(join(dir, 'reference-parse-213.mjs'))
}

function sameFiles(a, b, files = FILES) {
  return files.every((f) => existsSync(join(b, f)) && readFileSync(join(a, f), 'utf8') === readFileSync(join(b, f), 'utf8'))
}

/** The directory of an installed 2.13 reference (reference-parse-213.mjs + node_modules); throws {@link ReferenceMissing}. */
export function locateReference213({ log = (m) => process.stderr.write(m + '\n') } = {}) {
  const fromEnv = process.env.INKPOST_REFERENCE_213_DIR
  if (fromEnv) {
    const dir = resolve(fromEnv)
    if (installed(dir)) return dir
    throw new ReferenceMissing(`INKPOST_REFERENCE_213_DIR=${dir} has no installed 2.13 reference (expected reference-parse-213.mjs and ${TRANSFORMERS}; run npm ci there).`)
  }
  if (installed(CACHE) && sameFiles(SOURCE, CACHE, ['package.json', 'package-lock.json'])) {
    cpSync(join(SOURCE, 'reference-parse-213.mjs'), join(CACHE, 'reference-parse-213.mjs')) // same packages: refresh the harness only
    return CACHE
  }
  log(`reference-213: copying ${SOURCE} to ${CACHE} and running npm ci (one time)…`)
  mkdirSync(CACHE, { recursive: true })
  for (const f of FILES) cpSync(join(SOURCE, f), join(CACHE, f))
  const r = spawnSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: CACHE, stdio: ['ignore', 'inherit', 'inherit'] })
  if (r.status !== 0 || !installed(CACHE)) {
    throw new ReferenceMissing(
      `The 2.13 reference (Nuxt Content 2.13.4 transformers) could not be installed into ${CACHE} (npm ci exit ${r.status}). ` +
        'It needs the npm registry once; or set INKPOST_REFERENCE_213_DIR to a folder holding reference-parse-213.mjs with its node_modules.',
    )
  }
  return CACHE
}

/**
 * Loads the reference in this process: `loadReference213(dir)` resolves to
 * `parserFor(contentOptions) => (id, text) => Promise<parsed document>`.
 */
export async function loadReference213(dir = locateReference213()) {
  const mod = await import(pathToFileURL(join(dir, 'reference-parse-213.mjs')).href)
  return (contentOptions = {}) => mod.referenceParser(contentOptions)
}

/** The script to run as a child process: `node <it> --content-dir DIR --options JSON FILE...`. */
export function referenceScript213(dir = locateReference213()) {
  return join(dir, 'reference-parse-213.mjs')
}
