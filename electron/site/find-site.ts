// Which Nuxt site a post belongs to, and where that site keeps its posts — found from the folders
// above the post and from the site's nuxt.config, the way Nuxt and @nuxt/content 2 find them.
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'

/** The nuxt.config names Nuxt looks for, in the order a marker is reported. */
export const NUXT_CONFIG_NAMES = ['nuxt.config.ts', 'nuxt.config.mts', 'nuxt.config.js', 'nuxt.config.mjs', 'nuxt.config.cjs', 'nuxt.config.cts'] as const

/** Dependencies that make a `package.json` folder a Nuxt site when it has no nuxt.config (the file is optional for Nuxt). */
export const NUXT_PACKAGE_NAMES = ['nuxt', 'nuxt3', '@nuxt/content'] as const

/** The folder @nuxt/content 2 reads posts from, under `srcDir`, when `content.sources` does not say otherwise. */
export const DEFAULT_CONTENT_DIR = 'content'

async function isFile(p: string): Promise<boolean> {
  try { return (await stat(p)).isFile() } catch { return false }
}

async function isDirectory(p: string): Promise<boolean> {
  try { return (await stat(p)).isDirectory() } catch { return false }
}

/** True when `dir/package.json` lists nuxt (or nuxt3, @nuxt/content) in dependencies or devDependencies. */
async function hasNuxtPackage(dir: string): Promise<boolean> {
  let parsed: unknown
  try {
    parsed = JSON.parse((await readFile(path.join(dir, 'package.json'), 'utf8')).replace(/^\uFEFF/, ''))
  } catch {
    return false
  }
  if (parsed === null || typeof parsed !== 'object') return false
  const pkg = parsed as Record<string, unknown>
  return [pkg.dependencies, pkg.devDependencies].some((deps) =>
    deps !== null && typeof deps === 'object' && NUXT_PACKAGE_NAMES.some((name) => Object.prototype.hasOwnProperty.call(deps, name)))
}

/**
 * The Nuxt site `startPath` (a post file or a folder, existing or not) belongs to: the nearest folder
 * at or above it holding a `nuxt.config.{ts,mts,js,mjs,cjs,cts}` (reported as the marker), else a
 * `package.json` depending on nuxt, nuxt3 or @nuxt/content (marker `package.json`). Both are checked
 * at each level, so a nested project wins over the workspace around it. The path is walked as
 * given (made absolute, links not resolved). Null when no folder up to the file system root qualifies.
 */
export async function findSiteRoot(startPath: string): Promise<{ root: string; marker: string } | null> {
  const start = path.resolve(startPath)
  let dir = (await isDirectory(start)) ? start : path.dirname(start)
  for (;;) {
    for (const name of NUXT_CONFIG_NAMES) {
      if (await isFile(path.join(dir, name))) return { root: dir, marker: name }
    }
    if (await hasNuxtPackage(dir)) return { root: dir, marker: 'package.json' }
    const parent = path.dirname(dir)
    if (parent === dir) return null
    dir = parent
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** `target` (absolute) relative to `root`, `/`-separated; `.` for the root itself. */
function relativeToRoot(root: string, target: string): string {
  const rel = path.relative(root, target)
  return rel === '' ? '.' : rel.split(path.sep).join('/')
}

/** One configured source, as @nuxt/content 2's `useContentMounts` keys it: name + prefix. */
interface Mount {
  key: string
  driver: unknown
  /** Absolute folder for a local fs source with a base. */
  base?: string
}

/**
 * The mounts of `content.sources` the way @nuxt/content 2 reads them: the object form keyed by
 * `name` (else its key) plus `prefix`; the deprecated array form (or an array Nuxt turned into
 * `{ '0': … }`), where a string is a folder under `srcDir` and an object a source of its own. A
 * relative `base` is relative to the site root (the fs driver resolves it against the working
 * directory, which is the root when Nuxt runs).
 */
function contentMounts(root: string, srcDir: string, sources: unknown): Mount[] {
  if (!isRecord(sources) && !Array.isArray(sources)) return []
  const keyOf = (name: unknown, prefix: unknown): string => `${String(name)}${typeof prefix === 'string' ? prefix.replace(/\//g, ':') : ''}`
  const fromObject = (name: unknown, source: Record<string, unknown>): Mount => {
    const mount: Mount = { key: keyOf(source.name ?? name, source.prefix), driver: source.driver }
    if (source.driver === 'fs' && typeof source.base === 'string' && source.base.length > 0) mount.base = path.resolve(root, source.base)
    return mount
  }
  const keys = Object.keys(sources)
  if (Array.isArray(sources) || (keys.length > 0 && keys.every((k) => k === String(Number(k))))) {
    return Object.values(sources).flatMap((source): Mount[] => {
      if (typeof source === 'string') return [{ key: keyOf(source, ''), driver: 'fs', base: path.resolve(srcDir, source) }]
      return isRecord(source) ? [fromObject(source.name, source)] : []
    })
  }
  return Object.entries(sources).flatMap(([name, source]) => (isRecord(source) ? [fromObject(name, source)] : []))
}

/**
 * The folder posts live in, relative to `root` with `/` separators and no trailing slash, from a
 * loaded nuxt.config (`null`: none): `content` by default; `<srcDir>/content` when `srcDir` is set;
 * the `base` of a local fs source of `content.sources` when the `content` source is one (it replaces
 * the default), else when exactly one configured source is a local fs driver (`{ driver: 'fs',
 * base: './posts' }`). A folder outside the root comes back as `../…`; the caller decides.
 */
export function contentDirOf(root: string, config: Record<string, unknown> | null): string {
  const absRoot = path.resolve(root)
  const srcDir = config && typeof config.srcDir === 'string' && config.srcDir.length > 0 ? path.resolve(absRoot, config.srcDir) : absRoot
  const content = config && isRecord(config.content) ? config.content : null
  const mounts = contentMounts(absRoot, srcDir, content?.sources)
  const main = mounts.find((m) => m.key === DEFAULT_CONTENT_DIR)
  if (main) {
    if (main.base !== undefined) return relativeToRoot(absRoot, main.base)
  } else {
    const local = mounts.filter((m) => m.base !== undefined)
    if (local.length === 1 && local[0].base !== undefined) return relativeToRoot(absRoot, local[0].base)
  }
  return relativeToRoot(absRoot, path.join(srcDir, DEFAULT_CONTENT_DIR))
}
