// Publish bundles: a post (or several) with exactly the images it references, the parsed-cache entry
// the site would hold for it, a standalone preview page and a manifest of sha256s — written as a zip
// or a folder next to nothing else. The whole bundle is built in a dot-named temp sibling of `out`
// (same file system), fsynced and renamed into place, so a failed or killed export leaves nothing
// half-written at `out`; temp siblings of killed runs are swept by the next export.
import { createHash } from 'node:crypto'
import { rmdir } from 'node:fs/promises'
import path from 'node:path'
import { zipSync, type Zippable } from 'fflate'
import type { Finding } from '../../shared/checks/finding'
import { classifyImageUrl, collectImageReferences, imageUrlPath, type ImageReference } from '../../shared/assets/image-references'
import { contentIdFor, decodePostText, PostParseFailure, toCacheEntry } from '../../shared/parser/index'
import type { ParsedContent } from '../../shared/parser/parse-types'
import { renderStaticHtml, renderStaticIndex } from '../../shared/render/static-html'
import type { BundleFile, BundleManifest, ExportOptions, ExportResult } from '../../shared/services/publish-service'
import { ServiceError } from '../../shared/services/service-error'
import { isProcessAlive, publishNoOverwrite, tempNameFor } from './atomic-write'
import { errnoCode, type ServiceFs } from './fs-facade'
import { toServiceError, toWriteError } from './io-error'
import { parseOnSite } from './parse-pool'
import { siteParseSettings, type OpenSite } from './site-context'
import { assertSafeSegment, isInside, resolveInside, splitRelativePath } from './site-paths'

/** Where the posts go in a bundle (the site's layout): `content/<file>`. */
export const BUNDLE_CONTENT_DIR = 'content'
/** Where the images go: `public/<path of the site URL>`. */
export const BUNDLE_PUBLIC_DIR = 'public'
/** Where the parsed-cache entries go: `<this>/<file>.json`, as Nuxt Content 2.7 keeps them. */
export const BUNDLE_CACHE_DIR = '.nuxt/content-cache/parsed/content'
/** Where the standalone preview pages go. */
export const BUNDLE_PREVIEW_DIR = 'preview'
/** The manifest at the bundle's root. */
export const MANIFEST_NAME = 'manifest.json'
/** Most posts one export takes. */
const MAX_POSTS = 5000
/** Zip temp files are written in pieces of this size (progress, and a kill lands mid-write). */
const WRITE_CHUNK = 1024 * 1024

/** Progress of one export: `done` of `total` units of `step`, a label for the progress bar: "Reading the posts", "Reading the images", "Writing the bundle" (files or zip pieces), "Done". */
export interface ExportProgress {
  done: number
  total: number
  step: string
}

/** What `exportBundle` needs: the site, the posts, the options and the findings of the checks. */
export interface ExportBundleArgs {
  fs: ServiceFs
  site: OpenSite
  /** Posts relative to the content folder (`blog/2024-01-16-llama2.md`). */
  files: string[]
  options: ExportOptions
  /** Findings of the pre-publish checks for these posts (others are ignored). */
  findings: Finding[]
  inkpostVersion: string
  /** Where a bundle goes when `options.out` is not given (absolute; its folder is created). */
  defaultOut: (suggestedName: string) => string
  onProgress?: (p: ExportProgress) => void
  /** Stylesheet of the preview pages; default: Inkpost's `assets/styles/prose.css`. */
  previewCss?: string
  /** Clock of `createdAt` (tests). */
  now?: () => Date
}

/** One file of the bundle being built. */
interface Entry {
  path: string
  bytes: Uint8Array
  /** Already compressed (images): stored in the zip, not deflated. */
  stored: boolean
}

/** A post read and parsed for the bundle. */
interface Post {
  file: string
  bytes: Uint8Array
  /** The decoded text (what the parser and the image references saw). */
  text: string
  parsed: ParsedContent
  mtimeMs: number
  size: number
}

/** Temp paths this process is writing; the sweep never touches them. */
const inFlight = new Set<string>()

