// Finds (and if needed installs) the reference parser — Nuxt Content 2.7.2's own transformers,
// run outside Nuxt — for regenerating goldens (UPDATE=1) and for `npm run bench:parse`.
// Order: $INKPOST_REFERENCE_DIR (an error if set but not installed), then ../shared/reference next to the repo (read-only: copied to
// node_modules/.cache/inkpost-reference and installed there with its install.sh when it has no
// node_modules), then /work/ref. Normal test runs never need it.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** Repository root (this file lives in scripts/). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')

const TRANSFORMERS = 'node_modules/@nuxt/content/dist/runtime/transformers/index.mjs'

/** The options a default Nuxt Content 2.7 site passes to the transformers (as reference-parse.mjs uses). */
export const REFERENCE_OPTIONS = (() => {
  const proseTags = ['p', 'a', 'blockquote', 'code-inline', 'code', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'img', 'ul', 'ol', 'li', 'strong', 'table', 'thead', 'tbody', 'td', 'th', 'tr']
  return {
    markdown: { tags: Object.fromEntries(proseTags.map((t) => [t, `prose-${t}`])), anchorLinks: { depth: 4, exclude: [1] }, remarkPlugins: {}, rehypePlugins: {} },
    pathMeta: { defaultLocale: '', locales: [], respectPathCase: false },
    highlight: false,
  }
})()

/** Thrown when no reference can be found or installed; the message says how to provide one. */
export class ReferenceMissing extends Error {}

function installed(dir) {
  return existsSync(join(dir, TRANSFORMERS)) && existsSync(join(dir, 'reference-parse.mjs'))
}

/**
 * Returns the directory of an installed reference (with reference-parse.mjs and node_modules),
 * or throws ReferenceMissing with a clear message.
 */
export function locateReference({ log = (m) => process.stderr.write(m + '\n') } = {}) {
  const tried = []
  const fromEnv = process.env.INKPOST_REFERENCE_DIR
  if (fromEnv) {
    const dir = resolve(fromEnv)
    if (installed(dir)) return dir
    // An explicit setting that does not work is an error, not a reason to silently use another copy.
    throw new ReferenceMissing(
      `INKPOST_REFERENCE_DIR=${dir} has no installed reference (expected reference-parse.mjs and ${TRANSFORMERS}; run bash install.sh there).`,
    )
  }
  const shared = resolve(repoRoot, '../shared/reference')
  if (existsSync(join(shared, 'reference-parse.mjs'))) {
    if (installed(shared)) return shared
    const cache = join(repoRoot, 'node_modules/.cache/inkpost-reference')
    if (!installed(cache)) {
      log(`reference: copying ${shared} to ${cache} and running its install.sh (one time)…`)
      mkdirSync(cache, { recursive: true })
      cpSync(shared, cache, { recursive: true, filter: (src) => !src.includes('node_modules') })
      const r = spawnSync('bash', ['install.sh'], { cwd: cache, stdio: ['ignore', 'inherit', 'inherit'] })
      if (r.status !== 0 || !installed(cache)) tried.push(`${shared} (copied to ${cache}, but install.sh failed)`)
    }
    if (installed(cache)) return cache
  } else {
    tried.push(`${shared} (not present)`)
  }
  if (installed('/work/ref')) return '/work/ref'
  tried.push('/work/ref (not present)')
  throw new ReferenceMissing(
    'The reference parser (Nuxt Content 2.7.2 transformers) is not available. Set INKPOST_REFERENCE_DIR to a folder ' +
      'containing reference-parse.mjs with its node_modules installed (bash install.sh), or place it at ../shared/reference.\n' +
      'Tried: ' + tried.join('; '),
  )
}

/** Loads the reference's `transformContent(id, text, options)` in this process. */
export async function loadReferenceTransform(dir) {
  const mod = await import(pathToFileURL(join(dir, TRANSFORMERS)).href)
  return (id, text) => mod.transformContent(id, text.replace(/\r\n|\r/g, '\n'), REFERENCE_OPTIONS)
}
