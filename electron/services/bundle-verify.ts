// Verifies a publish bundle (a folder or a zip) against its manifest: every listed file present with
// its size and sha256, nothing unlisted, every image the bundled posts reference included, and each
// cache entry equal to a fresh parse of its post. Zips are read in memory only — entries with `..`,
// absolute paths, backslashes or symlink flags (zip-slip) are reported, never extracted.
import path from 'node:path'
import { unzipSync } from 'fflate'
import type { Finding } from '../../shared/checks/finding'
import { classifyImageUrl, collectImageReferences, imageUrlPath } from '../../shared/assets/image-references'
import { contentIdFor, decodePostText } from '../../shared/parser/index'
import type { ContentOptions, SiteParseSettings } from '../../shared/parser/content-options'
import { tryParseForSite } from '../../shared/parser/parse-for-site'
import { familyFor } from '../site/content-version'
import type { BundleManifest } from '../../shared/services/publish-service'
import { BUNDLE_CACHE_DIR, BUNDLE_CONTENT_DIR, BUNDLE_PREVIEW_DIR, BUNDLE_PUBLIC_DIR, MANIFEST_NAME, sha256Hex } from './bundle-export'
import { errnoCode, type ServiceFs } from './fs-facade'
import type { ParsePool } from './parse-pool'
import { splitRelativePath } from './site-paths'

/** What `verifyBundle` found: `ok` when `problems` is empty; the manifest when it could be read. */
export interface BundleVerification {
  ok: boolean
  problems: string[]
  manifest: BundleManifest | null
}

/** Most files a bundle may hold, and most bytes its files may add up to (uncompressed). */
const MAX_FILES = 100_000
const MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024

/** The files of a bundle by their `/`-separated path, and what was wrong with its structure. */
interface BundleFiles {
  files: Map<string, Uint8Array>
  problems: string[]
}

function u16(d: Uint8Array, o: number): number {
  return d[o] | (d[o + 1] << 8)
}

function u32(d: Uint8Array, o: number): number {
  return (d[o] | (d[o + 1] << 8) | (d[o + 2] << 16)) + d[o + 3] * 0x1000000
}

/** Decodes an entry name the way fflate does: UTF-8 when flag bit 11 says so, else Latin-1. */
function entryName(bytes: Uint8Array, utf8: boolean): string {
  if (utf8) return new TextDecoder().decode(bytes)
  let out = ''
  for (const b of bytes) out += String.fromCharCode(b)
  return out
}

/** Why an entry name must not be used as a path (zip-slip and friends), or null when it is a clean relative path. */
export function unsafeEntryName(name: string): string | null {
  if (name.includes('\\')) return 'has a backslash'
  if (name.startsWith('/')) return 'is an absolute path'
  if (/^[a-zA-Z]:/.test(name)) return 'has a drive letter'
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'has NUL or control characters'
  const segments = name.replace(/\/$/, '').split('/')
  if (segments.includes('..')) return 'has a ".." segment'
  if (segments.some((s) => s === '' || s === '.')) return 'has an empty or "." segment'
  return null
}

/** One central-directory record of a zip. */
interface ZipEntryInfo {
  name: string
  size: number
  symlink: boolean
  special: boolean
  encrypted: boolean
}

/** Reads a zip's central directory (names, sizes, Unix file types); throws an Error for a damaged zip. */
function readCentralDirectory(data: Uint8Array): ZipEntryInfo[] {
  let eocd = -1
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (u32(data, i) === 0x06054b50) { eocd = i; break }
  }
  if (eocd < 0) throw new Error('no end of central directory record (not a zip, or truncated)')
  const count = u16(data, eocd + 10)
  const offset = u32(data, eocd + 16)
  if (count === 0xffff || offset === 0xffffffff) throw new Error('ZIP64 archives are not bundles Inkpost writes')
  const entries: ZipEntryInfo[] = []
  let p = offset
  for (let n = 0; n < count; n++) {
    if (p + 46 > data.length || u32(data, p) !== 0x02014b50) throw new Error(`central directory entry ${n + 1} is damaged`)
    const madeBy = u16(data, p + 4)
    const flags = u16(data, p + 8)
    const size = u32(data, p + 24)
    const nameLength = u16(data, p + 28)
    const next = p + 46 + nameLength + u16(data, p + 30) + u16(data, p + 32)
    if (next > data.length) throw new Error(`central directory entry ${n + 1} runs past the end`)
    const name = entryName(data.subarray(p + 46, p + 46 + nameLength), (flags & 0x800) !== 0)
    const unix = madeBy >> 8 === 3
    const type = unix ? (u32(data, p + 38) >>> 16) & 0o170000 : 0
    entries.push({ name, size, symlink: type === 0o120000, special: type !== 0 && type !== 0o100000 && type !== 0o040000 && type !== 0o120000, encrypted: (flags & 1) !== 0 })
    p = next
  }
  return entries
}