const encoder = new TextEncoder()

function invalid(message: string, details?: Record<string, unknown>): ServiceError {
  return new ServiceError('invalid-argument', message, details)
}

/** Hex sha256 of bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

function findingKey(f: Finding): string {
  return `${f.rule}|${f.file}|${f.line}|${f.column}`
}

function errorFinding(rule: string, file: string, message: string, at: { line: number; column: number; from?: number; to?: number }): Finding {
  return { rule, severity: 'error', message, file, line: at.line, column: at.column, ...(at.from !== undefined ? { from: at.from, to: at.to } : {}) }
}

/** `blog/2024-01-16-llama2.md` → `2024-01-16-llama2`; several posts: their common folder, else `posts`. */
function bundleSlug(files: string[]): string {
  if (files.length === 1) return path.posix.basename(files[0]).replace(/\.md$/i, '')
  const dirs = new Set(files.map((f) => path.posix.dirname(f)))
  const only = dirs.size === 1 ? [...dirs][0] : '.'
  return only === '.' ? 'posts' : path.posix.basename(only)
}

/** Validates the options object and the file list; returns the normalised pieces. */
function checkArguments(files: unknown, options: unknown): { files: string[]; options: ExportOptions } {
  if (!Array.isArray(files) || files.length === 0) throw invalid('Say which posts to export (a non-empty list of files)')
  if (files.length > MAX_POSTS) throw invalid(`One export takes at most ${MAX_POSTS} posts, got ${files.length}`)
  const seen = new Set<string>()
  for (const file of files) {
    splitRelativePath(file, 'file')
    if (!(file as string).toLowerCase().endsWith('.md')) throw invalid(`"${file as string}" is not a markdown post (.md)`)
    seen.add(file as string)
  }
  const opts = (options ?? {}) as ExportOptions
  if (typeof opts !== 'object' || Array.isArray(opts)) throw invalid('Export options must be an object')
  if (opts.format !== undefined && opts.format !== 'zip' && opts.format !== 'folder') throw invalid('format must be "zip" or "folder"')
  if (opts.out !== undefined && (typeof opts.out !== 'string' || !path.isAbsolute(opts.out) || opts.out.includes('\0'))) throw invalid('out must be an absolute path')
  for (const key of ['force', 'allowDraft', 'overwrite'] as const) {
    if (opts[key] !== undefined && typeof opts[key] !== 'boolean') throw invalid(`${key} must be true or false`)
  }
  return { files: [...seen], options: opts }
}

/** Joins validated relative segments into a bundle path. */
function bundlePath(...parts: string[]): string {
  const joined = parts.join('/')
  splitRelativePath(joined, 'bundle path')
  return joined
}

/** Reads and parses one post; a post that cannot be parsed yields a `parse-error` finding instead. */
async function readPost(fs: ServiceFs, site: OpenSite, file: string): Promise<Post | Finding> {
  const resolved = await resolveInside(fs, site.contentRoot, file, 'file')
  if (!resolved.exists) throw new ServiceError('not-found', `Cannot export ${file}: it does not exist`)
  let bytes: Uint8Array
  let stat
  try {
    stat = await fs.stat(resolved.real)
    if (!stat.isFile()) throw invalid(`Cannot export ${file}: it is not a file`)
    bytes = await fs.readFile(resolved.real)
  } catch (error) {
    throw toServiceError(error, `read ${file}`)
  }
  let text: string
  try {
    text = decodePostText(bytes)
  } catch (error) {
    if (error instanceof PostParseFailure) return errorFinding('parse-error', file, error.message, { line: error.detail.line ?? 1, column: error.detail.column ?? 1 })
    throw error
  }
  // parsed for the site's own Nuxt Content version and options (a 2.13 site stores the document its YAML reader recovers)
  const outcome = await parseOnSite(site, text, { id: contentIdFor(file) })
  if (!outcome.stored) {
    const e = outcome.error
    return errorFinding('parse-error', file, `${e?.message ?? 'The post could not be parsed'} (the site cannot build it either)`, { line: e?.line ?? 1, column: e?.column ?? 1 })
  }
  return { file, bytes, text, parsed: outcome.stored, mtimeMs: stat.mtimeMs, size: stat.size }
}

