import type { MinimarkNode, ParsedContent } from '../parser/parse-types'
import { frontmatterBounds } from '../parser/split-frontmatter'
import { lineColumnAt } from '../parser/source-position'
import { IMAGE_FILE_PATTERN } from './image-type'

/** How a post refers to an image. */
export type ImageReferenceKind = 'image' | 'html' | 'component' | 'frontmatter'

/** One image a post references, with where it is written in the post's text. */
export interface ImageReference {
  /** The URL as the site renders it (e.g. `/images/blogImg/2024-01-16-1.png`). */
  src: string
  kind: ImageReferenceKind
  /** The element or frontmatter key that holds it (`img`, `video`, a component name, `cover`, …). */
  where: string
  /** Character range of the URL in the post's text, when it could be found there. */
  from: number
  to: number
  /** 1-based line and column of `from`. */
  line: number
  column: number
}

/** What kind of URL an image reference is, without looking at the disk. */
export type ImageUrlKind = 'site' | 'relative' | 'remote' | 'inline' | 'unsupported'

/** Element attributes that hold an image or media URL. */
const MEDIA_PROPS = new Set(['src', 'poster'])
/** Frontmatter keys whose string values are images even without an image extension. */
const IMAGE_KEYS = /^(cover|image|images|img|thumbnail|thumb|banner|hero|heroImage|ogImage|og_image|poster|avatar|featuredImage|featured_image|socialImage)$/i
/** A value that looks like a path or URL to an image file (no spaces, image extension, optional query/hash). */
const IMAGE_PATH = /^(?:https?:\/\/|\/|\.{1,2}\/)?[^\s<>"'`]+\.(?:png|jpe?g|gif|webp|avif|svg)(?:[?#][^\s]*)?$/i

/** Classifies an image URL: a site path (`/images/x.png`), relative to the page, remote (`https:`, `//host`), inline (`data:`, `blob:`) or another scheme. */
export function classifyImageUrl(src: string): ImageUrlKind {
  const value = src.trim()
  if (/^(?:https?:)?\/\//i.test(value) || /^\/\\|^\\\\/.test(value)) return 'remote'
  if (/^(?:data|blob):/i.test(value)) return 'inline'
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) return 'unsupported'
  if (value.startsWith('/')) return 'site'
  return 'relative'
}

/** The path part of a site or relative URL, percent-decoded when that is valid (`/a%20b.png?x` → `/a b.png`). */
export function imageUrlPath(src: string): string {
  const path = src.trim().split(/[?#]/)[0]
  try {
    return decodeURI(path)
  } catch {
    return path
  }
}

interface Found {
  src: string
  kind: ImageReferenceKind
  where: string
  inFrontmatter: boolean
}

function looksLikeImage(value: string): boolean {
  return value.length < 2048 && IMAGE_PATH.test(value.trim())
}

function collectFromBody(nodes: MinimarkNode[], out: Found[], depth = 0): void {
  if (depth > 200) return
  for (const node of nodes) {
    if (node.type !== 'element') continue
    const tag = node.tag
    const builtin = tag === 'img' || tag === 'video' || tag === 'source' || tag === 'picture' || tag === 'audio'
    for (const [key, raw] of Object.entries(node.props ?? {})) {
      const values: string[] = []
      if (typeof raw === 'string') values.push(raw)
      else if (Array.isArray(raw)) for (const v of raw) if (typeof v === 'string') values.push(v)
      for (const value of values) {
        if (key === 'srcset' || key === 'srcSet') {
          for (const part of value.split(',')) {
            const url = part.trim().split(/\s+/)[0]
            if (url) out.push({ src: url, kind: builtin ? 'html' : 'component', where: tag, inFrontmatter: false })
          }
          continue
        }
        const media = MEDIA_PROPS.has(key) && (builtin || tag === 'img')
        if (tag === 'a' || tag === 'link') continue
        if (media || looksLikeImage(value)) {
          if (!value.trim()) continue
          out.push({ src: value, kind: tag === 'img' && key === 'src' ? 'image' : builtin ? 'html' : 'component', where: tag, inFrontmatter: false })
        }
      }
    }
    collectFromBody(node.children ?? [], out, depth + 1)
  }
}

function collectFromData(value: unknown, key: string, out: Found[], depth: number): void {
  if (depth > 6 || value === null || value === undefined) return
  if (typeof value === 'string') {
    if (looksLikeImage(value) || (IMAGE_KEYS.test(key) && value.trim() !== '' && !/\s/.test(value.trim()))) out.push({ src: value.trim(), kind: 'frontmatter', where: key, inFrontmatter: true })
    return
  }
  if (Array.isArray(value)) {
    for (const item of value.slice(0, 500)) collectFromData(item, key, out, depth + 1)
    return
  }
  if (typeof value === 'object' && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) collectFromData(v, IMAGE_KEYS.test(k) ? k : k === 'src' || k === 'url' ? key : k, out, depth + 1)
  }
}

/** Frontmatter keys the parser adds, not the writer. */
const GENERATED_KEYS = new Set(['title', 'description', 'body', 'excerpt'])

/**
 * Every image a parsed post references — markdown images, HTML `<img>`/`<video poster>`/`<source>`,
 * MDC `:img` and component props holding an image path, and frontmatter values such as `cover`,
 * `image`, `thumbnail` — in document order (frontmatter first), each located in `text` (the post's
 * source) by its URL: the n-th reference to a URL is matched to its n-th occurrence.
 */
export function collectImageReferences(parsed: Pick<ParsedContent, 'body'> & Record<string, unknown>, text: string): ImageReference[] {
  const found: Found[] = []
  for (const [key, value] of Object.entries(parsed)) {
    if (key.startsWith('_') || GENERATED_KEYS.has(key)) continue
    collectFromData(value, key, found, 0)
  }
  collectFromBody(parsed.body?.children ?? [], found)
  const bounds = frontmatterBounds(text)
  const bodyFrom = bounds ? bounds.bodyFrom : 0
  const cursors = new Map<string, number>()
  return found.map((ref) => {
    const regionStart = ref.inFrontmatter ? 0 : bodyFrom
    const regionEnd = ref.inFrontmatter ? bodyFrom : text.length
    const key = `${ref.inFrontmatter ? 'f' : 'b'}:${ref.src}`
    const start = Math.max(cursors.get(key) ?? regionStart, regionStart)
    const candidates = [ref.src, imageUrlPath(ref.src), safeDecodeUri(ref.src)]
    let from = -1
    let length = ref.src.length
    for (const candidate of candidates) {
      if (!candidate) continue
      const at = text.indexOf(candidate, start)
      if (at !== -1 && at < regionEnd && (from === -1 || at < from)) { from = at; length = candidate.length }
    }
    if (from === -1) {
      const at = text.indexOf(ref.src, regionStart)
      from = at !== -1 && at < regionEnd ? at : regionStart
      length = at !== -1 ? ref.src.length : 0
    }
    cursors.set(key, from + Math.max(1, length))
    const where = lineColumnAt(text, from)
    return { src: ref.src, kind: ref.kind, where: ref.where, from, to: from + length, line: where.line, column: where.column }
  })
}

function safeDecodeUri(value: string): string {
  try {
    return decodeURI(value)
  } catch {
    return value
  }
}

/** True for names of files that are images by their extension (for scanning the image folder). */
export function isImageFileName(name: string): boolean {
  return IMAGE_FILE_PATTERN.test(name)
}