/** Reads a zip bundle into memory, refusing unsafe entries as problems. */
function readZip(data: Uint8Array): BundleFiles {
  const problems: string[] = []
  const files = new Map<string, Uint8Array>()
  let entries: ZipEntryInfo[]
  try {
    entries = readCentralDirectory(data)
  } catch (error) {
    return { files, problems: [`The zip cannot be read: ${(error as Error).message}`] }
  }
  if (entries.length > MAX_FILES) return { files, problems: [`The zip has ${entries.length} entries; a bundle has at most ${MAX_FILES}`] }
  const wanted = new Set<string>()
  let total = 0
  for (const entry of entries) {
    const shown = JSON.stringify(entry.name)
    const unsafe = unsafeEntryName(entry.name)
    if (unsafe) { problems.push(`Zip entry ${shown} ${unsafe}; it was not extracted (zip-slip)`); continue }
    if (entry.symlink) { problems.push(`Zip entry ${shown} is a symbolic link; it was not extracted (zip-slip)`); continue }
    if (entry.special) { problems.push(`Zip entry ${shown} is not a regular file; it was not extracted`); continue }
    if (entry.encrypted) { problems.push(`Zip entry ${shown} is encrypted; it was not read`); continue }
    if (entry.name.endsWith('/')) continue // a folder entry: nothing to check
    if (wanted.has(entry.name)) { problems.push(`Zip entry ${shown} appears more than once`); continue }
    total += entry.size
    if (total > MAX_TOTAL_BYTES) return { files, problems: [...problems, `The zip unpacks to more than ${MAX_TOTAL_BYTES} bytes; not a bundle`] }
    wanted.add(entry.name)
  }
  try {
    const unzipped = unzipSync(data, { filter: (file) => wanted.has(file.name) })
    for (const name of wanted) {
      const bytes = Object.prototype.hasOwnProperty.call(unzipped, name) ? unzipped[name] : undefined
      if (bytes) files.set(name, bytes)
      else problems.push(`Zip entry ${JSON.stringify(name)} could not be read`)
    }
  } catch (error) {
    problems.push(`The zip is damaged: ${(error as Error).message}`)
  }
  return { files, problems }
}

/** Reads a folder bundle: regular files only (symlinks and special files are problems, never followed). */
async function readFolder(fs: ServiceFs, root: string): Promise<BundleFiles> {
  const problems: string[] = []
  const files = new Map<string, Uint8Array>()
  let total = 0
  const walk = async (dir: string, prefix: string): Promise<void> => {
    for (const entry of await fs.readdir(dir)) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name
      const full = path.join(dir, entry.name)
      const stat = await fs.lstat(full)
      if (stat.isSymbolicLink()) { problems.push(`${rel} is a symbolic link; a bundle holds only files`); continue }
      if (stat.isDirectory()) { await walk(full, rel); continue }
      if (!stat.isFile()) { problems.push(`${rel} is not a regular file`); continue }
      if (files.size >= MAX_FILES) throw new Error(`more than ${MAX_FILES} files`)
      total += stat.size
      if (total > MAX_TOTAL_BYTES) throw new Error(`more than ${MAX_TOTAL_BYTES} bytes`)
      files.set(rel, await fs.readFile(full))
    }
  }
  await walk(root, '')
  return { files, problems }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Checks the manifest's shape; returns it typed, or null with the reasons added to `problems`. */
