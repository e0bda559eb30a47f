// Which @nuxt/content a site builds with — the installed package, else what its lockfile pins,
// else what its package.json range resolves to on npm — and which Inkpost parser family that is.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'
import type { ContentFamily } from '../../shared/parser/content-options'
import { measuredDifference } from '../../shared/parser/measured-versions'

/** The package whose version is detected. */
export const CONTENT_PACKAGE = '@nuxt/content'

/**
 * Every published @nuxt/content 2.x version, from `npm view @nuxt/content versions --json` on
 * 2026-12-01 (2.13.4 is the last 2.x; the 2.x line is finished, so the list does not grow).
 */
export const PUBLISHED_2X_VERSIONS: readonly string[] = Object.freeze([
  '2.0.0', '2.0.1', '2.1.0', '2.1.1', '2.2.0', '2.2.1', '2.2.2', '2.3.0', '2.4.0', '2.4.1', '2.4.2', '2.4.3',
  '2.5.0', '2.5.1', '2.5.2', '2.6.0', '2.7.0', '2.7.1', '2.7.2', '2.8.0', '2.8.1', '2.8.2', '2.8.3', '2.8.4',
  '2.8.5', '2.9.0', '2.10.0', '2.11.0', '2.12.0', '2.12.1', '2.13.0', '2.13.1', '2.13.2', '2.13.3', '2.13.4',
])

/**
 * The `latest` dist-tag of @nuxt/content on the same date: what npm installs today for a range
 * that admits Nuxt Content 3 (`*`, `latest`, `>=2`, `^3.0.0`), so such a range is reported as 3.x.
 */
export const LATEST_PUBLISHED_VERSION = '3.16.1'

/** The reference version of each family: what a site is parsed as when its version is unknown or outside 2.x. */
export const FAMILY_REFERENCE_VERSIONS: Readonly<Record<ContentFamily, string>> = Object.freeze({ '2.7': '2.7.2', '2.13': '2.13.4' })

/** Where the detected version came from. */
export type ContentVersionSource = 'installed' | 'package-lock' | 'pnpm-lock' | 'yarn-lock' | 'bun-lock' | 'package-json' | 'none'

/** The result of {@link detectContentVersion}. */
export interface DetectedContentVersion {
  /** The exact version (e.g. `2.13.4`), or null when none could be found or resolved. */
  version: string | null
  source: ContentVersionSource
  /** The range package.json asks for, when one was read. */
  range?: string
}

/** The few semver calls used here (semver ships no types of its own). */
interface SemverApi {
  valid(version: string): string | null
  validRange(range: string): string | null
  maxSatisfying(versions: readonly string[], range: string): string | null
  minVersion(range: string): { version: string } | null
  coerce(version: string): { version: string } | null
  rcompare(a: string, b: string): number
}

let semverApi: SemverApi | null = null

/**
 * semver, loaded through Node's require from the installed packages (it is a production dependency
 * of sharp; `__filename` is set in the CommonJS bundle and under Vitest, the ESM CLI bundle gets a
 * `require` from its banner).
 */
function semver(): SemverApi {
  if (!semverApi) {
    const load = typeof __filename === 'string' ? createRequire(__filename) : require
    semverApi = load('semver') as SemverApi
  }
  return semverApi
}

async function readText(file: string): Promise<string | null> {
  try { return (await readFile(file, 'utf8')).replace(/^\uFEFF/, '') } catch { return null }
}

async function readJson(file: string): Promise<unknown> {
  const text = await readText(file)
  if (text === null) return undefined
  try { return JSON.parse(text) } catch { return undefined }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** The plain `x.y.z[-pre]` at the start of a lockfile version (`2.13.4(vue@3.4.0)`, `2.13.4_vue@3.3.4`), or null. */
function leadingVersion(raw: unknown): string | null {
  if (typeof raw !== 'string') return null
  const match = /^v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)/.exec(raw.trim())
  return match && semver().valid(match[1]) ? match[1] : null
}

/** The newest of `versions`, preferring ones `range` admits. */
function pick(versions: string[], range: string | undefined): string | null {
  const unique = [...new Set(versions)]
  if (unique.length === 0) return null
  if (range && semver().validRange(range)) {
    const inRange = semver().maxSatisfying(unique, range)
    if (inRange) return inRange
  }
  return unique.sort((a, b) => semver().rcompare(a, b))[0]
}

