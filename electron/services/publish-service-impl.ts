import path from 'node:path'
import type { Finding, SiteIndex } from '../../shared/checks/finding'
import { cacheEntryToMarkdown } from '../../shared/import/cache-to-markdown'
import type { PostDocument } from '../../shared/services/post-service'
import type { ExportOptions, ExportResult, PublishService } from '../../shared/services/publish-service'
import { ServiceError } from '../../shared/services/service-error'
import { exportBundle } from './bundle-export'
import type { ServiceFs } from './fs-facade'
import type { PostServiceImpl } from './post-service-impl'
import { checkSavedPosts } from './post-checks'
import type { SiteContext } from './site-context'
import { buildSiteIndex } from './site-index'
import { resolveInside, splitRelativePath, toRelative } from './site-paths'

/** Dependencies of PublishServiceImpl. */
export interface PublishServiceDeps {
  fs: ServiceFs
  context: SiteContext
  post: PostServiceImpl
  /** Where bundles go when the caller names no place: `<exportsDir>/<post>.zip`. */
  exportsDir: string
  /** Browser mode: the URL prefix under which the host serves `exportsDir` for download (e.g. `/export-file`); Electron: none. */
  downloadBase?: string
  inkpostVersion: string
  /** Progress of a running export, for the window's progress bar. */
  onProgress?: (progress: { done: number; total: number; step: string }) => void
}

/** The posts a `files` argument names: files as the library lists them, or folders (`blog/`) meaning every post below. */
async function expandFiles(fs: ServiceFs, contentRoot: string, files: string | string[], index: SiteIndex): Promise<string[]> {
  const list = Array.isArray(files) ? files : [files]
  if (list.length === 0) throw new ServiceError('invalid-argument', 'Name at least one post to export')
  const out: string[] = []
  for (const entry of list) {
    const trimmed = entry.replace(/\/+$/, '')
    if (trimmed === '' || trimmed === '.') { out.push(...index.posts.map((p) => p.file)); continue }
    splitRelativePath(trimmed, 'post')
    const resolved = await resolveInside(fs, contentRoot, trimmed, 'post')
    let isFolder = false
    if (resolved.exists) {
      try { isFolder = (await fs.stat(resolved.real)).isDirectory() } catch { isFolder = false }
    }
    if (isFolder) {
      const prefix = `${trimmed}/`
      const inside = index.posts.map((p) => p.file).filter((f) => f.startsWith(prefix))
      if (inside.length === 0) throw new ServiceError('not-found', `The folder "${trimmed}" holds no posts`)
      out.push(...inside)
    } else {
      if (!trimmed.toLowerCase().endsWith('.md')) throw new ServiceError('invalid-argument', `"${trimmed}" is not a markdown post (.md)`)
      if (!resolved.exists) throw new ServiceError('not-found', `No post "${trimmed}" in the content folder`)
      out.push(toRelative(contentRoot, resolved.absolute))
    }
  }
  return [...new Set(out)]
}

/** A name for an imported post that does not exist yet: `x.md`, else `x-restored.md`, `x-restored-2.md`, … */
async function freePostName(fs: ServiceFs, contentRoot: string, file: string): Promise<string> {
  const base = file.replace(/\.md$/i, '')
  for (let n = 0; n < 100; n++) {
    const candidate = n === 0 ? `${base}.md` : n === 1 ? `${base}-restored.md` : `${base}-restored-${n}.md`
    const resolved = await resolveInside(fs, contentRoot, candidate, 'post')
    if (!resolved.exists) return candidate
  }
  throw new ServiceError('exists', `Too many posts named like ${file}; give the imported post another name`)
}

/**
 * Publishing: the pre-publish checks on saved posts, the publish-ready bundle (built by
 * `bundle-export.ts`) and turning a site-cache entry back into a post. Both hosts use it; browser
 * mode offers a bundle written to the exports folder as a download.
 */
export class PublishServiceImpl implements PublishService {
  constructor(private readonly deps: PublishServiceDeps) {}

  async siteIndex(): Promise<SiteIndex> {
    return buildSiteIndex(this.deps.fs, this.deps.context.require())
  }

  async check(files?: string[]): Promise<Finding[]> {
    const site = this.deps.context.require()
    const index = await buildSiteIndex(this.deps.fs, site)
    return checkSavedPosts(this.deps.fs, site, index, files ?? undefined)
  }

  async export(files: string | string[], options: ExportOptions = {}): Promise<ExportResult> {
    const site = this.deps.context.require()
    if (options !== null && (typeof options !== 'object' || Array.isArray(options))) throw new ServiceError('invalid-argument', 'Export options must be an object')
    const opts: ExportOptions = { ...(options ?? {}) }
    if (opts.format !== undefined && opts.format !== 'zip' && opts.format !== 'folder') throw new ServiceError('invalid-argument', 'format must be "zip" or "folder"')
    if (opts.out !== undefined && (typeof opts.out !== 'string' || !path.isAbsolute(opts.out))) throw new ServiceError('invalid-argument', 'out must be an absolute path')
    const defaulted = opts.out === undefined
    if (defaulted) opts.overwrite = true // the app's own exports folder: a new export of a post replaces the last one
    const index = await buildSiteIndex(this.deps.fs, site)
    const list = await expandFiles(this.deps.fs, site.contentRoot, files, index)
    const findings = await checkSavedPosts(this.deps.fs, site, index, list)
    const result = await exportBundle({
      fs: this.deps.fs,
      site,
      files: list,
      options: opts,
      findings,
      inkpostVersion: this.deps.inkpostVersion,
      defaultOut: (name) => path.join(this.deps.exportsDir, opts.format === 'folder' ? name.replace(/\.zip$/i, '') : name),
      onProgress: this.deps.onProgress,
    })
    if (this.deps.downloadBase && result.format === 'zip' && path.dirname(result.out) === path.resolve(this.deps.exportsDir)) {
      result.downloadUrl = `${this.deps.downloadBase}/${encodeURIComponent(path.basename(result.out))}`
    }
    return result
  }

  async importCache(json: string, file?: string): Promise<PostDocument> {
    const site = this.deps.context.require()
    let entry: unknown
    try {
      entry = JSON.parse(json)
    } catch (error) {
      throw new ServiceError('invalid-argument', `The cache entry is not valid JSON: ${(error as Error).message}`)
    }
    let converted: { text: string; file: string; warnings: string[] }
    try {
      converted = cacheEntryToMarkdown(entry)
    } catch (error) {
      throw new ServiceError('invalid-argument', error instanceof Error ? error.message : String(error))
    }
    const wanted = file ?? converted.file
    splitRelativePath(wanted, 'post')
    if (!wanted.toLowerCase().endsWith('.md')) throw new ServiceError('invalid-argument', `"${wanted}" is not a markdown post (.md)`)
    const target = await freePostName(this.deps.fs, site.contentRoot, wanted)
    await this.deps.post.save(target, converted.text, null)
    return this.deps.post.read(target)
  }
}