function checkManifest(bytes: Uint8Array | undefined, problems: string[]): BundleManifest | null {
  if (!bytes) { problems.push(`${MANIFEST_NAME} is missing; this is not an Inkpost bundle`); return null }
  let raw: unknown
  try {
    raw = JSON.parse(new TextDecoder().decode(bytes))
  } catch (error) {
    problems.push(`${MANIFEST_NAME} is not valid JSON: ${(error as Error).message}`)
    return null
  }
  if (!isObject(raw)) { problems.push(`${MANIFEST_NAME} is not an object`); return null }
  if (raw.bundleVersion !== 1) { problems.push(`${MANIFEST_NAME} has bundleVersion ${JSON.stringify(raw.bundleVersion)}; this Inkpost reads version 1`); return null }
  const bad: string[] = []
  if (typeof raw.inkpostVersion !== 'string') bad.push('inkpostVersion')
  if (typeof raw.nuxtContentVersion !== 'string') bad.push('nuxtContentVersion')
  if (!isObject(raw.contentOptions)) bad.push('contentOptions')
  if (typeof raw.createdAt !== 'string') bad.push('createdAt')
  if (!Array.isArray(raw.findings)) bad.push('findings')
  if (!Array.isArray(raw.posts) || raw.posts.length === 0 || !raw.posts.every((p) => isObject(p) && typeof p.file === 'string' && typeof p.path === 'string' && typeof p.title === 'string')) bad.push('posts')
  if (!Array.isArray(raw.files) || !raw.files.every((f) => isObject(f) && typeof f.path === 'string' && Number.isSafeInteger(f.bytes) && typeof f.sha256 === 'string' && /^[0-9a-f]{64}$/.test(f.sha256))) bad.push('files')
  if (bad.length) { problems.push(`${MANIFEST_NAME} has missing or malformed fields: ${bad.join(', ')}`); return null }
  return raw as unknown as BundleManifest
}

/** A site image path's bundle path (`/images/a.png` → `public/images/a.png`), or null when it cannot be in a bundle. */
function imageBundlePath(src: string): string | null {
  const segments = imageUrlPath(src).split('/').filter((s) => s !== '' && s !== '.')
  if (segments.length === 0 || segments.includes('..')) return null
  try {
    return [BUNDLE_PUBLIC_DIR, ...splitRelativePath(segments.join('/'))].join('/')
  } catch {
    return null
  }
}

/** The first offset where two strings differ (for a readable "cache entry differs" problem). */
function firstDifference(a: string, b: string): number {
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  return i
}

/** Checks one bundled post: it parses, its cache entry equals the parse, its images are in the bundle. */
/** The settings a bundle was parsed for, from its manifest (the family of its Nuxt Content version). */
function manifestSettings(manifest: BundleManifest): SiteParseSettings {
  return { version: manifest.nuxtContentVersion, family: familyFor(manifest.nuxtContentVersion).family, options: (manifest.contentOptions ?? {}) as ContentOptions }
}

async function checkPost(post: BundleManifest['posts'][number], files: Map<string, Uint8Array>, findings: Finding[], problems: string[], settings: SiteParseSettings, pool?: ParsePool): Promise<void> {
  let segments: string[]
  try { segments = splitRelativePath(post.file, 'post') } catch (error) { problems.push(`The manifest's post "${post.file}" is not a safe path: ${(error as Error).message}`); return }
  const contentPath = [BUNDLE_CONTENT_DIR, ...segments].join('/')
  const bytes = files.get(contentPath)
  if (!bytes) { problems.push(`${contentPath} (the post) is missing from the bundle`); return }
  let text: string
  try { text = decodePostText(bytes) } catch (error) { problems.push(`${contentPath} cannot be read: ${(error as Error).message}`); return }
  const outcome = pool ? await pool.parse(text, { id: contentIdFor(post.file), settings }) : await tryParseForSite(text, { id: contentIdFor(post.file), settings })
  if (!outcome.stored) { problems.push(`${contentPath} does not parse: ${outcome.error?.message ?? 'unknown error'}`); return }
  const fresh = outcome.stored
  if (post.path !== fresh._path) problems.push(`The manifest says ${post.file} is at ${post.path}, but it parses to ${fresh._path}`)
  if (post.title !== String(fresh.title ?? '')) problems.push(`The manifest's title of ${post.file} differs from the post's`)

  const cachePath = [...BUNDLE_CACHE_DIR.split('/'), ...segments].join('/') + '.json'
  const cache = files.get(cachePath)
  if (!cache) problems.push(`${cachePath} (the site's cache entry of ${post.file}) is missing`)
  else {
    let entry: unknown
    try { entry = JSON.parse(new TextDecoder().decode(cache)) } catch { entry = null }
    if (!isObject(entry) || !isObject(entry.parsed) || typeof entry.hash !== 'string') problems.push(`${cachePath} is not a {parsed, hash} cache entry`)
    else {
      const bundled = JSON.stringify(entry.parsed)
      const expected = JSON.stringify(fresh)
      if (bundled !== expected) problems.push(`${cachePath}: its parsed differs from a fresh parse of ${contentPath} (first difference at character ${firstDifference(bundled, expected)})`)
    }
  }

  // a forced export records the images it could not include as missing-image findings
  const acknowledged = new Set(findings.filter((f) => isObject(f) && f.rule === 'missing-image' && f.file === post.file).map((f) => `${f.line}:${f.column}`))
  for (const ref of collectImageReferences(fresh, text)) {
    if (classifyImageUrl(ref.src) !== 'site') continue
    const image = imageBundlePath(ref.src)
    if (image && files.has(image)) continue
    if (acknowledged.has(`${ref.line}:${ref.column}`)) continue
    problems.push(image
      ? `${contentPath}:${ref.line}:${ref.column} references ${ref.src}, but ${image} is not in the bundle`
      : `${contentPath}:${ref.line}:${ref.column} references ${ref.src}, which cannot be in a bundle (outside public/)`)
  }
}

