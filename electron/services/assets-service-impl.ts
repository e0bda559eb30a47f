import { createHash } from 'node:crypto'
import path from 'node:path'
import type { AssetsService, ImageReferenceInfo, ImageType, ImportedImage, ImportImageInput, MissingImage, SiteAssetReport, UnusedImage } from '../../shared/services/assets-service'
import { ServiceError } from '../../shared/services/service-error'
import { figureSnippet, figureTextFromName, markdownImageSnippet } from '../../shared/assets/figure-snippet'
import { baseNameOf, imageDateFor, imageFileName, nextImageName, postSlugOf, sanitizeNamePart } from '../../shared/assets/image-file-name'
import { classifyImageUrl, collectImageReferences, imageUrlPath, isImageFileName } from '../../shared/assets/image-references'
import { EXTENSION_FOR_TYPE, sniffImageType } from '../../shared/assets/image-type'
import { contentIdFor, urlPathFor } from '../../shared/parser/index'
import { frontmatterBounds } from '../../shared/parser/split-frontmatter'
import { atomicWriteFile, isTempName, sweepStaleTemps } from './atomic-write'
import { KeyedLock } from './keyed-lock'
import { errnoCode, type ServiceFs } from './fs-facade'
import { optimizeImage, readImageFacts } from './image-optimizer'
import { toServiceError, toWriteError } from './io-error'
import type { TrashFunction } from './post-service-impl'
import { decodeOrError } from './post-summary'
import { localDate } from './post-text'
import type { OpenSite, SiteContext } from './site-context'
import { assertSafeSegment, isInside, resolveInside, splitRelativePath, toRelative, type ResolvedPath } from './site-paths'
import { cleanSvg, svgDimensions } from './svg-cleaner'
import { listPostFiles } from './site-index'
import { checkImportInput, decodeSvg, displayName, humanSize, tooLarge } from './import-image-input'
import { parseOnSite } from './parse-pool'

/** Dependencies of AssetsServiceImpl. */
export interface AssetsServiceDeps {
  fs: ServiceFs
  clock: () => number
  context: SiteContext
  trash: TrashFunction
  /** Whether `importImage` may read `sourcePath` (the desktop host only; browser mode sends bytes). */
  allowSourcePath: boolean
  /** Reads a dropped file by path (default `fs.readFile`); `maxBytes` lets a host stop early. */
  readSource?: (absolutePath: string, maxBytes: number) => Promise<Uint8Array>
}

/** Most image URLs one `describe` call looks up. */
const MAX_SRCS = 10_000
/** Longest dropped file name accepted. */
/** How many names an import tries when other writers keep taking them. */
const MAX_NAME_ATTEMPTS = 50
/** Files read at once by `describe` and `report`. */
const CONCURRENCY = 16
const NOT_SERVED_FROM_CONTENT = 'the site does not serve files from content/; move it under public/'

interface FileStamp { size: number; mtimeMs: number }
interface ImageFile { absolute: string; inFolder: string; size: number; mtimeMs: number }
interface ImageFolder { rel: string; resolved: ResolvedPath }
/** A reference resolved against the disk, with the file (relative to the public folder) it names. */
interface Resolved { info: ImageReferenceInfo; publicPath?: string; real?: string }
interface BuiltReport { report: SiteAssetReport; usedBy: Map<string, Set<string>>; folder: string }

function invalid(message: string): ServiceError {
  return new ServiceError('invalid-argument', message)
}

function assertMarkdown(file: string): void {
  if (!file.toLowerCase().endsWith('.md')) throw invalid(`"${file}" is not a markdown post (.md)`)
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength))
}

function nfc(value: string): string {
  return value.normalize('NFC')
}

async function mapLimit<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await task(items[index])
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

/**
 * Figures: copies dropped images into the site's image folder (named by the site's pattern,
 * optimised, never overwriting, reusing identical files), and checks image references against
 * the disk as the site would serve them.
 */
export class AssetsServiceImpl implements AssetsService {
/** Per-folder queue so two imports in this process never pick the same name. */
  private readonly lock = new KeyedLock()
  /** sha256 of image files, keyed by path and valid for one (size, mtime). */
  private readonly hashes = new Map<string, FileStamp & { hash: string }>()
  /** Displayed size of referenced files, keyed by path and valid for one (size, mtime). */
  private readonly sizes = new Map<string, FileStamp & { width?: number; height?: number }>()