/** Where a site image is: its bundle path and real file, or the finding that says why it cannot be bundled. */
async function locateImage(fs: ServiceFs, site: OpenSite, file: string, ref: ImageReference): Promise<{ bundle: string; real: string } | Finding> {
  const { publicDir } = site.info.settings
  const missing = (why: string) => errorFinding('missing-image', file, `Image ${ref.src} ${why}`, ref)
  const segments = imageUrlPath(ref.src).split('/').filter((s) => s !== '' && s !== '.')
  if (segments.includes('..')) return missing(`points above the ${publicDir}/ folder; nothing outside it is bundled`)
  if (segments.length === 0) return missing('names no file')
  for (const segment of segments) {
    try { assertSafeSegment(segment) } catch (error) { return missing(`cannot be bundled: ${(error as Error).message}`) }
  }
  const rel = [publicDir, ...segments].join('/')
  try {
    const resolved = await resolveInside(fs, site.root, rel, 'image')
    if (!isInside(site.publicRoot, resolved.real) || !isInside(site.publicRoot, resolved.absolute)) return missing(`resolves outside the ${publicDir}/ folder`)
    if (!resolved.exists) return missing(`does not exist (${rel})`)
    const stat = await fs.stat(resolved.real)
    if (!stat.isFile()) return missing(`is not a file (${rel})`)
    return { bundle: bundlePath(BUNDLE_PUBLIC_DIR, ...segments), real: resolved.real }
  } catch (error) {
    if (error instanceof ServiceError && error.code === 'outside-site') return missing('is a symbolic link that points outside the site folder')
    if (error instanceof ServiceError && error.code === 'not-found') return missing(`does not exist (${rel})`)
    return missing(`cannot be read: ${toServiceError(error, `look up ${rel}`).message}`)
  }
}

let proseCss: string | null = null

/** A plain stylesheet for when Inkpost's own prose styles cannot be found (a packaged app without assets). */
const FALLBACK_CSS = `.prose { max-width: 760px; margin: 0 auto; padding: 40px; font-family: system-ui, sans-serif; line-height: 1.8; color: #24292f; word-break: keep-all; }
.prose img { max-width: 100%; height: auto; display: block; margin: 0 auto; }
.prose figcaption { text-align: center; color: #6b7280; font-size: 0.86em; }
.prose pre { overflow-x: auto; background: #0f172a; color: #e2e8f0; padding: 14px; border-radius: 8px; }
.post-meta { color: #6b7280; font-size: 0.86em; display: flex; gap: 12px; flex-wrap: wrap; }`

/**
 * Inkpost's prose styles (`assets/styles/prose.css`), found by walking up from the running script
 * and the working folder to the `inkpost` package root; a plain fallback when there is none.
 */
export async function loadPreviewCss(fs: ServiceFs): Promise<string> {
  if (proseCss !== null) return proseCss
  const starts = [process.argv[1] ? path.dirname(path.resolve(process.argv[1])) : null, process.cwd()].filter((s): s is string => !!s)
  for (const start of starts) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      try {
        const pkg = JSON.parse(new TextDecoder().decode(await fs.readFile(path.join(dir, 'package.json')))) as { name?: unknown }
        if (pkg.name === 'inkpost') {
          proseCss = new TextDecoder().decode(await fs.readFile(path.join(dir, 'assets', 'styles', 'prose.css')))
          return proseCss
        }
      } catch { /* keep looking */ }
      if (path.dirname(dir) === dir) break
    }
  }
  return FALLBACK_CSS
}