/**
 * Verifies the bundle at `bundlePath` (a folder, or a `.zip` read in memory): the manifest's shape,
 * every listed file's size and sha256, no unlisted file, no unsafe zip entry, every image the
 * bundled posts reference present, and each cache entry's `parsed` equal (JSON.stringify) to a
 * fresh parse of its post (in `pool` when given: worker threads with a time limit). Never writes anything.
 */
export async function verifyBundle(fs: ServiceFs, bundlePath: string, pool?: ParsePool): Promise<BundleVerification> {
  let bundle: BundleFiles
  try {
    const stat = await fs.stat(bundlePath)
    if (stat.isDirectory()) bundle = await readFolder(fs, bundlePath)
    else if (stat.isFile()) bundle = readZip(await fs.readFile(bundlePath))
    else return { ok: false, problems: [`${bundlePath} is neither a folder nor a zip file`], manifest: null }
  } catch (error) {
    const why = errnoCode(error) === 'ENOENT' ? 'it does not exist' : (error as Error).message
    return { ok: false, problems: [`Cannot read the bundle ${bundlePath}: ${why}`], manifest: null }
  }
  const { files } = bundle
  const problems = [...bundle.problems]
  if (files.size === 0 && problems.length) return { ok: false, problems, manifest: null }
  const manifest = checkManifest(files.get(MANIFEST_NAME), problems)
  if (!manifest) return { ok: false, problems, manifest: null }

  const listed = new Set<string>()
  for (const file of manifest.files) {
    const unsafe = unsafeEntryName(file.path)
    if (unsafe) { problems.push(`The manifest lists "${file.path}", which ${unsafe}`); continue }
    if (file.path === MANIFEST_NAME) { problems.push(`The manifest lists itself`); continue }
    if (listed.has(file.path)) { problems.push(`The manifest lists ${file.path} twice`); continue }
    listed.add(file.path)
    const bytes = files.get(file.path)
    if (!bytes) { problems.push(`${file.path} is listed in the manifest but missing from the bundle`); continue }
    if (bytes.length !== file.bytes) problems.push(`${file.path} is ${bytes.length} bytes, the manifest says ${file.bytes} (changed after export)`)
    else if (sha256Hex(bytes) !== file.sha256) problems.push(`${file.path}: sha256 differs from the manifest (changed after export)`)
  }
  for (const name of [...files.keys()].sort()) {
    if (name !== MANIFEST_NAME && !listed.has(name)) problems.push(`${name} is in the bundle but not listed in the manifest`)
  }
  for (const post of manifest.posts) await checkPost(post, files, manifest.findings, problems, manifestSettings(manifest), pool)
  const preview = `${BUNDLE_PREVIEW_DIR}/index.html`
  if (!files.has(preview)) problems.push(`${preview} is missing`)
  for (const [name, bytes] of files) {
    if (name.startsWith(`${BUNDLE_PREVIEW_DIR}/`) && name.endsWith('.html') && /<script/i.test(new TextDecoder().decode(bytes))) problems.push(`${name} contains a script`)
  }
  return { ok: problems.length === 0, problems, manifest }
}