/** The range of @nuxt/content in a package.json (an `npm:@nuxt/content@…` alias is unwrapped). */
function rangeOf(pkg: unknown): string | undefined {
  if (!isRecord(pkg)) return undefined
  for (const deps of [pkg.dependencies, pkg.devDependencies]) {
    if (!isRecord(deps) || typeof deps[CONTENT_PACKAGE] !== 'string') continue
    const range = (deps[CONTENT_PACKAGE] as string).trim()
    const alias = /^npm:@nuxt\/content@(.+)$/.exec(range)
    return alias ? alias[1] : range
  }
  return undefined
}

/**
 * `range` resolved as npm would resolve it today: the newest published 2.x it admits, else
 * {@link LATEST_PUBLISHED_VERSION} when it admits that (or is `latest`), else the lowest version
 * the range allows (a 3.x or 1.x range resolves to a version outside 2.x), else null (a git URL,
 * `workspace:`, a file path…).
 */
export function resolveContentRange(range: string): string | null {
  const trimmed = range.trim()
  if (trimmed === 'latest') return LATEST_PUBLISHED_VERSION
  if (!semver().validRange(trimmed)) return null
  const candidates = [...PUBLISHED_2X_VERSIONS, LATEST_PUBLISHED_VERSION]
  return semver().maxSatisfying(candidates, trimmed) ?? semver().minVersion(trimmed)?.version ?? null
}

/** `packages['<project>/node_modules/@nuxt/content'].version` (v2/v3), else the hoisted one, else v1's `dependencies`. */
function fromPackageLock(lock: unknown, project: string): string | null {
  if (!isRecord(lock)) return null
  if (isRecord(lock.packages)) {
    const keys = [project ? `${project}/node_modules/${CONTENT_PACKAGE}` : '', `node_modules/${CONTENT_PACKAGE}`].filter(Boolean)
    for (const key of keys) {
      const entry = lock.packages[key]
      const version = isRecord(entry) ? leadingVersion(entry.version) : null
      if (version) return version
    }
  }
  if (isRecord(lock.dependencies)) {
    const entry = lock.dependencies[CONTENT_PACKAGE]
    return isRecord(entry) ? leadingVersion(entry.version) : null
  }
  return null
}

/** A dependency entry of a pnpm importer: `{ specifier, version }` (lockfile 6+) or a bare version (5.x). */
function pnpmEntryVersion(deps: unknown): string | null {
  if (!isRecord(deps)) return null
  const entry = deps[CONTENT_PACKAGE]
  if (typeof entry === 'string') return leadingVersion(entry)
  return isRecord(entry) ? leadingVersion(entry.version) : null
}

/**
 * pnpm-lock.yaml: the project's importer (`importers['.']`, or its path in a workspace; lockfile
 * 5.4–9), else the top-level `dependencies` of a 5.x/6.x single-project lockfile, else the
 * `packages` keys (`/@nuxt/content/2.7.2` in 5.x, `/@nuxt/content@2.13.4(…)` in 6.x,
 * `@nuxt/content@2.13.4` in 9.x), newest first among those the range admits.
 */
function fromPnpmLock(lock: unknown, project: string, range: string | undefined): string | null {
  if (!isRecord(lock)) return null
  const importer = isRecord(lock.importers) ? lock.importers[project || '.'] : lock
  if (isRecord(importer)) {
    for (const group of ['dependencies', 'devDependencies', 'optionalDependencies']) {
      const version = pnpmEntryVersion(importer[group])
      if (version) return version
    }
  }
  if (!isRecord(lock.packages)) return null
  const found: string[] = []
  for (const key of Object.keys(lock.packages)) {
    const match = /^\/?@nuxt\/content[@/](.+)$/.exec(key)
    const version = match ? leadingVersion(match[1]) : null
    if (version) found.push(version)
  }
  return pick(found, range)
}

/**
 * yarn.lock, classic (`"@nuxt/content@^2.13.0":` then `  version "2.13.4"`) or berry
 * (`"@nuxt/content@npm:^2.13.0":` then `  version: 2.13.4`): the entry whose descriptor is the
 * package.json range, else the newest entry.
 */