  constructor(private readonly deps: AssetsServiceDeps) {}

  private async resolvePost(file: unknown): Promise<{ site: OpenSite; file: string; resolved: ResolvedPath }> {
    const site = this.deps.context.require()
    splitRelativePath(file, 'file')
    const resolved = await resolveInside(this.deps.fs, site.contentRoot, file, 'file')
    assertMarkdown(file as string)
    return { site, file: file as string, resolved }
  }

  private withLock<T>(key: string, task: () => Promise<T>): Promise<T> {
    return this.lock.run(key, task)
  }

  /** `<publicDir>/<imageDir>` under the site root, resolved (symlinks leaving the site refused). */
  private async imageFolder(site: OpenSite): Promise<ImageFolder> {
    const { publicDir, imageDir } = site.info.settings
    const rel = `${publicDir}/${imageDir}`
    return { rel, resolved: await resolveInside(this.deps.fs, site.root, rel, 'image folder') }
  }

  async importImage(file: string, input: ImportImageInput): Promise<ImportedImage> {
    const post = await this.resolvePost(file)
    const checked = checkImportInput(input)
    const { site } = post
    const settings = site.info.settings
    const shown = displayName(checked.name || (checked.sourcePath ? path.basename(checked.sourcePath) : 'image'))
    const original = checked.data ?? (await this.readSource(checked.sourcePath as string, shown, settings.maxImportBytes))
    if (original.length === 0) throw invalid(`"${shown}" is empty (0 bytes); nothing was copied`)
    if (original.length > settings.maxImportBytes) throw tooLarge(shown, original.length, settings.maxImportBytes)
    const notImage = () => invalid(`"${shown}" is not an image (PNG, JPEG, GIF, WebP, AVIF or SVG); nothing was copied`)
    const sniffed = sniffImageType(original)
    if (!sniffed) throw notImage()
    const notices: string[] = []

    // what to store: the cleaned SVG, the optimised raster, or the original bytes
    let type: ImageType
    let stored: { bytes: Uint8Array; width: number; height: number; optimized: boolean }
    let originalSize: { width: number; height: number }
    if (sniffed === 'svg') {
      type = 'svg'
      const cleaned = await cleanSvg(decodeSvg(original, shown))
      const bytes = new TextEncoder().encode(cleaned.svg)
      const size = await this.svgSize(bytes, cleaned.svg)
      originalSize = size
      stored = { bytes, ...size, optimized: !sameBytes(bytes, original) }
      if (cleaned.removed.length) notices.push(`Removed from the SVG: ${cleaned.removed.join(', ')}`)
    } else {
      const facts = await readImageFacts(original, { name: shown, decode: !settings.optimizeImages })
      if (!facts.type || facts.type === 'svg') throw notImage()
      type = facts.type
      originalSize = { width: facts.width, height: facts.height }
      stored = { bytes: original, width: facts.width, height: facts.height, optimized: false }
    }

    const folder = await this.imageFolder(site)
    try {
      await this.deps.fs.mkdir(folder.resolved.absolute)
    } catch (error) {
      throw toWriteError(error, `create the image folder ${folder.rel}`, `Nothing was copied and the post is unchanged.`)
    }
    // re-resolve now that the folder exists: a link created on the way must still stay inside the site
    const folderReal = (await resolveInside(this.deps.fs, site.root, folder.rel, 'image folder')).real

    const result = (inFolder: string, reused: boolean, facts: { bytes: number; width: number; height: number; optimized: boolean }): ImportedImage => {
      const src = `/${settings.imageDir}/${inFolder}`
      const { title, caption } = figureTextFromName(checked.name)
      const { snippet, select } = settings.insertImageAs === 'markdown' ? markdownImageSnippet({ src, alt: caption }) : figureSnippet(settings.figureTemplate, { src, alt: title, caption })
      if (reused) notices.unshift(`Reused the identical image ${inFolder}`)
      return { src, path: `${folder.rel}/${inFolder}`, reused, width: facts.width, height: facts.height, bytes: facts.bytes, originalBytes: original.length, type, optimized: facts.optimized, snippet, select, notices }
    }

    // the dropped bytes are already in the folder: reference that file, skip the work
    const early = await this.findIdentical(folderReal, [original])
    if (early) return result(early.inFolder, true, { bytes: original.length, ...originalSize, optimized: false })

    const today = localDate(this.deps.clock())
    const { date, fromPost } = imageDateFor(await this.postDate(post.file, post.resolved, checked.postDate), today)

    // how the new file was named and processed: only said when it is written (a reused file was not)
    const written: string[] = fromPost ? [] : [`This post has no date: the image is named with today's date (${today}).`]
    if (type !== 'svg' && settings.optimizeImages) {
      const out = await optimizeImage(original, type, { maxWidth: settings.maxImageWidth, quality: settings.imageQuality, name: shown })
      stored = { bytes: out.bytes, width: out.width, height: out.height, optimized: out.optimized }
      if (out.optimized) {
        if (originalSize.width > out.width) written.push(`Downscaled from ${originalSize.width} to ${out.width} px wide`)
        if (out.hadMetadata) written.push('Removed the metadata (EXIF, XMP, IPTC: camera details, location)')
        // only a saving worth mentioning (a tenth and 10 KB) is said
        const saved = original.length - out.bytes.length
        if (saved >= 10 * 1024 && saved >= original.length / 10) written.push(`Optimised from ${humanSize(original.length)} to ${humanSize(out.bytes.length)}`)
      } else if (out.keptReason === 'animated-png') {
        written.push('Kept the original: animated PNGs are copied as they are')
      }
    }

    return this.withLock(folderReal, async () => {
      const same = await this.findIdentical(folderReal, [original, stored.bytes])
      if (same) {
        const isStored = same.size === stored.bytes.length && sameBytes(await this.deps.fs.readFile(same.absolute), stored.bytes)
        return result(same.inFolder, true, isStored ? { bytes: stored.bytes.length, width: stored.width, height: stored.height, optimized: stored.optimized } : { bytes: original.length, ...originalSize, optimized: false })
      }
      const created = await this.writeNew(site, folder.rel, folderReal, {
        date,
        slug: postSlugOf(post.file),
        name: sanitizeNamePart(baseNameOf(checked.name)) || 'image',
        ext: EXTENSION_FOR_TYPE[type],
      }, stored.bytes, shown)
      notices.push(...written)
      return result(created.name, false, { bytes: stored.bytes.length, width: stored.width, height: stored.height, optimized: stored.optimized })
    })
  }