/** The preview pages: one post → `preview/index.html`; several → an index plus `preview/<file>.html` each. */
function previewEntries(posts: Post[], css: string): Entry[] {
  const html = (text: string): Entry => ({ path: '', bytes: encoder.encode(text), stored: false })
  if (posts.length === 1) {
    return [{ ...html(renderStaticHtml(posts[0].parsed, { imageBase: `../${BUNDLE_PUBLIC_DIR}/`, css })), path: bundlePath(BUNDLE_PREVIEW_DIR, 'index.html') }]
  }
  const used = new Set<string>(['index.html'])
  const out: Entry[] = []
  const index: Array<{ title: string; href: string; date?: string; tags?: string[] }> = []
  for (const post of posts) {
    const segments = post.file.replace(/\.md$/i, '').split('/')
    let page = segments.join('/') + '.html'
    for (let n = 2; used.has(page.toLowerCase()); n++) page = `${segments.join('/')}-${n}.html`
    used.add(page.toLowerCase())
    const imageBase = '../'.repeat(segments.length) + `${BUNDLE_PUBLIC_DIR}/`
    out.push({ ...html(renderStaticHtml(post.parsed, { imageBase, css })), path: bundlePath(BUNDLE_PREVIEW_DIR, ...page.split('/')) })
    const tags = Array.isArray(post.parsed.tags) ? (post.parsed.tags as unknown[]).filter((t): t is string => typeof t === 'string') : []
    index.push({ title: String(post.parsed.title ?? post.file), href: page, date: typeof post.parsed.date === 'string' ? post.parsed.date : undefined, tags })
  }
  out.unshift({ ...html(renderStaticIndex(index, { css })), path: bundlePath(BUNDLE_PREVIEW_DIR, 'index.html') })
  return out
}

/** Removes a folder we made (a temp bundle): its files through the facade, then the emptied folders. */
async function removeTree(fs: ServiceFs, dir: string): Promise<void> {
  let entries
  try { entries = await fs.readdir(dir) } catch (error) { if (errnoCode(error) === 'ENOENT') return; throw error }
  for (const entry of entries) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory() && !entry.isSymbolicLink()) await removeTree(fs, full)
    else await fs.unlink(full)
  }
  // ServiceFs has no folder removal; only the folders emptied above are removed here (never recursive)
  await rmdir(dir)
}

const TEMP_SIBLING = /^\.(.+)\.inkpost-tmp-(\d+)-[0-9a-f]+$/

/**
 * Removes temp siblings of `out` (`.<name>.inkpost-tmp-<pid>-<hex>`, files or folders) that a killed
 * or failed earlier export left; live exports' temps (this process's in flight, other live
 * processes') are kept. Never throws. Returns the names removed.
 */
export async function sweepExportTemps(fs: ServiceFs, out: string): Promise<string[]> {
  const dir = path.dirname(out)
  const name = path.basename(out)
  let entries
  try { entries = await fs.readdir(dir) } catch { return [] }
  const removed: string[] = []
  for (const entry of entries) {
    const match = TEMP_SIBLING.exec(entry.name)
    if (!match || match[1] !== name) continue
    const full = path.join(dir, entry.name)
    const pid = Number(match[2])
    if (inFlight.has(full) || (pid !== process.pid && isProcessAlive(pid))) continue
    try {
      if (entry.isDirectory() && !entry.isSymbolicLink()) await removeTree(fs, full)
      else await fs.unlink(full)
      removed.push(entry.name)
    } catch { /* a leftover dot-file is harmless; the next export tries again */ }
  }
  return removed
}

/** Writes one file completely and fsyncs it (new file only). */
async function writeDurable(fs: ServiceFs, file: string, bytes: Uint8Array, onChunk?: () => void): Promise<void> {
  const handle = await fs.openForWrite(file, { exclusive: true, mode: 0o644 })
  try {
    if (!onChunk) await handle.write(bytes)
    else {
      for (let offset = 0; offset < bytes.length || offset === 0; offset += WRITE_CHUNK) {
        await handle.write(bytes.subarray(offset, offset + WRITE_CHUNK))
        onChunk()
        if (bytes.length === 0) break
      }
    }
    await handle.sync()
  } finally {
    await handle.close()
  }
}