function fromYarnLock(text: string, range: string | undefined): string | null {
  const entries: { ranges: string[]; version: string | null }[] = []
  let current: { ranges: string[]; version: string | null } | null = null
  for (const line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue
    if (!/^\s/.test(line)) {
      current = null
      if (!line.endsWith(':')) continue
      const descriptors = line.slice(0, -1).split(/,\s*/).map((d) => d.trim().replace(/^"|"$/g, ''))
      const ranges = descriptors.filter((d) => d.startsWith(`${CONTENT_PACKAGE}@`)).map((d) => d.slice(CONTENT_PACKAGE.length + 1).replace(/^npm:/, ''))
      if (ranges.length > 0) {
        current = { ranges, version: null }
        entries.push(current)
      }
      continue
    }
    const version = current && /^\s+version:?\s+"?([^"\s]+)"?\s*$/.exec(line)
    if (current && version && current.version === null) current.version = leadingVersion(version[1])
  }
  const resolved = entries.filter((e): e is { ranges: string[]; version: string } => e.version !== null)
  const exact = range ? resolved.find((e) => e.ranges.includes(range)) : undefined
  return exact ? exact.version : pick(resolved.map((e) => e.version), range)
}

/** JSONC (comments, trailing commas) → JSON text, leaving strings alone. */
function jsoncToJson(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === '"') {
      let j = i + 1
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1
      out += text.slice(i, j + 1)
      i = j
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++
      out += '\n'
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2)
      i = end === -1 ? text.length : end + 1
    } else {
      out += ch
    }
  }
  return out.replace(/,(\s*[}\]])/g, '$1')
}

/** bun.lock (text, JSONC): `packages['@nuxt/content'][0]` is `"@nuxt/content@2.13.4"`. */
function fromBunLock(text: string): string | null {
  let lock: unknown
  try { lock = JSON.parse(jsoncToJson(text)) } catch { return null }
  if (!isRecord(lock) || !isRecord(lock.packages)) return null
  const entry = lock.packages[CONTENT_PACKAGE]
  const id = Array.isArray(entry) ? entry[0] : null
  return typeof id === 'string' && id.startsWith(`${CONTENT_PACKAGE}@`) ? leadingVersion(id.slice(CONTENT_PACKAGE.length + 1)) : null
}

/**
 * The lockfile of `dir`, if any, and what it pins for the project at `project` (relative to `dir`,
 * `/`-separated, `''` for `dir` itself). `present` is true when any lockfile exists there.
 */
async function fromLockfiles(dir: string, project: string, range: string | undefined): Promise<{ present: boolean; found?: DetectedContentVersion }> {
  let present = false
  const npmText = await readText(path.join(dir, 'package-lock.json')) ?? await readText(path.join(dir, 'npm-shrinkwrap.json'))
  if (npmText !== null) {
    present = true
    let lock: unknown
    try { lock = JSON.parse(npmText) } catch { lock = undefined }
    const version = fromPackageLock(lock, project)
    if (version) return { present, found: { version, source: 'package-lock' } }
  }
  const pnpmText = await readText(path.join(dir, 'pnpm-lock.yaml'))
  if (pnpmText !== null) {
    present = true
    let lock: unknown
    try { lock = parseYaml(pnpmText, { uniqueKeys: false, maxAliasCount: -1 }) } catch { lock = undefined }
    const version = fromPnpmLock(lock, project, range)
    if (version) return { present, found: { version, source: 'pnpm-lock' } }
  }
  const yarnText = await readText(path.join(dir, 'yarn.lock'))
  if (yarnText !== null) {
    present = true
    const version = fromYarnLock(yarnText, range)
    if (version) return { present, found: { version, source: 'yarn-lock' } }
  }
  const bunText = await readText(path.join(dir, 'bun.lock'))
  if (bunText !== null) {
    present = true
    const version = fromBunLock(bunText)
    if (version) return { present, found: { version, source: 'bun-lock' } }
  }
  return { present }
}

/**
 * The @nuxt/content version the site at `root` builds with. Walking from `root` up, each folder is
 * asked for `node_modules/@nuxt/content/package.json` (what Node would load), then its lockfile
 * (`package-lock.json` v1–v3, `pnpm-lock.yaml`, `yarn.lock` classic or berry, `bun.lock`; for a
 * workspace root the entry of this project is used); the walk stops at the first folder that has
 * a lockfile (the install root). Failing those, the range in root's `package.json` is resolved
 * with {@link resolveContentRange} (`source: 'package-json'`, version null when it is not a
 * version range). `source: 'none'` when nothing mentions @nuxt/content.
 */