  /** Reads a dropped file by path: only a regular file (no folder, no symbolic link), within the size limit. */
  private async readSource(sourcePath: string, shown: string, maxBytes: number): Promise<Uint8Array> {
    if (!this.deps.allowSourcePath) throw invalid('Images can only be imported by file path in the desktop app; send the image\'s bytes instead')
    if (sourcePath.includes('\0') || !path.isAbsolute(sourcePath)) throw invalid(`"${shown}": sourcePath must be an absolute file path`)
    let stat
    try {
      stat = await this.deps.fs.lstat(sourcePath)
    } catch (error) {
      throw toServiceError(error, `read "${shown}"`)
    }
    if (stat.isSymbolicLink()) throw invalid(`"${shown}" is a symbolic link; drop the image file itself`)
    if (stat.isDirectory()) throw invalid(`"${shown}" is a folder, not an image`)
    if (!stat.isFile()) throw invalid(`"${shown}" is not a regular file, so it cannot be an image`)
    if (stat.size > maxBytes) throw tooLarge(shown, stat.size, maxBytes)
    try {
      return this.deps.readSource ? await this.deps.readSource(sourcePath, maxBytes) : await this.deps.fs.readFile(sourcePath)
    } catch (error) {
      throw toServiceError(error, `read "${shown}"`)
    }
  }