async function syncQuietly(fs: ServiceFs, dir: string): Promise<void> {
  try { await fs.syncPath(dir) } catch { /* some file systems cannot fsync a folder */ }
}

/** True when `dir` holds an Inkpost bundle (its `manifest.json` says so): only those are replaced by `overwrite`. */
async function isBundleFolder(fs: ServiceFs, dir: string): Promise<boolean> {
  try {
    const manifest = JSON.parse(new TextDecoder().decode(await fs.readFile(path.join(dir, MANIFEST_NAME)))) as { bundleVersion?: unknown }
    return manifest?.bundleVersion === 1
  } catch {
    return false
  }
}

/** Where the bundle goes: the absolute path (through the real parent folder) and whether something is there now. */
async function resolveOut(fs: ServiceFs, site: OpenSite, out: string, createParent: boolean, format: 'zip' | 'folder', overwrite: boolean): Promise<{ out: string; replace: boolean }> {
  const name = path.basename(out)
  try { assertSafeSegment(name) } catch { throw invalid(`"${out}" does not name a file or folder to write`) }
  if (format === 'zip' && !/\.zip$/i.test(name)) throw invalid(`A zip bundle's out must end with .zip: ${out}`)
  if (format === 'folder' && /\.zip$/i.test(name)) throw invalid(`A folder bundle's out must not end with .zip (say format "zip"): ${out}`)
  const parent = path.dirname(path.resolve(out))
  let parentReal: string
  try {
    if (createParent) await fs.mkdir(parent)
    parentReal = await fs.realpath(parent)
    if (!(await fs.stat(parentReal)).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' })
  } catch (error) {
    throw toServiceError(error, `use the folder ${parent} for the bundle`)
  }
  const target = path.join(parentReal, name)
  for (const [root, what] of [[site.contentRoot, 'content'], [site.publicRoot, 'public']] as const) {
    if (isInside(root, target)) throw invalid(`Refusing to write the bundle inside the site's ${what} folder (${root}): the site would pick it up`)
  }
  let existing
  try { existing = await fs.lstat(target) } catch (error) {
    if (errnoCode(error) === 'ENOENT') return { out: target, replace: false }
    throw toServiceError(error, `look at ${out}`)
  }
  if (!overwrite) throw new ServiceError('exists', `${out} already exists; choose another name or allow overwriting`, { path: out })
  if (existing.isSymbolicLink()) throw new ServiceError('exists', `${out} is a symbolic link; refusing to replace it`, { path: out })
  if (format === 'zip' && !existing.isFile()) throw new ServiceError('exists', `${out} exists and is not a file; refusing to replace it`, { path: out })
  if (format === 'folder' && (!existing.isDirectory() || !(await isBundleFolder(fs, target)))) {
    throw new ServiceError('exists', `${out} exists and is not an Inkpost bundle (no manifest.json); refusing to replace it`, { path: out })
  }
  return { out: target, replace: true }
}

/** Writes the zip to a temp sibling, fsyncs it and moves it to `out` (`publishNoOverwrite` when nothing may be replaced). */
async function commitZip(fs: ServiceFs, out: string, replace: boolean, zip: Uint8Array, tick: () => void): Promise<void> {
  const temp = tempNameFor(out)
  inFlight.add(temp)
  let tempExists = false
  try {
    tempExists = true
    await writeDurable(fs, temp, zip, tick)
    if (replace) await fs.rename(temp, out)
    else {
      try {
        await publishNoOverwrite(fs, temp, out, 0o644)
      } catch (error) {
        if (errnoCode(error) === 'EEXIST') throw new ServiceError('exists', `${out} already exists; choose another name or allow overwriting`, { path: out })
        throw error
      }
    }
    tempExists = false
    await syncQuietly(fs, path.dirname(out))
  } catch (error) {
    if (tempExists) { try { await fs.unlink(temp) } catch { /* swept later */ } }
    throw error
  } finally {
    inFlight.delete(temp)
  }
}

/** Writes every file into a temp sibling folder, fsyncs files and folders, then renames it to `out`. */
async function commitFolder(fs: ServiceFs, out: string, replace: boolean, entries: Entry[], tick: () => void): Promise<void> {
  const temp = tempNameFor(out)
  const aside = replace ? tempNameFor(out) : null
  inFlight.add(temp)
  if (aside) inFlight.add(aside)
  let tempExists = false
  try {
    tempExists = true
    await fs.mkdir(temp)
    const folders = new Set<string>([temp])
    for (const entry of entries) {
      const file = path.join(temp, ...splitRelativePath(entry.path, 'bundle path'))
      if (!isInside(temp, file)) throw invalid(`Bundle path ${entry.path} leaves the bundle`)
      const dir = path.dirname(file)
      if (!folders.has(dir)) {
        await fs.mkdir(dir)
        for (let d = dir; d !== temp && !folders.has(d); d = path.dirname(d)) folders.add(d)
      }
      await writeDurable(fs, file, entry.bytes)
      tick()
    }
    for (const dir of [...folders].sort((a, b) => b.length - a.length)) await syncQuietly(fs, dir)
    if (aside) await fs.rename(out, aside)
    try {
      await fs.rename(temp, out)
    } catch (error) {
      if (aside) await fs.rename(aside, out).catch(() => undefined)
      const code = errnoCode(error)
      if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'EISDIR') throw new ServiceError('exists', `${out} already exists; choose another name or allow overwriting`, { path: out })
      throw error
    }
    tempExists = false
    await syncQuietly(fs, path.dirname(out))
    if (aside) await removeTree(fs, aside).catch(() => undefined) // the old bundle; a leftover is swept later
  } catch (error) {
    if (tempExists) await removeTree(fs, temp).catch(() => undefined)
    throw error
  } finally {
    inFlight.delete(temp)
    if (aside) inFlight.delete(aside)
  }
}