export async function detectContentVersion(root: string): Promise<DetectedContentVersion> {
  const absRoot = path.resolve(root)
  const range = rangeOf(await readJson(path.join(absRoot, 'package.json')))
  const withRange = (found: DetectedContentVersion): DetectedContentVersion => (range === undefined ? found : { ...found, range })
  let dir = absRoot
  for (;;) {
    const installed = await readJson(path.join(dir, 'node_modules', CONTENT_PACKAGE, 'package.json'))
    const version = isRecord(installed) ? leadingVersion(installed.version) : null
    if (version) return withRange({ version, source: 'installed' })
    const project = path.relative(dir, absRoot).split(path.sep).join('/')
    const locked = await fromLockfiles(dir, project, range)
    if (locked.found) return withRange(locked.found)
    const parent = path.dirname(dir)
    if (locked.present || parent === dir) break
    dir = parent
  }
  if (range === undefined) return { version: null, source: 'none' }
  return { version: resolveContentRange(range), source: 'package-json', range }
}

/** The result of {@link familyFor}. */
export interface ContentFamilyChoice {
  family: ContentFamily
  /** The version posts are parsed for: the detected one within 2.x, else the family's reference version. */
  version: string
  /** Set when the version is outside 2.0–2.13 or unreadable: what the writer should know. */
  notice?: string
}

/**
 * The parser family of a @nuxt/content version: 2.0–2.7.x → `2.7` and 2.8–2.13.x → `2.13`
 * (with a notice of the measured difference for the versions that are not reproduced exactly, see
 * {@link measuredDifference})
 * (the version as detected, `x.y` read as `x.y.0`); no version → `2.7` as 2.7.2. Outside
 * those, the nearer family at its reference version, with a notice: 1.x (and 0.x) → 2.7; a 2.x
 * newer than 2.13 → 2.13; 3.x and later → 2.13 (Nuxt Content 3 is a different system).
 */
export function familyFor(version: string | null): ContentFamilyChoice {
  if (version === null || version.trim() === '') return { family: '2.7', version: FAMILY_REFERENCE_VERSIONS['2.7'] }
  const given = version.trim().replace(/^v/, '')
  const exact = semver().valid(given) ?? (/^\d+\.\d+$/.test(given) ? semver().valid(`${given}.0`) : null)
  if (!exact) {
    return { family: '2.7', version: FAMILY_REFERENCE_VERSIONS['2.7'], notice: `"${version}" is not a @nuxt/content version Inkpost can read; the preview follows Nuxt Content ${FAMILY_REFERENCE_VERSIONS['2.7']}.` }
  }
  const [major, minor] = exact.split('.').map((part) => Number.parseInt(part, 10))
  if (major === 2 && minor <= 13) {
    // parsed as its family; a version measured to differ from the family's output says how
    const family: ContentFamily = minor <= 7 ? '2.7' : '2.13'
    const notice = measuredDifference(exact, FAMILY_REFERENCE_VERSIONS[family])
    return notice ? { family, version: exact, notice } : { family, version: exact }
  }
  if (major < 2) {
    return { family: '2.7', version: FAMILY_REFERENCE_VERSIONS['2.7'], notice: `The site uses @nuxt/content ${given}, older than Nuxt Content 2; the preview follows Nuxt Content ${FAMILY_REFERENCE_VERSIONS['2.7']}, the nearest version Inkpost supports.` }
  }
  if (major === 2) {
    return { family: '2.13', version: FAMILY_REFERENCE_VERSIONS['2.13'], notice: `The site uses @nuxt/content ${given}, newer than any 2.x Inkpost knows; the preview follows Nuxt Content ${FAMILY_REFERENCE_VERSIONS['2.13']}.` }
  }
  return {
    family: '2.13',
    version: FAMILY_REFERENCE_VERSIONS['2.13'],
    notice: `The site uses @nuxt/content ${given}: Nuxt Content ${major} is a different system (collections, a database) that Inkpost does not reproduce; the preview follows Nuxt Content ${FAMILY_REFERENCE_VERSIONS['2.13']}, the nearest version it supports.`,
  }
}