  /** The date the post says: the editor's `postDate` when given, else the saved post's frontmatter `date`. */
  private async postDate(file: string, resolved: ResolvedPath, given: string | null | undefined): Promise<unknown> {
    if (given !== undefined) return given
    if (!resolved.exists) return null
    let text: string
    try {
      const decoded = decodeOrError(await this.deps.fs.readFile(resolved.real))
      if ('error' in decoded) return null
      text = decoded.text.replace(/\r\n?/g, '\n')
    } catch {
      return null // unreadable now: named with today's date, and the writer is told
    }
    const outcome = await parseOnSite(this.deps.context.require(), text, { id: contentIdFor(file) })
    if (outcome.parsed && !outcome.error) return (outcome.parsed as unknown as Record<string, unknown>).date ?? null
    const bounds = frontmatterBounds(text)
    const yaml = bounds ? text.slice(bounds.yamlFrom, bounds.yamlTo) : ''
    return /^date\s*:\s*['"]?(\d{4}-\d{2}-\d{2})/m.exec(yaml)?.[1] ?? null
  }

  private async svgSize(bytes: Uint8Array, svg: string): Promise<{ width: number; height: number }> {
    try {
      const facts = await readImageFacts(bytes)
      if (facts.type === 'svg' && facts.width > 0 && facts.height > 0) return { width: facts.width, height: facts.height }
    } catch { /* librsvg could not size it: read the root element instead */ }
    return svgDimensions(svg) ?? { width: 0, height: 0 }
  }

  /** Writes `bytes` under the next free name of the pattern, never overwriting (EEXIST → the next name). */
  private async writeNew(site: OpenSite, folderRel: string, folderReal: string, vars: { date: string; slug: string; name: string; ext: string }, bytes: Uint8Array, shown: string): Promise<{ name: string; absolute: string }> {
    const pattern = site.info.settings.imageNamePattern
    await sweepStaleTemps(this.deps.fs, folderReal)
    const taken = new Set<string>()
    let minimum = 1
    for (let attempt = 0; attempt < MAX_NAME_ATTEMPTS; attempt++) {
      const names = [...(await this.namesIn(folderReal)), ...taken]
      let { name, n } = nextImageName(pattern, vars, names)
      if (n < minimum) {
        n = minimum
        name = imageFileName(pattern, vars, n)
      }
      const rel = `${folderRel}/${name}`
      const target = await resolveInside(this.deps.fs, site.root, rel, 'image file')
      if (target.exists) {
        taken.add(name)
        minimum = n + 1
        continue
      }
      try {
        await atomicWriteFile(this.deps.fs, target.real, bytes, { noOverwrite: true })
        return { name, absolute: target.real }
      } catch (error) {
        if (errnoCode(error) !== 'EEXIST') throw toWriteError(error, `copy "${shown}" to ${rel}`, `Nothing was added to ${folderRel} and the post is unchanged.`)
        taken.add(name) // another process took the name between our look and our link
        minimum = n + 1
      }
    }
    throw new ServiceError('exists', `Could not find a free name for "${shown}" in ${folderRel} after ${MAX_NAME_ATTEMPTS} tries`)
  }

  private async namesIn(dir: string): Promise<string[]> {
    return (await this.deps.fs.readdir(dir).catch((error: unknown) => { throw toServiceError(error, `list ${dir}`) })).map((entry) => entry.name)
  }

  /** Every image file below `dir` (recursive; hidden names, temp files and symbolic links skipped). */
  private async imageFiles(dir: string, prefix = '', depth = 0): Promise<ImageFile[]> {
    if (depth > 32) return []
    let entries
    try {
      entries = await this.deps.fs.readdir(dir)
    } catch (error) {
      if (errnoCode(error) === 'ENOENT' || errnoCode(error) === 'ENOTDIR') return []
      throw toServiceError(error, `list ${dir}`)
    }
    const out: ImageFile[] = []
    for (const entry of entries) {
      if (entry.name.startsWith('.') || isTempName(entry.name) || entry.isSymbolicLink()) continue
      const absolute = path.join(dir, entry.name)
      const inFolder = prefix ? `${prefix}/${entry.name}` : entry.name
      if (entry.isDirectory()) out.push(...(await this.imageFiles(absolute, inFolder, depth + 1)))
      else if (entry.isFile() && isImageFileName(entry.name)) {
        const stat = await this.deps.fs.stat(absolute).catch(() => null) // null: removed while listing
        if (stat) out.push({ absolute, inFolder, size: stat.size, mtimeMs: stat.mtimeMs })
      }
    }
    return out.sort((a, b) => (a.inFolder < b.inFolder ? -1 : a.inFolder > b.inFolder ? 1 : 0))
  }

  /** An image file in the folder whose bytes equal one of `candidates`: sizes first, then sha256 (cached per path, size and mtime). */
  private async findIdentical(folderReal: string, candidates: Uint8Array[]): Promise<ImageFile | null> {
    const wanted = new Map<number, Set<string>>()
    for (const candidate of candidates) {
      const hashes = wanted.get(candidate.length) ?? new Set<string>()
      hashes.add(sha256(candidate))
      wanted.set(candidate.length, hashes)
    }
    for (const file of await this.imageFiles(folderReal)) {
      const hashes = wanted.get(file.size)
      if (!hashes) continue
      let cached = this.hashes.get(file.absolute)
      if (!cached || cached.size !== file.size || cached.mtimeMs !== file.mtimeMs) {
        const bytes = await this.deps.fs.readFile(file.absolute).catch(() => null) // null: vanished or unreadable, not a match
        if (!bytes) continue
        cached = { size: file.size, mtimeMs: file.mtimeMs, hash: sha256(bytes) }
        this.hashes.set(file.absolute, cached)
      }
      if (hashes.has(cached.hash)) return file
    }
    return null
  }

  async describe(file: string, srcs: string[]): Promise<ImageReferenceInfo[]> {
    const post = await this.resolvePost(file)
    if (!Array.isArray(srcs)) throw invalid('assets.describe needs a list of image URLs')
    if (srcs.length > MAX_SRCS) throw invalid(`assets.describe takes at most ${MAX_SRCS} image URLs, got ${srcs.length}`)
    for (const src of srcs) if (typeof src !== 'string') throw invalid('Every image URL must be a string')
    const pagePath = pagePathOf(post.file)
    const memo = new Map<string, Promise<Resolved>>()
    return mapLimit(srcs, CONCURRENCY, async (src) => {
      if (!memo.has(src)) memo.set(src, this.resolveReference(post.site, post.file, pagePath, src, true))
      return (await (memo.get(src) as Promise<Resolved>)).info
    })
  }

  /** Where `src` (as written in `file`) leads: remote, inline, a file under public/ (with its size) or not. */
  private async resolveReference(site: OpenSite, file: string, pagePath: string, src: string, withSize: boolean): Promise<Resolved> {
    const kind = classifyImageUrl(src)
    if (kind === 'remote') return { info: { src, state: 'remote' } }
    if (kind === 'inline') return { info: { src, state: 'inline' } }
    if (kind === 'unsupported') {
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(src.trim())?.[1].toLowerCase() ?? 'this'
      return { info: { src, state: 'outside-public', reason: `the site cannot serve "${scheme}:" URLs` } }
    }
    if (kind === 'site') return this.lookInPublic(site, src, imageUrlPath(src), withSize, true)
    // relative: the browser resolves it against the post's page URL (e.g. /blog/2024-01-16-llama2)
    const urlPath = URL.canParse(src.trim(), `http://site.invalid${pagePath}`) ? imageUrlPath(new URL(src.trim(), `http://site.invalid${pagePath}`).pathname) : null
    if (urlPath === null) return { info: { src, state: 'missing', reason: 'it is not a valid URL' } }
    const found = await this.lookInPublic(site, src, urlPath, withSize, false)
    if (found.info.state !== 'missing') return found
    const besidePost = await this.lookInContent(site, file, src)
    return besidePost ?? found
  }

  private async lookInPublic(site: OpenSite, src: string, urlPath: string, withSize: boolean, strict: boolean): Promise<Resolved> {
    const { publicDir } = site.info.settings
    const segments: string[] = []
    for (const segment of urlPath.split('/')) {
      if (segment === '' || segment === '.') continue
      if (segment === '..') {
        if (segments.length === 0 && strict) return { info: { src, state: 'outside-public', reason: `it points above the ${publicDir}/ folder` } }
        segments.pop()
        continue
      }
      const unsafe = (() => { try { assertSafeSegment(segment); return null } catch (error) { return (error as Error).message } })()
      if (unsafe) return { info: { src, state: 'outside-public', reason: unsafe } }
      segments.push(segment)
    }
    const rel = [publicDir, ...segments].join('/')
    if (segments.length === 0) return { info: { src, state: 'missing', path: rel, reason: 'it names no file' } }
    let resolved: ResolvedPath
    try {
      resolved = await resolveInside(this.deps.fs, site.root, rel, 'image')
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'outside-site') return { info: { src, state: 'outside-public', path: rel, reason: 'a symbolic link points outside the site folder' } }
      if (error instanceof ServiceError && error.code === 'not-found') return { info: { src, state: 'missing', path: rel, reason: `${rel} does not exist` } }
      return { info: { src, state: 'missing', path: rel, reason: toServiceError(error, `look up ${rel}`).message } }
    }
    const publicPath = nfc(segments.join('/'))
    if (!isInside(site.publicRoot, resolved.real)) return { info: { src, state: 'outside-public', path: rel, reason: `it resolves outside the ${publicDir}/ folder` }, publicPath }
    if (!resolved.exists) return { info: { src, state: 'missing', path: rel, reason: `${rel} does not exist` }, publicPath }
    try {
      const stat = await this.deps.fs.stat(resolved.real)
      if (!stat.isFile()) return { info: { src, state: 'missing', path: rel, reason: `${rel} is a folder` }, publicPath }
      const info: ImageReferenceInfo = { src, state: 'ok', path: rel, bytes: stat.size }
      if (withSize) Object.assign(info, await this.displayedSize(resolved.real, stat))
      return { info, publicPath, real: resolved.real }
    } catch (error) {
      return { info: { src, state: 'missing', path: rel, reason: toServiceError(error, `read ${rel}`).message }, publicPath }
    }
  }