/**
 * Builds the publish bundle of `files` (see shared/services/publish-service.ts for the layout):
 * refuses with `invalid-argument` (`details.findings`) on error findings unless `force`, on posts
 * that cannot be parsed, on drafts unless `allowDraft`; with `exists` when `out` is there unless
 * `overwrite`. Writes only `out` and its dot-named temp sibling, atomically.
 */
export async function exportBundle(args: ExportBundleArgs): Promise<ExportResult> {
  const { fs, site, inkpostVersion } = args
  const { files, options } = checkArguments(args.files, args.options)
  const format = options.format ?? 'zip'
  const fileSet = new Set(files)

  // read and parse the posts, locate their images
  const posts: Post[] = []
  const own: Finding[] = []
  const images = new Map<string, string>() // bundle path → real path
  let reads = 0
  for (const file of files) {
    const post = await readPost(fs, site, file)
    args.onProgress?.({ done: ++reads, total: files.length, step: 'Reading the posts' })
    if ('rule' in post) { own.push(post); continue }
    posts.push(post)
    for (const ref of collectImageReferences(post.parsed, post.text)) {
      if (classifyImageUrl(ref.src) !== 'site') continue
      const found = await locateImage(fs, site, file, ref)
      if ('rule' in found) own.push(found)
      else if (!images.has(found.bundle)) images.set(found.bundle, found.real)
    }
  }
  const seen = new Set<string>()
  const findings: Finding[] = []
  for (const f of [...(Array.isArray(args.findings) ? args.findings : []).filter((f) => f && fileSet.has(f.file)), ...own]) {
    const key = findingKey(f)
    if (seen.has(key)) continue
    seen.add(key)
    findings.push(f)
  }
  const unparsed = own.filter((f) => f.rule === 'parse-error')
  if (unparsed.length) throw invalid(`Not exported: ${unparsed.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`).join('; ')}`, { findings })
  const errors = findings.filter((f) => f.severity === 'error')
  if (errors.length && !options.force) {
    throw invalid(`Not exported: the checks found ${errors.length} error${errors.length === 1 ? '' : 's'} (${errors.slice(0, 3).map((f) => `${f.file}:${f.line} ${f.rule}`).join(', ')}${errors.length > 3 ? ', …' : ''}); fix them or export anyway with force`, { findings })
  }
  const drafts = posts.filter((p) => p.parsed.draft === true || p.parsed._draft === true).map((p) => p.file)
  if (drafts.length && !options.allowDraft) {
    throw invalid(`Not exported: ${drafts.join(', ')} ${drafts.length === 1 ? 'is a draft' : 'are drafts'} (draft: true); allow drafts to export ${drafts.length === 1 ? 'it' : 'them'}`, { drafts, findings })
  }

  // where it goes
  const slug = bundleSlug(files)
  const requested = options.out ?? (() => {
    const suggested = args.defaultOut(`${slug}.zip`)
    return format === 'folder' ? suggested.replace(/\.zip$/i, '') : suggested
  })()
  const target = await resolveOut(fs, site, requested, options.out === undefined, format, options.overwrite === true)
  await sweepExportTemps(fs, target.out)

  // the bundle's files, in memory
  const entries: Entry[] = []
  for (const post of posts) entries.push({ path: bundlePath(BUNDLE_CONTENT_DIR, ...post.file.split('/')), bytes: post.bytes, stored: false })
  let done = 0
  for (const [bundle, real] of [...images].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    let bytes: Uint8Array
    try { bytes = await fs.readFile(real) } catch (error) { throw toServiceError(error, `read ${bundle}`) }
    entries.push({ path: bundle, bytes, stored: true })
    args.onProgress?.({ done: ++done, total: images.size, step: 'Reading the images' })
  }
  for (const post of posts) {
    const entry = toCacheEntry(post.parsed, { mtime: post.mtimeMs, size: post.size }, siteParseSettings(args.site))
    entries.push({ path: bundlePath(BUNDLE_CACHE_DIR, ...post.file.split('/')) + '.json', bytes: encoder.encode(JSON.stringify(entry)), stored: false })
  }
  entries.push(...previewEntries(posts, args.previewCss ?? (await loadPreviewCss(fs))))
  const manifestFiles: BundleFile[] = entries.map((e) => ({ path: e.path, bytes: e.bytes.length, sha256: sha256Hex(e.bytes) }))
  const createdAt = (args.now?.() ?? new Date()).toISOString()
  const manifest: BundleManifest = {
    bundleVersion: 1,
    inkpostVersion,
    nuxtContentVersion: siteParseSettings(args.site).version,
    contentOptions: siteParseSettings(args.site).options as Record<string, unknown>,
    posts: posts.map((p) => ({ file: p.file, path: String(p.parsed._path), title: String(p.parsed.title ?? '') })),
    createdAt,
    files: manifestFiles,
    findings,
  }
  entries.push({ path: MANIFEST_NAME, bytes: encoder.encode(JSON.stringify(manifest, null, 2) + '\n'), stored: false })

  // write it next to out, then move it into place
  let zip: Uint8Array | null = null
  if (format === 'zip') {
    const mtime = new Date(createdAt)
    const zippable: Zippable = {}
    for (const e of entries) zippable[e.path] = [e.bytes, { level: e.stored ? 0 : 6, mtime }]
    zip = zipSync(zippable)
  }
  const writeUnits = zip ? Math.max(1, Math.ceil(zip.length / WRITE_CHUNK)) : entries.length
  let written = 0
  const tick = () => args.onProgress?.({ done: ++written, total: writeUnits, step: 'Writing the bundle' })
  try {
    if (zip) await commitZip(fs, target.out, target.replace, zip, tick)
    else await commitFolder(fs, target.out, target.replace, entries, tick)
  } catch (error) {
    throw toWriteError(error, `write the bundle ${requested}`, target.replace ? `The bundle already at ${requested} is unchanged and nothing partial was left.` : `Nothing was written at ${requested}.`)
  }
  args.onProgress?.({ done: 1, total: 1, step: 'Done' })
  return { out: path.resolve(requested), format, manifest }
}
