import path from 'node:path'
import type { SiteIndex } from '../../shared/checks/finding'
import { urlPathFor } from '../../shared/parser/index'
import { isTempName } from './atomic-write'
import { errnoCode, type FsDirent, type ServiceFs } from './fs-facade'
import { toServiceError } from './io-error'
import type { OpenSite } from './site-context'
import { isInside, toRelative } from './site-paths'

/** Most public files indexed (a site with more is indexed partially; image checks then see only these). */
export const MAX_PUBLIC_FILES = 20_000

/** Names Nuxt Content ignores (dot or dash prefix) and our own temp files: the one rule the library, the index and the image report skip by. */
export function ignoredPostName(name: string): boolean {
  return name.startsWith('.') || name.startsWith('-') || isTempName(name)
}

/** Whether a directory entry is a folder or a file, following a symlink only when it stays inside `siteRoot`. */
async function entryKind(fs: ServiceFs, full: string, entry: FsDirent, siteRoot: string): Promise<'dir' | 'file' | null> {
  if (!entry.isSymbolicLink()) return entry.isDirectory() ? 'dir' : entry.isFile() ? 'file' : null
  try {
    const target = await fs.realpath(full)
    if (!isInside(siteRoot, target)) return null
    const stat = await fs.stat(target)
    return stat.isDirectory() ? 'dir' : stat.isFile() ? 'file' : null
  } catch {
    return null
  }
}

/** Every post file (absolute) below `dir`, like the library lists them: `.md`, ignored names skipped, links out of the site not followed. */
async function walkPosts(fs: ServiceFs, dir: string, siteRoot: string, visited: Set<string>): Promise<string[]> {
  const real = await fs.realpath(dir)
  if (visited.has(real) || !isInside(siteRoot, real)) return []
  visited.add(real)
  const out: string[] = []
  for (const entry of await fs.readdir(dir)) {
    if (ignoredPostName(entry.name)) continue
    const full = path.join(dir, entry.name)
    const kind = await entryKind(fs, full, entry, siteRoot)
    if (kind === 'dir') out.push(...(await walkPosts(fs, full, siteRoot, visited)))
    else if (kind === 'file' && entry.name.toLowerCase().endsWith('.md')) out.push(full)
  }
  return out
}

/** Every post of the open site (absolute paths, sorted), as the library lists them; links that leave the site are not followed. */
export async function listPostFiles(fs: ServiceFs, site: OpenSite): Promise<string[]> {
  return (await walkPosts(fs, site.contentRoot, site.root, new Set())).sort()
}

/** Every file below the public folder with its size (sorted walk), skipping dot-folders, stopping at {@link MAX_PUBLIC_FILES}. */
async function walkPublic(fs: ServiceFs, publicRoot: string, siteRoot: string): Promise<Array<{ src: string; bytes: number }>> {
  const out: Array<{ src: string; bytes: number }> = []
  const visited = new Set<string>()
  const walk = async (dir: string): Promise<void> => {
    const real = await fs.realpath(dir)
    if (visited.has(real) || !isInside(siteRoot, real)) return
    visited.add(real)
    const entries = [...(await fs.readdir(dir))].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      if (out.length >= MAX_PUBLIC_FILES) return
      const full = path.join(dir, entry.name)
      const kind = await entryKind(fs, full, entry, siteRoot)
      if (kind === 'dir') {
        if (!entry.name.startsWith('.')) await walk(full)
      }
      else if (kind === 'file') {
        let bytes = 0
        try { bytes = (await fs.stat(full)).size } catch { continue } // vanished while indexing
        out.push({ src: '/' + toRelative(publicRoot, full), bytes })
      }
    }
  }
  try {
    await walk(publicRoot)
  } catch (error) {
    const code = errnoCode(error)
    if (code === 'ENOENT' || code === 'ENOTDIR') return out // no public folder: nothing is served from it
    throw error
  }
  return out
}

/**
 * What the pre-publish checks need to know about the open site: every post with the URL path Nuxt
 * Content gives it (from the file name alone: only the path is parsed, which is fast), every file
 * the site serves from its public folder with its size, and whether the site allows unsafe HTML.
 * Reads the disk through `fs` only; a missing public folder gives `publicFiles: []`.
 */
export async function buildSiteIndex(fs: ServiceFs, site: OpenSite): Promise<SiteIndex> {
  let postFiles: string[]
  let publicFiles: Array<{ src: string; bytes: number }>
  try {
    postFiles = (await listPostFiles(fs, site)).map((absolute) => toRelative(site.contentRoot, absolute)).sort()
  } catch (error) {
    throw toServiceError(error, `list the posts in ${site.contentRoot}`)
  }
  try {
    publicFiles = await walkPublic(fs, site.publicRoot, site.root)
  } catch (error) {
    throw toServiceError(error, `list the files in ${site.publicRoot}`)
  }
  const posts = postFiles.map((file) => ({ file, path: urlPathFor(file) }))
  const allowUnsafeHtml = (site.info.settings as { allowUnsafeHtml?: boolean }).allowUnsafeHtml === true
  return { posts, publicFiles, allowUnsafeHtml }
}