  /** A relative image that exists next to the post in content/ (which the site does not serve). */
  private async lookInContent(site: OpenSite, file: string, src: string): Promise<Resolved | null> {
    const joined = path.posix.normalize(path.posix.join(path.posix.dirname(file), imageUrlPath(src)))
    if (joined.startsWith('../') || joined === '..' || joined === '.') return null
    try {
      const resolved = await resolveInside(this.deps.fs, site.contentRoot, joined, 'image')
      if (!resolved.exists || !(await this.deps.fs.stat(resolved.real)).isFile()) return null
      return { info: { src, state: 'outside-public', path: toRelative(site.root, resolved.absolute), reason: NOT_SERVED_FROM_CONTENT } }
    } catch {
      return null
    }
  }

  private async displayedSize(real: string, stat: FileStamp): Promise<{ width?: number; height?: number }> {
    const cached = this.sizes.get(real)
    if (cached && cached.size === stat.size && cached.mtimeMs === stat.mtimeMs) return cached.width ? { width: cached.width, height: cached.height } : {}
    let size: { width?: number; height?: number } = {}
    try {
      const facts = await readImageFacts(await this.deps.fs.readFile(real))
      if (facts.type && facts.width > 0 && facts.height > 0) size = { width: facts.width, height: facts.height }
    } catch { /* not an image sharp can size: the state still says it exists */ }
    this.sizes.set(real, { size: stat.size, mtimeMs: stat.mtimeMs, ...size })
    return size
  }

  async report(): Promise<SiteAssetReport> {
    return (await this.buildReport()).report
  }

  private async buildReport(): Promise<BuiltReport> {
    const site = this.deps.context.require()
    const folder = await this.imageFolder(site)
    const posts = await listPostFiles(this.deps.fs, site).catch((error: unknown) => { throw toServiceError(error, `list the posts in ${site.contentRoot}`) })
    const usedBy = new Map<string, Set<string>>()
    const usedReal = new Set<string>()
    const missing: MissingImage[] = []
    const unreadable: SiteAssetReport['unreadable'] = []
    const unparsedTexts: string[] = []
    let referenceCount = 0
    const memo = new Map<string, Promise<Resolved>>()
    await mapLimit(posts, CONCURRENCY, async (absolute) => {
      const file = toRelative(site.contentRoot, absolute)
      let text: string
      try {
        const decoded = decodeOrError(await this.deps.fs.readFile(absolute))
        if ('error' in decoded) { unreadable.push({ file, message: decoded.error }); return }
        text = decoded.text.replace(/\r\n?/g, '\n')
      } catch (error) {
        unreadable.push({ file, message: toServiceError(error, `read ${file}`).message })
        return
      }
      // as the site parses it, in the parse pool (a post that would take minutes is named, not waited for)
      const outcome = await parseOnSite(site, text, { id: contentIdFor(file) })
      if (outcome.error || !outcome.parsed) {
        unreadable.push({ file, message: outcome.error?.message ?? 'The post could not be parsed' })
        unparsedTexts.push(nfc(text)) // its images are unknown: a file it names is never called unused
      }
      if (!outcome.parsed) return
      const references = collectImageReferences(outcome.parsed as unknown as Parameters<typeof collectImageReferences>[0], text)
      referenceCount += references.length
      const pagePath = pagePathOf(file)
      for (const ref of references) {
        const key = classifyImageUrl(ref.src) === 'relative' ? `${file}\n${ref.src}` : ref.src
        if (!memo.has(key)) memo.set(key, this.resolveReference(site, file, pagePath, ref.src, false))
        const resolved = await (memo.get(key) as Promise<Resolved>)
        if (resolved.publicPath) {
          const users = usedBy.get(resolved.publicPath) ?? new Set<string>()
          users.add(file)
          usedBy.set(resolved.publicPath, users)
        }
        if (resolved.real) usedReal.add(resolved.real)
        const state = resolved.info.state
        if (state === 'missing' || state === 'outside-public') missing.push({ file, src: ref.src, state, line: ref.line, column: ref.column })
      }
    })
    const images = folder.resolved.exists ? await this.imageFiles(folder.resolved.real) : []
    const { imageDir } = site.info.settings
    const unused: UnusedImage[] = []
    for (const image of images) {
      const publicPath = nfc(`${imageDir}/${image.inFolder}`)
      if (usedBy.has(publicPath) || usedReal.has(image.absolute)) continue
      const baseName = nfc(path.posix.basename(image.inFolder))
      if (unparsedTexts.some((text) => text.includes(baseName))) continue
      unused.push({ path: `${folder.rel}/${image.inFolder}`, src: `/${imageDir}/${image.inFolder}`, bytes: image.size })
    }
    unused.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    missing.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column)
    unreadable.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
    const report: SiteAssetReport = {
      imageDir: folder.rel,
      imageCount: images.length,
      referenceCount,
      unused,
      unusedBytes: unused.reduce((sum, image) => sum + image.bytes, 0),
      missing,
      unreadable,
    }
    return { report, usedBy, folder: folder.rel }
  }

  async deleteUnused(paths: string[]): Promise<{ deleted: string[] }> {
    if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string')) throw invalid('assets.deleteUnused needs a list of image paths (from the report)')
    if (paths.length > MAX_SRCS) throw invalid(`assets.deleteUnused takes at most ${MAX_SRCS} paths`)
    const wanted = [...new Set(paths)]
    if (wanted.length === 0) return { deleted: [] }
    const site = this.deps.context.require()
    const { report, usedBy, folder } = await this.buildReport()
    const unused = new Set(report.unused.map((image) => nfc(image.path)))
    for (const wantedPath of wanted) {
      if (unused.has(nfc(wantedPath))) continue
      const prefix = `${site.info.settings.publicDir}/`
      const users = wantedPath.startsWith(prefix) ? usedBy.get(nfc(wantedPath.slice(prefix.length))) : undefined
      if (users && users.size > 0) throw invalid(`Nothing was deleted: ${wantedPath} is used by ${[...users].sort().join(', ')}`)
      throw invalid(`Nothing was deleted: ${wantedPath} is not an unused image in ${folder}`)
    }
    const deleted: string[] = []
    for (const wantedPath of wanted) {
      try {
        const resolved = await resolveInside(this.deps.fs, site.root, wantedPath, 'image')
        await this.deps.trash(resolved.absolute, { root: site.root })
        this.hashes.delete(resolved.real)
        deleted.push(wantedPath)
      } catch (error) {
        const failure = toServiceError(error, `move ${wantedPath} to the trash`)
        throw new ServiceError(failure.code, deleted.length ? `${failure.message} (already moved to the trash: ${deleted.join(', ')})` : failure.message, { ...failure.details, deleted })
      }
    }
    return { deleted }
  }
}

/** The page URL Nuxt Content gives a post (`blog/2024-01-16-llama2.md` → `/blog/2024-01-16-llama2`). */
function pagePathOf(file: string): string {
  return urlPathFor(file) || `/${file.replace(/\.md$/i, '')}`
}
